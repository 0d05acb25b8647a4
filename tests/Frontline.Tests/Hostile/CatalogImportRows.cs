using Frontline.Sites;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private static Hostile ImportUnits(string name, string csv, int status, string? field = null) =>
        new Hostile($"POST units import: {name}", "POST", "/api/units/import", status, field).As("coordinator").Csv(csv);

    private static Hostile ImportSites(string name, string csv, int status, string? field = null) =>
        new Hostile($"POST sites import: {name}", "POST", "/api/sites/import", status, field).As("coordinator").Csv(csv);

    /// <summary>A units CSV of one row, a good one but for one cell.</summary>
    internal static string UnitCsv(string column, string cell)
    {
        var cells = new Dictionary<string, string> { ["id"] = "unit-new", ["name"] = "新单位", ["parent"] = "", ["partyCommittee"] = "", ["contact"] = "", ["siteIds"] = "site-1" };
        cells[column] = cell;
        return CatalogImport.UnitsHeader + "\n" + string.Join(",", CatalogImport.UnitsHeader.Split(',').Select(name => cells[name])) + "\n";
    }

    /// <summary>A sites CSV of one row, a good one but for one cell.</summary>
    internal static string SiteCsv(string column, string cell)
    {
        var cells = new Dictionary<string, string>
        {
            ["id"] = "site-new", ["name"] = "新点位", ["type"] = "checkpoint", ["district"] = "鼓楼区", ["street"] = "", ["community"] = "三牌楼社区",
            ["address"] = "", ["contact"] = "", ["needed"] = "5", ["duties"] = "gate-control", ["openFrom"] = "", ["openTo"] = "",
        };
        cells[column] = cell;
        return CatalogImport.SitesHeader + "\n" + string.Join(",", CatalogImport.SitesHeader.Split(',').Select(name => cells[name])) + "\n";
    }

    /// <summary>Ids Azure Table keys forbid, or that are not ids: (label, cell).</summary>
    private static readonly (string Label, string Cell)[] BadIds =
    [
        ("slash", "unit/x"),
        ("backslash", "unit\\x"),
        ("hash", "unit#x"),
        ("question mark", "unit?x"),
        ("control character", "unit\u0001x"),
        ("DEL", "unit\u007Fx"),
        ("C1 control", "unit\u0085x"),
        ("dot-dot-slash", "../etc/passwd"),
        ("capitals", "UNIT-X"),
        ("one character", "u"),
        ("64 characters", new string('u', 64)),
        ("space inside", "\"unit x\""),
        ("Chinese", "新单位"),
        ("pipe", "unit|x"),
        ("empty", ""),
    ];

    private static Hostile ImportSheet(string name, string path, byte[] xlsx, int status, string? field = null) =>
        new Hostile($"POST {path[5..]}: {name}", "POST", path, status, field).As("coordinator").Raw(xlsx, Workbooks.MediaType);

    /// <summary>A header and one good row, split into cells, from a one-row import CSV.</summary>
    private static (string[] Header, string[] Row) Cells(string csv) => (csv.Split('\n')[0].Split(','), csv.Split('\n')[1].Split(','));

    public static Hostile[] CatalogImports =>
    [
        // Workbooks and charsets.
        .. HostileWorkbooks(Cells(UnitCsv("name", "新单位")).Header, Cells(UnitCsv("name", "新单位")).Row)
            .Select(bad => ImportSheet(bad.Label, "/api/units/import", bad.Xlsx, 400, bad.Field)),
        .. HostileWorkbooks(Cells(SiteCsv("name", "新点位")).Header, Cells(SiteCsv("name", "新点位")).Row)
            .Select(bad => ImportSheet(bad.Label, "/api/sites/import", bad.Xlsx, 400, bad.Field)),
        ImportSheet("name like a formula", "/api/units/import", Workbooks.Of([Cells(UnitCsv("name", "x")).Header, Cells(UnitCsv("name", "=1+1")).Row]), 400, "name"),
        ImportUnits("GBK declared as UTF-8", "", 400, "charset").Raw(Gbk(UnitCsv("name", "新单位")), "text/csv; charset=utf-8"),
        ImportUnits("UTF-8 declared as GBK", UnitCsv("name", "新单位"), 400, "charset").Typed("text/csv; charset=gbk"),
        ImportSites("GBK declared as UTF-8", "", 400, "charset").Raw(Gbk(SiteCsv("name", "新点位")), "text/csv; charset=utf-8"),
        ImportSites("UTF-8 declared as GB18030", SiteCsv("name", "新点位"), 400, "charset").Typed("text/csv; charset=GB18030"),

        // Formula injection in every kind of text cell.
        .. Formulas.Select(formula => ImportUnits($"name {formula.Label}", UnitCsv("name", formula.Cell), 400, "name")),
        ImportUnits("parent =1+1", UnitCsv("parent", "=1+1"), 400, "parent"),
        ImportUnits("partyCommittee +1", UnitCsv("partyCommittee", "+1"), 400, "partyCommittee"),
        ImportUnits("contact @SUM", UnitCsv("contact", "@SUM(A1)"), 400, "contact"),
        ImportUnits("contact -1", UnitCsv("contact", "-1+1"), 400, "contact"),
        ImportUnits("siteIds =site-1", UnitCsv("siteIds", "=site-1"), 400, "siteIds"),
        .. Formulas.Take(5).Select(formula => ImportSites($"name {formula.Label}", SiteCsv("name", formula.Cell), 400, "name")),
        ImportSites("community =cmd", SiteCsv("community", "\"=cmd|' /C calc'!A0\""), 400, "community"),
        ImportSites("address +cmd", SiteCsv("address", "+cmd|' /C calc'!A0"), 400, "address"),
        ImportSites("contact @", SiteCsv("contact", "@x"), 400, "contact"),
        ImportSites("district -", SiteCsv("district", "-x"), 400, "district"),
        ImportSites("street tab =", SiteCsv("street", "\"\t=1\""), 400, "street"),

        // Ids.
        .. BadIds.Select(bad => ImportUnits($"id {bad.Label}", UnitCsv("id", bad.Cell), 400, "id")),
        .. BadIds.Take(8).Select(bad => ImportSites($"id {bad.Label}", SiteCsv("id", bad.Cell), 400, "id")),
        ImportUnits("siteIds with a slash", UnitCsv("siteIds", "site-1;site/2"), 400, "siteIds"),
        ImportUnits("siteIds with a hash", UnitCsv("siteIds", "site#1"), 400, "siteIds"),

        // Free text.
        ImportUnits("name with a script tag", UnitCsv("name", "<script>alert(1)</script>"), 400, "name"),
        ImportUnits("name with a right-to-left override", UnitCsv("name", "单位\u202E"), 400, "name"),
        ImportUnits("name with a zero-width space", UnitCsv("name", "单\u200B位"), 400, "name"),
        ImportUnits("name of 101 characters", UnitCsv("name", new string('单', 101)), 400, "name"),
        ImportUnits("name empty", UnitCsv("name", ""), 400, "name"),
        ImportSites("name with an img tag", SiteCsv("name", "<img src=x onerror=alert(1)>"), 400, "name"),
        ImportSites("community with a BOM inside", SiteCsv("community", "三牌楼\uFEFF社区"), 400, "community"),
        ImportSites("address with NUL", SiteCsv("address", "路\0号"), 400, "address"),
        ImportSites("address of 201 characters", SiteCsv("address", new string('路', 201)), 400, "address"),
        ImportSites("community missing", SiteCsv("community", ""), 400, "community"),
        ImportSites("type unknown", SiteCsv("type", "bunker"), 400, "type"),
        ImportSites("duties unknown", SiteCsv("duties", "gate-control;hacking"), 400, "duties"),

        // Numbers and dates.
        ImportSites("needed negative", SiteCsv("needed", "-1"), 400, "needed"),
        ImportSites("needed as an exponent", SiteCsv("needed", "1e3"), 400, "needed"),
        ImportSites("needed fractional", SiteCsv("needed", "5.0"), 400, "needed"),
        ImportSites("needed above the limit", SiteCsv("needed", "100001"), 400, "needed"),
        ImportSites("needed past int", SiteCsv("needed", "99999999999"), 400, "needed"),
        ImportSites("needed empty", SiteCsv("needed", ""), 400, "needed"),
        ImportSites("needed in full-width digits", SiteCsv("needed", "５"), 400, "needed"),
        ImportSites("openFrom 2022-02-30", SiteCsv("openFrom", "2022-02-30"), 400, "openFrom"),
        ImportSites("openFrom 0001-01-01", SiteCsv("openFrom", "0001-01-01"), 400, "openFrom"),
        ImportSites("openTo 9999-12-31", SiteCsv("openTo", "9999-12-31"), 400, "openTo"),
        ImportSites("openTo with a time", SiteCsv("openTo", "2022-09-07T00:00"), 400, "openTo"),
        ImportSites("openTo before openFrom", SiteCsv("openFrom", "2022-09-07").Replace("2022-09-07,\n", "2022-09-07,2022-09-01\n", StringComparison.Ordinal), 400, "openTo"),

        // The file itself.
        ImportUnits("header only", CatalogImport.UnitsHeader + "\n", 400, "rows"),
        ImportUnits("empty", "", 400, "rows"),
        ImportUnits("every row refused", CatalogImport.UnitsHeader + "\nUNIT,a,,,,\nunit/x,b,,,,\n=1,c,,,,\n", 400, "id"),
        ImportUnits("an unclosed quote", CatalogImport.UnitsHeader + "\nunit-new,\"新单位,,,,\n", 400),
        ImportUnits("a column twice", "id,name,name,parent,partyCommittee,contact,siteIds\nunit-new,甲,乙,,,,\n", 400),
        ImportUnits("invalid UTF-8", "", 400, "charset").Raw(Concat(Utf8(CatalogImport.UnitsHeader + "\nunit-new,"), [0xFF, 0xFE], Utf8(",,,,\n")), "text/csv"),
        ImportUnits("GBK bytes declared as UTF-8", "", 400, "charset").Raw(Concat(Utf8(CatalogImport.UnitsHeader + "\nunit-new,"), [0xD0, 0xC2, 0xB5, 0xA5, 0xCE, 0xBB], Utf8(",,,,\n")), "text/csv;charset=UTF-8"),
        ImportUnits("UTF-16", "", 400, "charset").Raw(System.Text.Encoding.Unicode.GetBytes(UnitCsv("name", "新单位")), "text/csv"),
        ImportUnits("UTF-8 declared as GB2312", UnitCsv("name", "新单位"), 400, "charset").Typed("text/csv; charset=gb2312"),
        ImportUnits("as JSON", UnitCsv("name", "新单位"), 415, "Content-Type").Typed("application/json"),
        ImportUnits("as text/plain", UnitCsv("name", "新单位"), 415, "Content-Type").Typed("text/plain"),
        ImportUnits("without a content type", UnitCsv("name", "新单位"), 415, "Content-Type").Typed(null),
        ImportUnits("as an Excel file", UnitCsv("name", "新单位"), 415, "Content-Type").Typed("application/vnd.ms-excel"),
        ImportSites("as text/csvx", SiteCsv("name", "新点位"), 415, "Content-Type").Typed("text/csvx"),
        ImportUnits("over 2 MiB", CatalogImport.UnitsHeader + "\n" + string.Concat(Enumerable.Repeat("UNIT,x,,,,\n", 200_000)), 413, "bytes"),
        ImportSites("over 2 MiB, chunked", CatalogImport.SitesHeader + "\n" + string.Concat(Enumerable.Repeat("SITE,x,checkpoint,,,c,,,1,,,\n", 80_000)), 413, "bytes") with { Chunked = true },
    ];
}
