using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Frontline.Http;
using Microsoft.AspNetCore.Http;

namespace Frontline.Spreadsheets;

/// <summary>
/// Reads the first sheet of an .xlsx as rows of text, for imports. The zip is checked before any XML is parsed (entry
/// count, declared sizes, compression ratio, then the bytes actually inflated, since a zip's sizes can lie), macros are
/// refused, merged cells are refused (the rows under a merge would be read as empty), and a formula is read as the
/// value Excel cached for it or, without one, refused naming the cell. Written on System.IO.Compression and XmlReader:
/// every check above needs the raw parts anyway, and a spreadsheet library would hide formulas and merges from them.
/// </summary>
public static class Xlsx
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>More than a workbook of a few sheets and styles has, far less than a crafted zip needs to hurt.</summary>
    public const int MaxEntries = 100;

    /// <summary>All parts together, inflated: a 10,000-row catalog is about 3 MB of sheet XML.</summary>
    public const long MaxUncompressedBytes = 16 * 1024 * 1024;

    /// <summary>Sheet XML compresses 10 to 30 times; a bomb, thousands of times.</summary>
    public const int MaxCompressionRatio = 100;

    public const int MaxColumns = 64;

    private const string SheetMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Safe = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>
    /// The first sheet's rows (a header and at most <paramref name="maxRows"/> more), cells as text; or a 400 problem
    /// naming <c>file</c>, <c>sheet</c>, <c>rows</c> or the cell, with nothing read further.
    /// </summary>
    public static (List<List<string>>? Rows, IResult? Problem) Read(byte[] bytes, int maxRows)
    {
        if (bytes is not [0x50, 0x4B, 0x03, 0x04, ..])
        {
            return Refuse("file", "The body is not an .xlsx workbook (not a zip file). Save it in Excel or WPS as \"Excel 工作簿 (*.xlsx)\".");
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (Container(zip) is { } refused)
            {
                return (null, refused);
            }

            var budget = new Budget(MaxUncompressedBytes);
            var sheetPath = FirstSheetPath(zip, budget, out var sheetProblem);
            if (sheetPath is null)
            {
                return (null, sheetProblem);
            }

            var strings = SharedStrings(zip, budget);
            var dateStyles = DateStyles(zip, budget);
            return ReadSheet(zip.GetEntry(sheetPath)!, new Parts(strings, dateStyles), budget, maxRows);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or NotSupportedException)
        {
            // Damaged, encrypted, or packed with a compression method System.IO.Compression does not read.
            return Refuse("file", "The .xlsx is not a readable zip file (damaged, encrypted or not a workbook).");
        }
        catch (XmlException bad)
        {
            return Refuse("file", $"The .xlsx holds XML that is not well-formed (line {bad.LineNumber}).");
        }
        catch (BudgetExceeded)
        {
            return Refuse("file", $"The .xlsx inflates to more than {MaxUncompressedBytes / (1024 * 1024)} MB (a zip bomb?).");
        }
        catch (Refusal refusal)
        {
            return Refuse(refusal.Field, refusal.Message);
        }
    }

    /// <summary>The zip as a whole, before a byte of it is inflated: size, shape and macros.</summary>
    private static IResult? Container(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            return Refuse("file", $"The .xlsx has {zip.Entries.Count} parts; a workbook to import has at most {MaxEntries}.").Problem;
        }

        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || entry.FullName.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) && entry.FullName.Contains("vba", StringComparison.OrdinalIgnoreCase))
            {
                return Refuse("file", $"The workbook contains macros ({entry.FullName}). Save it as \"Excel 工作簿 (*.xlsx)\", without macros.").Problem;
            }

            declared += entry.Length;
            if (declared > MaxUncompressedBytes)
            {
                return Refuse("file", $"The .xlsx inflates to more than {MaxUncompressedBytes / (1024 * 1024)} MB (a zip bomb?).").Problem;
            }

            if (entry.Length > 64 * 1024 && entry.Length > (long)MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
            {
                return Refuse("file", $"The part {entry.FullName} is compressed more than {MaxCompressionRatio} to 1 (a zip bomb?).").Problem;
            }
        }

        return null;
    }

    /// <summary>The first sheet's part, through the workbook and its relationships; macro-enabled content types refused.</summary>
    private static string? FirstSheetPath(ZipArchive zip, Budget budget, out IResult? problem)
    {
        problem = null;
        if (zip.GetEntry("[Content_Types].xml") is not { } types)
        {
            problem = Refuse("file", "The .xlsx has no [Content_Types].xml: it is not a workbook.").Problem;
            return null;
        }

        foreach (var (name, attributes) in Elements(types, budget, "Default", "Override"))
        {
            if (attributes.GetValueOrDefault("ContentType") is { } contentType
                && (contentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || contentType.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            {
                problem = Refuse("file", $"The workbook is macro-enabled ({contentType}). Save it as \"Excel 工作簿 (*.xlsx)\", without macros.").Problem;
                return null;
            }
        }

        if (zip.GetEntry("xl/workbook.xml") is not { } workbook)
        {
            problem = Refuse("sheet", "The .xlsx has no workbook part (xl/workbook.xml), so no sheet to read.").Problem;
            return null;
        }

        var firstSheet = Elements(workbook, budget, "sheet").Select(sheet => sheet.Attributes).FirstOrDefault();
        if (firstSheet?.GetValueOrDefault("r:id") is not { } relationshipId)
        {
            problem = Refuse("sheet", "The workbook has no sheet. Put the rows on its first sheet.").Problem;
            return null;
        }

        var target = zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels
            ? Elements(rels, budget, "Relationship").Select(relationship => relationship.Attributes)
                .FirstOrDefault(relationship => relationship.GetValueOrDefault("Id") == relationshipId)?.GetValueOrDefault("Target")
            : null;
        var path = target is null ? null : target.StartsWith('/') ? target[1..] : "xl/" + target;
        if (path is null || zip.GetEntry(path) is null)
        {
            problem = Refuse("sheet", $"The sheet '{firstSheet.GetValueOrDefault("name")}' is missing from the .xlsx ({path ?? "no part named"}).").Problem;
            return null;
        }

        return path;
    }

    /// <summary>The shared strings, each the text of its runs (phonetic guides left out).</summary>
    private static List<string> SharedStrings(ZipArchive zip, Budget budget)
    {
        var strings = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry)
        {
            return strings;
        }

        using var reader = Open(entry, budget);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(InlineText(reader));
            }
        }

        return strings;
    }

    /// <summary>
    /// The cell styles (indexes into cellXfs) that show a number as a date: the built-in date formats, the Chinese
    /// ones Excel and WPS use (yyyy"年"m"月"d"日"), and custom formats with a year or a day in them.
    /// </summary>
    private static HashSet<int> DateStyles(ZipArchive zip, Budget budget)
    {
        var styles = new HashSet<int>();
        if (zip.GetEntry("xl/styles.xml") is not { } entry)
        {
            return styles;
        }

        var customDates = new HashSet<int>();
        var inCellFormats = false;
        var index = 0;
        using var reader = Open(entry, budget);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "numFmt" && int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var custom)
                && IsDateFormat(reader.GetAttribute("formatCode")))
            {
                customDates.Add(custom);
            }
            else if (reader.LocalName == "cellXfs")
            {
                inCellFormats = !reader.IsEmptyElement;
            }
            else if (reader.LocalName == "xf" && inCellFormats)
            {
                var format = int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
                if (format is (>= 14 and <= 17) or (>= 27 and <= 31) or (>= 34 and <= 36) or (>= 50 and <= 58) || customDates.Contains(format))
                {
                    styles.Add(index);
                }

                index++;
            }
        }

        return styles;
    }

    /// <summary>A number format with a year or a day in it, once quoted text, [colours] and escaped characters are left out.</summary>
    private static bool IsDateFormat(string? code)
    {
        if (code is null)
        {
            return false;
        }

        var bare = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "");
        return bare.Contains('y', StringComparison.OrdinalIgnoreCase) || bare.Contains('d', StringComparison.OrdinalIgnoreCase);
    }

    private static (List<List<string>>? Rows, IResult? Problem) ReadSheet(ZipArchiveEntry entry, Parts parts, Budget budget, int maxRows)
    {
        var rows = new List<List<string>>();
        using var reader = Open(entry, budget);
        var rowNumber = 0;
        List<string>? row = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != SheetMain)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "row":
                    var numbered = reader.GetAttribute("r");
                    rowNumber = numbered is null ? rowNumber + 1 : int.TryParse(numbered, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
                    if (rowNumber < 1)
                    {
                        return Refuse("sheet", $"A row is numbered '{numbered}', which is not a row number.");
                    }

                    if (rowNumber > maxRows + 1)
                    {
                        return Refuse("rows", $"The sheet has more than {maxRows} rows under its header; send at most {maxRows}.");
                    }

                    // Rows are numbered from 1 and may skip empty ones; keep the numbering so row N is line N.
                    while (rows.Count < rowNumber)
                    {
                        rows.Add([]);
                    }

                    row = rows[rowNumber - 1];
                    break;
                case "c" when row is not null:
                    var reference = reader.GetAttribute("r");
                    var column = reference is null ? row.Count : ColumnIndex(reference);
                    if (column < 0)
                    {
                        return Refuse("sheet", $"A cell in row {rowNumber} is named '{reference}', which is not a cell reference.");
                    }

                    if (column >= MaxColumns)
                    {
                        return Refuse("sheet", $"The cell {reference} is beyond column {Exports.Sheet.Column(MaxColumns - 1)}; a sheet to import has at most {MaxColumns} columns.");
                    }

                    var value = Cell(reader, reference ?? Exports.Sheet.Column(column) + rowNumber.ToString(CultureInfo.InvariantCulture), parts);
                    while (row.Count <= column)
                    {
                        row.Add("");
                    }

                    row[column] = value;
                    break;
                case "mergeCell":
                    var range = reader.GetAttribute("ref");
                    return Refuse("sheet", $"The cells {range} are merged. Unmerge them and fill every cell, so each row stands on its own.");
            }
        }

        return (rows, null);
    }

    /// <summary>
    /// A cell's text: a shared or inline string, a number or boolean as written, a formula as its cached value. A
    /// formula without one (the file was never calculated) or an error value is refused naming the cell.
    /// </summary>
    private static string Cell(XmlReader reader, string reference, Parts parts)
    {
        var type = reader.GetAttribute("t") ?? "n";
        var date = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style) && parts.DateStyles.Contains(style);
        if (reader.IsEmptyElement)
        {
            return "";
        }

        string? value = null;
        string? inline = null;
        var formula = false;
        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "f":
                    formula = true;
                    break;
                case "v":
                    value = reader.ReadElementContentAsString();
                    // ReadElementContentAsString moves past the end tag; the loop must not read past the cell's own end.
                    if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                    {
                        return Typed(type, value, reference, parts.Strings, formula, date);
                    }

                    break;
                case "is":
                    inline = InlineText(reader);
                    break;
            }
        }

        return inline ?? Typed(type, value, reference, parts.Strings, formula, date);
    }

    private static string Typed(string type, string? value, string reference, List<string> strings, bool formula, bool date)
    {
        if (formula && value is null)
        {
            throw new Refusal(reference, $"The cell {reference} is a formula without a calculated value. Open the file in Excel or WPS, save it, and send it again (or type the value).");
        }

        return type switch
        {
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                ? strings[index]
                : throw new Refusal(reference, $"The cell {reference} points at a shared string that is not there."),
            "b" => value == "1" ? "TRUE" : "FALSE",
            "e" => throw new Refusal(reference, $"The cell {reference} holds the error {value}."),
            "n" when date && value is not null => AsDate(value),
            _ => value ?? "",
        };
    }

    /// <summary>
    /// A date cell's serial number as yyyy-MM-dd, the form the imports read (with its time when it has one, which a
    /// day field then refuses); a number no date can be stays as written.
    /// </summary>
    private static string AsDate(string serial)
    {
        if (!double.TryParse(serial, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 2958465)
        {
            return serial;
        }

        var when = DateTime.FromOADate(number);
        return when.TimeOfDay == TimeSpan.Zero
            ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : when.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt;: its &lt;t&gt; and its runs' &lt;t&gt;, not the phonetic &lt;rPh&gt;.</summary>
    private static string InlineText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        var depth = reader.Depth;
        var phonetic = -1;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                phonetic = reader.Depth;
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == phonetic)
            {
                phonetic = -1;
            }
            else if (phonetic < 0 && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>"B3" → 1: the zero-based column of a cell reference.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }

            column = column * 26 + (ch - 'A' + 1);
            if (column > MaxColumns)
            {
                break;
            }
        }

        return column - 1;
    }

    private static IEnumerable<(string Name, Dictionary<string, string> Attributes)> Elements(ZipArchiveEntry entry, Budget budget, params string[] names)
    {
        using var reader = Open(entry, budget);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && names.Contains(reader.LocalName))
            {
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                {
                    // The relationship id keeps the prefix it has in every workbook Excel and WPS write: r:id.
                    attributes[reader.NamespaceURI == Relationships ? "r:" + reader.LocalName : reader.LocalName] = reader.Value;
                }

                reader.MoveToElement();
                yield return (reader.LocalName, attributes);
            }
        }
    }

    private static XmlReader Open(ZipArchiveEntry entry, Budget budget) =>
        XmlReader.Create(new CappedStream(entry.Open(), budget), Safe);

    private static (List<List<string>>? Rows, IResult? Problem) Refuse(string field, string message) =>
        (null, Problems.Validation(new Dictionary<string, string[]> { [field] = [message] }, "The spreadsheet cannot be imported."));

    /// <summary>What the cells point into: the shared strings, and the styles that make a number a date.</summary>
    private sealed record Parts(List<string> Strings, HashSet<int> DateStyles);

    /// <summary>A refusal from deep inside the reading, naming its field or cell.</summary>
    private sealed class Refusal(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }

    private sealed class BudgetExceeded : Exception;

    /// <summary>The bytes all parts may inflate to together, counted as they are read, whatever the zip declared.</summary>
    private sealed class Budget(long bytes)
    {
        private long left = bytes;

        public void Spend(int count)
        {
            left -= count;
            if (left < 0)
            {
                throw new BudgetExceeded();
            }
        }
    }

    private sealed class CappedStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Spend(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
