using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Frontline.Exports;

/// <summary>A table to export: a header row and rows whose cells are text or numbers (whole, or hours to a decimal).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The sheet as a download named <paramref name="baseName"/> (Chinese, sent as UTF-8 filename*) plus the format's extension.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Download(string baseName, ExportFormat format) => format == ExportFormat.Csv
        ? Microsoft.AspNetCore.Http.TypedResults.File(ToCsv(), "text/csv; charset=utf-8", baseName + ".csv")
        : Microsoft.AspNetCore.Http.TypedResults.File(ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", baseName + ".xlsx");

    /// <summary>
    /// CSV for Excel and WPS: UTF-8 with a BOM (so Chinese opens as Chinese), CRLF, RFC 4180 quoting, and any text
    /// cell that a spreadsheet would read as a formula (= + - @, tab, CR) prefixed with an apostrophe.
    /// </summary>
    public byte[] ToCsv()
    {
        var text = new StringBuilder();
        AppendRow(text, Header.Cast<object?>());
        foreach (var row in Rows)
        {
            AppendRow(text, row);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    /// <summary>
    /// A minimal SpreadsheetML workbook (.xlsx): one sheet, the header row bold-free and first, text as inline strings
    /// (never formulas), whole numbers as numbers. Written with System.IO.Compression, no spreadsheet library.
    /// </summary>
    public byte[] ToXlsx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Write(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Write(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(SheetName())}" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Write(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);

            var sheet = new StringBuilder();
            sheet.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""").Append('\n');
            sheet.Append("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            AppendXmlRow(sheet, 1, Header.Cast<object?>());
            for (var i = 0; i < Rows.Count; i++)
            {
                AppendXmlRow(sheet, i + 2, Rows[i]);
            }

            sheet.Append("</sheetData></worksheet>");
            Write(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }

        return buffer.ToArray();
    }

    /// <summary>"A", "B", … "Z", "AA": the column letters of a cell reference.</summary>
    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>A text cell that a spreadsheet would evaluate becomes text: '=cmd|… rather than =cmd|….</summary>
    public static string Neutralize(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private string SheetName()
    {
        // Excel: at most 31 characters, none of : \ / ? * [ ].
        var cleaned = new string(Name.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return cleaned.Length == 0 ? "Sheet1" : cleaned[..Math.Min(31, cleaned.Length)];
    }

    private static void AppendRow(StringBuilder text, IEnumerable<object?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            var value = cell switch
            {
                null => "",
                string s => Neutralize(s),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => Neutralize(cell.ToString() ?? ""),
            };
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }

        text.Append("\r\n");
    }

    private static void AppendXmlRow(StringBuilder sheet, int rowNumber, IEnumerable<object?> cells)
    {
        sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">");
        var column = 0;
        foreach (var cell in cells)
        {
            var reference = Column(column++) + rowNumber.ToString(CultureInfo.InvariantCulture);
            switch (cell)
            {
                case null:
                    break;
                case int or long or decimal:
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture)}</v></c>");
                    break;
                default:
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{XmlText(cell.ToString() ?? "")}</t></is></c>");
                    break;
            }
        }

        sheet.Append("</row>");
    }

    /// <summary>Escapes for XML and drops the characters XML 1.0 cannot carry at all.</summary>
    private static string XmlText(string value)
    {
        var kept = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '\t' or '\n' or '\r' || (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF))
            {
                kept.Append(ch);
            }
        }

        return SecurityElement.Escape(kept.ToString());
    }

    private static void Write(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content.Trim());
        stream.Write(bytes);
    }
}
