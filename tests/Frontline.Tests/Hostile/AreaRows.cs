using Frontline.Areas;
using Frontline.Sites;

namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private static Hostile ImportAreas(string name, string csv, int status, string? field = null) =>
        new Hostile($"POST areas: {name}", "POST", "/api/areas", status, field).As("coordinator").Csv(csv);

    /// <summary>An areas CSV of one row, a good one but for one cell.</summary>
    internal static string AreaCsv(string column, string cell)
    {
        var cells = new Dictionary<string, string> { ["code"] = "320106", ["name"] = "鼓楼区", ["level"] = "county", ["parent"] = "" };
        cells[column] = cell;
        return AreaImport.Header + "\n" + string.Join(",", AreaImport.Header.Split(',').Select(name => cells[name])) + "\n";
    }

    private static Hostile ReadArea(string name, string path, int status, string? field = null) =>
        new($"GET {path[5..]}: {name}", "GET", path, status, field);

    public static Hostile[] Areas =>
    [
        // The tree's rules, each alone in a sheet (so nothing imports and the answer is a 400 naming the line and field).
        ImportAreas("unknown parent", AreaCsv("parent", "329999"), 400, "lines[2].parent"),
        ImportAreas("own parent", AreaCsv("parent", "320106"), 400, "lines[2].parent"),
        ImportAreas("a cycle of two", AreaImport.Header + "\nzz-a,甲,town,zz-b\nzz-b,乙,town,zz-a\n", 400, "lines[3].parent"),
        ImportAreas("a province under a province", AreaImport.Header + "\nzz-p,某省,province,zz-q\nzz-q,另一省,province,\nzz-q,重复,province,\n", 400, "lines[2].level"),
        ImportAreas("a child of a refused parent", AreaImport.Header + "\nzz-c,某社区,community,\nzz-d,某市,city,zz-c\nzz-c,重复,community,\n", 400, "lines[3].parent"),
        ImportAreas("duplicate code", AreaImport.Header + "\nzz-e,一,county,\nzz-e,二,county,\n", 400, "lines[3].code"),
        ImportAreas("name empty", AreaCsv("name", ""), 400, "lines[2].name"),
        ImportAreas("name of 51 characters", AreaCsv("name", new string('区', 51)), 400, "lines[2].name"),
        ImportAreas("name with a script tag", AreaCsv("name", "<script>alert(1)</script>"), 400, "lines[2].name"),
        ImportAreas("name with a zero-width space", AreaCsv("name", "鼓\u200B楼区"), 400, "lines[2].name"),
        ImportAreas("name like a formula", AreaCsv("name", "=1+1"), 400, "lines[2].name"),
        ImportAreas("level unknown", AreaCsv("level", "县级以下"), 400, "lines[2].level"),
        ImportAreas("level empty", AreaCsv("level", ""), 400, "lines[2].level"),
        .. BadIds.Where(bad => bad.Label is not ("capitals" or "one character")).Select(bad => ImportAreas($"code {bad.Label}", AreaCsv("code", bad.Cell), 400, "code")),
        ImportAreas("code of 33 characters", AreaCsv("code", new string('1', 33)), 400, "lines[2].code"),
        ImportAreas("parent with a slash", AreaCsv("parent", "320000/320100"), 400, "lines[2].parent"),
        ImportAreas("parent with a pipe", AreaCsv("parent", "320000|320100"), 400, "lines[2].parent"),
        ImportAreas("GBK declared as UTF-8", "", 400, "charset").Raw(Gbk(AreaCsv("name", "鼓楼区")), "text/csv; charset=utf-8"),
        ImportAreas("JSON instead of CSV", "", 415).Raw("""{"code":"320106"}"""u8.ToArray(), "application/json"),
        ImportAreas("header only", AreaImport.Header + "\n", 400, "rows"),
        ImportAreas("a reporter", AreaCsv("name", "鼓楼区"), 403).As("reporterA"),
        ImportAreas("anonymous", AreaCsv("name", "鼓楼区"), 401).As("anonymous"),

        // A site's area in the sites import: one that does not exist, one that is not a code, and one site in two places.
        ImportSites("area unknown", SiteAreaCsv("site-new", "329999"), 400, "lines[2].area"),
        ImportSites("area with a slash", SiteAreaCsv("site-new", "320000/320100"), 400, "lines[2].area"),
        ImportSites("area like a formula", SiteAreaCsv("site-new", "=1+1"), 400, "lines[2].area"),
        ImportSites("one site in two areas", SiteAreaCsv("site-new", "zz-one") + SiteAreaCsv("site-new", "zz-two").Split('\n')[1] + "\n", 400, "lines[3].area"),

        // Reading: codes, pages and continuations that are not this area's.
        ReadArea("unknown code", "/api/areas/999999", 404),
        ReadArea("code with a pipe", "/api/areas/320000%7C320100", 400, "code"),
        ReadArea("code of 33 characters", "/api/areas/" + new string('1', 33), 400, "code"),
        ReadArea("take 0", "/api/areas/320106?take=0", 400, "take"),
        ReadArea("take 201", "/api/areas/320106?take=201", 400, "take"),
        ReadArea("take -1", "/api/areas/320106?take=-1", 400, "take"),
        ReadArea("take as a fraction", "/api/areas/320106?take=1.5", 400, "take"),
        ReadArea("parent unknown", "/api/areas?parent=999999", 404),
        ReadArea("parent with a hash", "/api/areas?parent=32%2301", 400, "parent"),
        ReadArea("parent with a control character", "/api/areas?parent=32%0101", 400, "parent"),
    ];

    /// <summary>A sites CSV of one good row with its area column.</summary>
    private static string SiteAreaCsv(string siteId, string area) =>
        CatalogImport.SitesHeader + "," + CatalogImport.SiteAreaColumn + "\n" + SiteCsv("id", siteId).Split('\n')[1] + "," + area + "\n";
}
