using System.Text;
using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM from Excel.</summary>
public static class Csv
{
    public const string MediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A CSV body: exactly <c>text/csv</c>, at most <paramref name="limitBytes"/>, and strict UTF-8 (a GBK or UTF-16
    /// file is refused with a way out, not read as mojibake into the catalog).
    /// </summary>
    public static async Task<(List<Dictionary<string, string>>? Rows, IResult? Problem)> ReadBodyAsync(HttpRequest request, int limitBytes, CancellationToken cancellationToken)
    {
        if (JsonBody.ContentTypeProblem(request, MediaType) is { } unsupported)
        {
            return (null, unsupported);
        }

        var (bytes, tooLarge) = await JsonBody.ReadLimitedAsync(request, limitBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes!);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.BadRequest("The CSV is not UTF-8.", "Save it as \"CSV UTF-8\" and send it again."));
        }

        try
        {
            var rows = ReadWithHeader(text);
            return rows.Count == 0
                ? (null, Problems.Validation("rows", "The CSV has no rows: send a header line and at least one row."))
                : (rows, null);
        }
        catch (FormatException malformed)
        {
            return (null, Problems.BadRequest("The CSV is malformed.", malformed.Message));
        }
    }

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

    public static List<Dictionary<string, string>> ReadWithHeader(string text)
    {
        var rows = Read(text);
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
