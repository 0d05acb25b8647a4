using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontline.Http;

/// <summary>RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, UTF-8 (a BOM from Excel or none) or GBK from Chinese Excel and WPS.</summary>
public static class Csv
{
    public const string MediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// GB18030 (code page 54936), the superset of GBK and GB2312 that Chinese Excel and WPS save "CSV" in. It needs the
    /// code-page provider registered, and an exception fallback so a byte that is not GB18030 is refused, not turned
    /// into '?' and stored.
    /// </summary>
    private static readonly Lazy<Encoding> StrictGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private enum Charset
    {
        Undeclared,
        Utf8,
        Gb18030,
    }

    /// <summary>
    /// A CSV body: exactly <c>text/csv</c>, at most <paramref name="limitBytes"/>, in UTF-8 (with or without a BOM) or
    /// GBK/GB18030, as <c>charset</c> declares or, undeclared, as the bytes show (strict UTF-8 first, then GB18030).
    /// A body that is not in the charset it declares, or not text in either, is refused naming <c>charset</c> and
    /// the first bad line, never read as mojibake into the store.
    /// </summary>
    public static async Task<(List<Dictionary<string, string>>? Rows, IResult? Problem)> ReadBodyAsync(HttpRequest request, int limitBytes, CancellationToken cancellationToken)
    {
        if (DeclaredCharset(request) is not { } charset)
        {
            return (null, Problems.UnsupportedMediaType(MediaType + "; charset=utf-8 or gbk", request.ContentType));
        }

        var (bytes, tooLarge) = await JsonBody.ReadLimitedAsync(request, limitBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        var (text, problem) = Decode(bytes!, charset);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var rows = ReadWithHeader(text!);
            return rows.Count == 0
                ? (null, Problems.Validation("rows", "The CSV has no rows: send a header line and at least one row."))
                : (rows, null);
        }
        catch (FormatException malformed)
        {
            return (null, Problems.BadRequest("The CSV is malformed.", malformed.Message));
        }
    }

    /// <summary>text/csv with no charset, or one we read; null for anything else (a 415).</summary>
    private static Charset? DeclaredCharset(HttpRequest request)
    {
        if (request.ContentType is not { } contentType
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !string.Equals(parsed.MediaType.Value, MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!parsed.Charset.HasValue)
        {
            return Charset.Undeclared;
        }

        return parsed.Charset.Value!.Trim('"').ToLowerInvariant() switch
        {
            "utf-8" or "utf8" => Charset.Utf8,
            "gbk" or "gb2312" or "gb18030" or "cp936" => Charset.Gb18030,
            _ => null,
        };
    }

    /// <summary>The text of a CSV body in its charset, or the problem that says why it is not that charset.</summary>
    private static (string? Text, IResult? Problem) Decode(byte[] bytes, Charset charset)
    {
        // UTF-16 without a BOM: the header's first character is ASCII, so one of its two bytes is a NUL. (A NUL
        // later in a UTF-8 file is left to the field rules, which name the cell.)
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, _, ..] or [_, 0, ..])
        {
            return (null, CharsetProblem("The CSV is UTF-16 or not text.", "Save it as \"CSV UTF-8\" (or as CSV in GBK) and send it again."));
        }

        var bom = bytes is [0xEF, 0xBB, 0xBF, ..];
        var firstBadUtf8 = FirstInvalidUtf8(bytes);
        if (charset == Charset.Gb18030)
        {
            // Valid UTF-8 with Chinese in it, labelled GBK, would be stored as mojibake: GBK reads each UTF-8
            // character as one and a half others without complaint. Plain ASCII is the same in both, so it is fine.
            if (bom || (firstBadUtf8 < 0 && bytes.Any(b => b >= 0x80)))
            {
                return (null, CharsetProblem("The CSV is declared GBK but is UTF-8.",
                    "Declared charset=gbk, but the body is UTF-8 text. Send it as text/csv; charset=utf-8 (or without a charset)."));
            }

            return DecodeGb18030(bytes, "Declared charset=gbk");
        }

        if (firstBadUtf8 < 0)
        {
            return (StrictUtf8.GetString(bytes), null);
        }

        if (charset == Charset.Utf8 || bom)
        {
            return (null, CharsetProblem("The CSV is declared UTF-8 but is not.",
                $"{(bom ? "It begins with a UTF-8 BOM" : "Declared charset=utf-8")}, but line {LineOf(bytes, firstBadUtf8)} is not UTF-8 (GBK text?). " +
                "Send it as text/csv; charset=gbk, or save it as \"CSV UTF-8\"."));
        }

        return DecodeGb18030(bytes, $"Line {LineOf(bytes, firstBadUtf8)} is not UTF-8, and read as GBK/GB18030");
    }

    private static (string? Text, IResult? Problem) DecodeGb18030(byte[] bytes, string what)
    {
        try
        {
            return (StrictGb18030.Value.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            // GB18030 never uses 0x0A inside a character (trail bytes are 0x30 and up), so decoding line by line
            // finds the first bad line exactly.
            var line = 1;
            var start = 0;
            for (var i = 0; i <= bytes.Length; i++)
            {
                if (i == bytes.Length || bytes[i] == (byte)'\n')
                {
                    try
                    {
                        StrictGb18030.Value.GetString(bytes, start, i - start);
                    }
                    catch (DecoderFallbackException)
                    {
                        break;
                    }

                    line++;
                    start = i + 1;
                }
            }

            return (null, CharsetProblem("The CSV is neither UTF-8 nor GBK.",
                $"{what}, line {line} is not GBK/GB18030 either. Save it as \"CSV UTF-8\" and send it again."));
        }
    }

    /// <summary>The byte offset of the first invalid UTF-8 sequence, or -1 when all of it is UTF-8.</summary>
    private static int FirstInvalidUtf8(byte[] bytes)
    {
        var chars = new char[Math.Min(bytes.Length, 64 * 1024) + 4];
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(offset), chars, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status == System.Buffers.OperationStatus.InvalidData || status == System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset;
            }

            if (status == System.Buffers.OperationStatus.Done)
            {
                return -1;
            }
        }

        return -1;
    }

    private static int LineOf(byte[] bytes, int offset) => bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n') + 1;

    private static ValidationProblem CharsetProblem(string title, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { ["charset"] = [message] }, title);

    /// <summary>
    /// A cell that a spreadsheet would run as a formula when the data is opened or exported again (=, +, -, @, or a
    /// tab or carriage return before them). Imports refuse such cells rather than store them.
    /// </summary>
    public static bool IsFormula(string? cell) =>
        cell is { Length: > 0 } && cell.TrimStart(' ') is { Length: > 0 } trimmed && trimmed[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Adds an error for every formula-like cell of a row; the one place that rule is stated for imports.</summary>
    public static void RefuseFormulas(IReadOnlyDictionary<string, string> row, IDictionary<string, string[]> errors)
    {
        foreach (var (column, value) in row)
        {
            if (IsFormula(value))
            {
                errors[column] = ["Begins with =, +, -, @, a tab or a carriage return, which a spreadsheet runs as a formula."];
            }
        }
    }

    public static List<Dictionary<string, string>> ReadWithHeader(string text) => WithHeader(Read(text));

    /// <summary>
    /// Rows keyed by the first row's names (a CSV's or a sheet's), blank rows left out; a name twice is a
    /// <see cref="FormatException"/>.
    /// </summary>
    public static List<Dictionary<string, string>> WithHeader(List<List<string>> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0].Select(name => name.Trim()).ToArray();
        if (header.Where(name => name.Length > 0).GroupBy(name => name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(names => names.Count() > 1) is { } twice)
        {
            throw new FormatException($"The column '{twice.Key}' appears twice in the header line.");
        }

        // Columns without a name (a trailing comma in the header) are ignored.
        return rows.Skip(1)
            .Where(row => row.Any(cell => cell.Length > 0))
            .Select(row => header.Select((name, index) => (name, value: index < row.Count ? row[index] : ""))
                .Where(pair => pair.name.Length > 0)
                .ToDictionary(pair => pair.name, pair => pair.value.Trim(), StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    public static List<List<string>> Read(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            throw new FormatException($"A quoted field opened on line {rows.Count + 1} is never closed.");
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
