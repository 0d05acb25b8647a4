using System.IO.Compression;
using System.Security;
using System.Text;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// .xlsx bodies for import tests, good and hostile, built part by part so a test can add macros, merges, formulas or
/// a missing sheet the way a crafted or damaged file would carry them.
/// </summary>
internal static class Workbooks
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook of one sheet whose rows are these cells (text as inline strings, as Excel's "A1" rows).</summary>
    public static byte[] Of(IEnumerable<IReadOnlyList<string>> rows, string? afterSheetData = null) => Build(SheetData(rows), afterSheetData);

    /// <summary>The &lt;sheetData&gt; of rows of text cells, numbered from 1; digits-only cells written as numbers.</summary>
    public static string SheetData(IEnumerable<IReadOnlyList<string>> rows)
    {
        var xml = new StringBuilder("<sheetData>");
        var number = 0;
        foreach (var row in rows)
        {
            number++;
            xml.Append("<row r=\"").Append(number).Append("\">");
            for (var column = 0; column < row.Count; column++)
            {
                var reference = Frontline.Exports.Sheet.Column(column) + number;
                var cell = row[column];
                if (cell.Length > 0 && cell.Length < 8 && cell.All(char.IsAsciiDigit))
                {
                    xml.Append("<c r=\"").Append(reference).Append("\"><v>").Append(cell).Append("</v></c>");
                }
                else if (cell.Length > 0)
                {
                    xml.Append("<c r=\"").Append(reference).Append("\" t=\"inlineStr\"><is><t>").Append(SecurityElement.Escape(cell)).Append("</t></is></c>");
                }
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData>").ToString();
    }

    /// <summary>
    /// A workbook around <paramref name="sheetData"/>: <paramref name="afterSheetData"/> goes after it (mergeCells),
    /// <paramref name="extraParts"/> are added as they are, <paramref name="contentType"/> replaces the workbook's
    /// main content type, and <paramref name="withSheetPart"/> false leaves the sheet the workbook names out of the zip.
    /// </summary>
    public static byte[] Build(
        string sheetData,
        string? afterSheetData = null,
        IEnumerable<(string Path, byte[] Content)>? extraParts = null,
        string contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        bool withSheetPart = true,
        string sheets = "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>",
        string? sharedStrings = null,
        string prolog = "")
    {
        var parts = new List<(string Path, byte[] Content)>
        {
            ("[Content_Types].xml", Utf8($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{contentType}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""")),
            ("_rels/.rels", Utf8("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""")),
            ("xl/workbook.xml", Utf8($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>""")),
            ("xl/_rels/workbook.xml.rels", Utf8("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""")),
        };
        if (withSheetPart)
        {
            parts.Add(("xl/worksheets/sheet1.xml", Utf8($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet xmlns="{Main}">{sheetData}{afterSheetData}</worksheet>""")));
        }

        if (sharedStrings is not null)
        {
            parts.Add(("xl/sharedStrings.xml", Utf8($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Main}">{sharedStrings}</sst>""")));
        }

        parts.AddRange(extraParts ?? []);
        return Zip(parts);
    }

    public static byte[] Zip(IEnumerable<(string Path, byte[] Content)> parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in parts)
            {
                using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A sheet of <paramref name="megabytes"/> MB of blanks inside one cell's text: tiny zipped, huge inflated.</summary>
    public static byte[] Bomb(int megabytes) =>
        Build("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + new string(' ', megabytes * 1024 * 1024) + "</t></is></c></row></sheetData>");

    /// <summary>
    /// A header and <paramref name="count"/> rows as Excel writes a long sheet: text once in the shared strings, each
    /// row a few short cells, so 100,000 rows stay a small upload.
    /// </summary>
    public static byte[] ManyRows(int count)
    {
        var xml = new StringBuilder("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
        for (var row = 2; row <= count + 1; row++)
        {
            xml.Append("<row r=\"").Append(row).Append("\"><c r=\"A").Append(row).Append("\" t=\"s\"><v>1</v></c><c r=\"B").Append(row).Append("\"><v>1</v></c></row>");
        }

        return Build(xml.Append("</sheetData>").ToString(), sharedStrings: "<si><t>siteId</t></si><si><t>site-1</t></si>");
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
