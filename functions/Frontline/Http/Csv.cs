using System.Text;

namespace Frontline.Http;

/// <summary>RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM from Excel.</summary>
public static class Csv
{
    public static List<Dictionary<string, string>> ReadWithHeader(string text)
    {
        var rows = Read(text);
        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0].Select(name => name.Trim()).ToArray();
        return rows.Skip(1)
            .Where(row => row.Any(cell => cell.Length > 0))
            .Select(row => header.Select((name, index) => (name, value: index < row.Count ? row[index] : ""))
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

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
