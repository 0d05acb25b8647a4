namespace Frontline.Areas;

/// <summary>
/// The levels of China's administrative divisions, top down (省 → 市 → 区县 → 街道乡镇 → 社区). The rank is what the
/// tree's rule compares: an area sits under an area of a higher level. Levels may be skipped, because the country
/// skips them: a county-level city directly under its province (省直辖县级市), a development zone run as a district.
/// </summary>
public static class AreaLevels
{
    public const string Province = "province";
    public const string City = "city";
    public const string County = "county";
    public const string Town = "town";
    public const string Community = "community";

    public static IReadOnlyList<string> All { get; } = [Province, City, County, Town, Community];

    /// <summary>The words offices write in their own sheets, read as the level they mean.</summary>
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        [Province] = Province, ["省"] = Province, ["自治区"] = Province, ["直辖市"] = Province,
        [City] = City, ["市"] = City, ["地级市"] = City, ["州"] = City, ["地区"] = City,
        [County] = County, ["区县"] = County, ["区"] = County, ["县"] = County, ["县级市"] = County,
        [Town] = Town, ["街道乡镇"] = Town, ["街道"] = Town, ["乡镇"] = Town, ["乡"] = Town, ["镇"] = Town,
        [Community] = Community, ["社区"] = Community, ["村"] = Community, ["居委会"] = Community, ["村委会"] = Community,
    };

    public static string? Read(string? word) => word is null ? null : Words.GetValueOrDefault(word.Trim());

    public static int Rank(string level) => All.ToList().IndexOf(level);
}

/// <summary>An area as an office's sheet gives it: its code, name, level and the code of the area it is part of.</summary>
public sealed record AreaDefinition(string Code, string Name, string Level, string? Parent);

/// <summary>An area as the API shows it in a list: with how many sites are in it or anywhere below it.</summary>
public sealed record AreaSummary(string Code, string Name, string Level, string? Parent, int SitesHere, int SitesBelow);

/// <summary>A site placed in an area, as the area's list shows it (public: the same fields as the public site list's).</summary>
public sealed record PlacedSite(string SiteId, string Name, string Type, string Area);

public sealed record PlacedSitesPage(IReadOnlyList<PlacedSite> Items, string? Continuation);

/// <summary>
/// One area with what a drill-down needs: the areas above it (province first), its children with their counts, and a
/// page of the sites in it or below it.
/// </summary>
public sealed record AreaDetail(
    string Code, string Name, string Level, string? Parent, int SitesHere, int SitesBelow,
    IReadOnlyList<AreaSummary> Ancestors, IReadOnlyList<AreaSummary> Children, PlacedSitesPage Sites);
