using Frontline.DailyCounts;
using Frontline.Sites;

namespace Frontline.Bulletins;

/// <summary>
/// The figures a bulletin states for its series' units, summed from the roll-ups of its period (and the period
/// before, for change), and taken as of the period's end.
/// </summary>
public sealed record BulletinFigures(
    int UnitsDispatched,
    int VolunteersRegistered,
    int VolunteersAssigned,
    int SitesCovered,
    int SitesOpen,
    int SitesReporting,
    CountFigures Period,
    CountFigures PreviousPeriod,
    CountFigures Cumulative,
    int Reports,
    int ExpectedReports,
    IReadOnlyList<(string Name, int Volunteers)> TopUnits,
    IReadOnlyList<(string Place, int Needed, int Assigned)> ShortSites,
    IReadOnlyList<string> UnitsNotReporting,
    IReadOnlyList<(string Unit, string Place, string Text)> Highlights,
    Indicators.IndicatorSet Indicators)
{
    public const int MaxHighlights = 30;

    /// <summary>
    /// Sums what the series covers. <paramref name="cumulativeNow"/> is each unit's all-time roll-up as read now, and
    /// <paramref name="daysAfter"/> the roll-ups of the days from the period's end to today, which are taken off
    /// it, so a report made after the period does not change the period's bulletin.
    /// <paramref name="arrivalsAfter"/> is, per unit and per roster (a unit's people at a site), who arrived after the
    /// period, likewise taken off the directory's counters. A unit's people may serve sites of other units (their home
    /// community comes first), so "assigned" counts the series' units' people wherever they serve.
    /// </summary>
    public static BulletinFigures Sum(
        BulletinSeriesOptions series,
        Catalog catalog,
        Period period,
        IReadOnlyList<DayRollUp> days,
        IReadOnlyList<DayRollUp> previousDays,
        IReadOnlyDictionary<string, CountFigures> cumulativeNow,
        IReadOnlyList<DayRollUp> daysAfter,
        ArrivalsAfter arrivalsAfter,
        Indicators.IndicatorSet indicators)
    {
        var units = catalog.Units.Values.Where(unit => series.Covers(unit.Id)).ToList();
        var unitIds = units.Select(unit => unit.Id).ToHashSet(StringComparer.Ordinal);
        var siteIds = units.SelectMany(unit => unit.SiteIds).ToHashSet(StringComparer.Ordinal);
        var sites = catalog.Sites.Values.Where(site => siteIds.Contains(site.Id)).ToList();
        var openSites = sites.Where(site => period.Days.Any(site.IsOpenOn)).ToList();

        int VolunteersOf(Unit unit) => Math.Max(0, unit.Volunteers - arrivalsAfter.Units.GetValueOrDefault(unit.Id));
        int RosterAsOf(string rosterKey, int assigned) => Math.Max(0, assigned - arrivalsAfter.Rosters.GetValueOrDefault(rosterKey));
        // A site's people of every unit, for the internal report's short sites.
        var assignedAtSite = catalog.Rosters.GroupBy(roster => roster.Key[..roster.Key.LastIndexOf('|')], StringComparer.Ordinal)
            .ToDictionary(site => site.Key, site => site.Sum(roster => RosterAsOf(roster.Key, roster.Value)), StringComparer.Ordinal);
        int AssignedAt(Site site) => assignedAtSite.GetValueOrDefault(site.Id);
        // The series' units' people, wherever they serve.
        var ownRosters = catalog.Rosters.Where(roster => unitIds.Contains(roster.Key[(roster.Key.LastIndexOf('|') + 1)..]))
            .Select(roster => (Site: roster.Key[..roster.Key.LastIndexOf('|')], Assigned: RosterAsOf(roster.Key, roster.Value)))
            .Where(roster => roster.Assigned > 0).ToList();
        CountFigures DayOf(DayRollUp day) => day.ByUnit.Where(entry => unitIds.Contains(entry.Key)).Select(entry => entry.Value)
            .Aggregate(CountFigures.Zero, (sum, figures) => sum + figures);
        // A day sums its sites whatever the indicator; over days, each indicator adds up as its definition says.
        CountFigures OverDays(IEnumerable<DayRollUp> rollUps) => CountFigures.OverDays(rollUps.Select(DayOf), indicators);
        CountFigures SumOf(IEnumerable<DayRollUp> rollUps) => rollUps.Select(DayOf).Aggregate(CountFigures.Zero, (sum, figures) => sum + figures);

        var expected = period.Days.Sum(day => units.Where(unit => unit.Verified)
            .Sum(unit => unit.SiteIds.Count(siteId => catalog.Sites.TryGetValue(siteId, out var site) && site.IsOpenOn(day))));
        var reportingSites = days.SelectMany(day => day.BySite.Keys).Where(siteIds.Contains).ToHashSet(StringComparer.Ordinal);
        var reportingUnits = days.SelectMany(day => day.ByUnit.Keys).ToHashSet(StringComparer.Ordinal);
        var cumulative = units.Aggregate(CountFigures.Zero, (sum, unit) => sum + cumulativeNow.GetValueOrDefault(unit.Id, CountFigures.Zero)) - SumOf(daysAfter);

        return new BulletinFigures(
            UnitsDispatched: units.Count(unit => unit.Verified && VolunteersOf(unit) > 0),
            VolunteersRegistered: units.Sum(VolunteersOf),
            VolunteersAssigned: ownRosters.Sum(roster => roster.Assigned),
            SitesCovered: ownRosters.Select(roster => roster.Site).Distinct(StringComparer.Ordinal).Count(),
            SitesOpen: openSites.Count,
            SitesReporting: reportingSites.Count,
            Period: OverDays(days),
            PreviousPeriod: OverDays(previousDays),
            Cumulative: cumulative,
            // A report is a (site, unit) pair of one day; the roll-up counts them per unit.
            Reports: days.Sum(day => day.ByUnit.Where(entry => unitIds.Contains(entry.Key)).Sum(entry => day.ReportsByUnit.GetValueOrDefault(entry.Key))),
            ExpectedReports: expected,
            TopUnits: units.Where(unit => VolunteersOf(unit) > 0).OrderByDescending(VolunteersOf).ThenBy(unit => unit.Name, StringComparer.Ordinal)
                .Take(5).Select(unit => (unit.Name, VolunteersOf(unit))).ToList(),
            ShortSites: openSites.Where(site => site.Needed > AssignedAt(site)).OrderByDescending(site => site.Needed - AssignedAt(site))
                .ThenBy(site => site.Name, StringComparer.Ordinal).Take(10)
                .Select(site => (BulletinTypography.Place(site.Name, site.Community), site.Needed, AssignedAt(site))).ToList(),
            UnitsNotReporting: units.Where(unit => unit.Verified && unit.SiteIds.Count > 0 && !reportingUnits.Contains(unit.Id))
                .Select(unit => unit.Name).Order(StringComparer.Ordinal).ToList(),
            Highlights: days.SelectMany(day => day.Highlights).Where(highlight => unitIds.Contains(highlight.UnitId)).Take(MaxHighlights)
                .Select(highlight => (
                    catalog.Units.TryGetValue(highlight.UnitId, out var unit) ? unit.Name : highlight.UnitId,
                    catalog.Sites.TryGetValue(highlight.SiteId, out var site) ? BulletinTypography.Place(site.Name, site.Community) : highlight.SiteId,
                    highlight.Text))
                .ToList(),
            Indicators: indicators);
    }
}

/// <summary>Volunteers who arrived after a period's end, per unit and per roster: what the directory's counters hold beyond it.</summary>
public sealed record ArrivalsAfter(IReadOnlyDictionary<string, int> Units, IReadOnlyDictionary<string, int> Rosters)
{
    public static ArrivalsAfter None { get; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());
}
