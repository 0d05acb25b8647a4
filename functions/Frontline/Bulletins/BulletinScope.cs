using Frontline.DailyCounts;
using Frontline.Sites;

namespace Frontline.Bulletins;

/// <summary>
/// What a series reports. A unit series (四川省地方志办's 政工简讯) reports its units: their people wherever they serve,
/// their sites, their reports. An area series (成都市's command office) reports a jurisdiction: the sites in the area and
/// below it, whoever serves there and whichever unit reports them; its units are those with a site or people there.
/// </summary>
public sealed class BulletinScope
{
    private BulletinScope(IReadOnlySet<string> unitIds, IReadOnlySet<string> siteIds, bool isArea)
    {
        UnitIds = unitIds;
        SiteIds = siteIds;
        IsArea = isArea;
    }

    public IReadOnlySet<string> UnitIds { get; }

    public IReadOnlySet<string> SiteIds { get; }

    public bool IsArea { get; }

    public bool CoversUnit(string unitId) => UnitIds.Contains(unitId);

    /// <summary>A unit series covers its units' sites; an area series the sites placed in its area.</summary>
    public bool CoversSite(string siteId) => SiteIds.Contains(siteId);

    /// <summary>
    /// What a unit wrote about a site (a contribution, a highlight) belongs to a unit series by its unit, and to an area
    /// series by its site: a unit with people in Chengdu and sites in Nanjing writes about Nanjing for Nanjing.
    /// </summary>
    public bool CoversPiece(string unitId, string siteId) => IsArea ? CoversSite(siteId) : CoversUnit(unitId);

    /// <summary>The scope of a period's figures: the area's, when they are read from an area's rows, else the series' units'.</summary>
    public static BulletinScope Of(BulletinSeriesOptions series, Catalog catalog, AreaReadings? area) =>
        area is null ? OfUnits(series, catalog) : OfArea(area.SiteIds, catalog);

    public static BulletinScope OfUnits(BulletinSeriesOptions series, Catalog catalog)
    {
        var units = catalog.Units.Values.Where(unit => series.Covers(unit.Id)).ToList();
        return new BulletinScope(units.Select(unit => unit.Id).ToHashSet(StringComparer.Ordinal),
            units.SelectMany(unit => unit.SiteIds).ToHashSet(StringComparer.Ordinal), isArea: false);
    }

    /// <summary>An area's sites (as placed now) and the units that own one of them or have people at one.</summary>
    public static BulletinScope OfArea(IReadOnlySet<string> sites, Catalog catalog)
    {
        var units = catalog.Units.Values.Where(unit => unit.SiteIds.Any(sites.Contains)).Select(unit => unit.Id)
            .Concat(catalog.Rosters.Where(roster => roster.Value > 0).Select(roster => Catalog.RosterParts(roster.Key))
                .Where(roster => sites.Contains(roster.SiteId)).Select(roster => roster.UnitId))
            .ToHashSet(StringComparer.Ordinal);
        return new BulletinScope(units, sites, isArea: true);
    }
}

/// <summary>
/// An area series' readings: the sites below the area (one range read of the area's placements), and the area's roll-up
/// rows: a point read a day of the period and of the one before, and the all-time row less the days after the period.
/// The same handful of reads for a province of 10,000 sites as for a community.
/// </summary>
public sealed record AreaReadings(
    string Name,
    IReadOnlySet<string> SiteIds,
    IReadOnlyList<(CountFigures Figures, int Reports)> Days,
    IReadOnlyList<(CountFigures Figures, int Reports)> PreviousDays,
    CountFigures Cumulative);
