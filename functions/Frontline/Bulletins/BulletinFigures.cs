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

    /// <summary>What the figures are of: a unit series' units, or an area series' sites (<see cref="BulletinScope"/>).</summary>
    public required BulletinScope Scope { get; init; }

    /// <summary>The units the figures are of: a unit series' own, or those with a site or people in an area series' area.</summary>
    public IReadOnlySet<string> Units => Scope.UnitIds;

    /// <summary>
    /// The area an area series reports (成都市); null for a unit series. An area series' people are those serving at its
    /// sites (whatever their unit, and only those: a unit's people elsewhere are another area's), its units those with people there.
    /// </summary>
    public string? AreaName { get; init; }

    /// <summary>Dispatch batches (派出批次) recorded and begun by the period's end and standing then, and their people summed (人次, 3批11人次).</summary>
    public int Batches { get; init; }

    public int PersonTimes { get; init; }

    /// <summary>
    /// Sums what the series covers (<see cref="BulletinScope"/>). <paramref name="cumulativeNow"/> is each unit's all-time
    /// roll-up as read now, and <paramref name="daysAfter"/> the roll-ups of the days from the period's end to today, which
    /// are taken off it, so a report made after the period does not change the period's bulletin.
    /// <paramref name="arrivalsAfter"/> is, per unit and per roster (a unit's people at a site), who arrived after the
    /// period, likewise taken off the directory's counters. A unit's people may serve sites of other units (their home
    /// community comes first), so a unit series' "assigned" counts its units' people wherever they serve, and an area
    /// series' the people at its sites whatever their unit. An area series (<paramref name="area"/>) takes its period's,
    /// the period before's and its cumulative figures from the area's own roll-up rows.
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
        Indicators.IndicatorSet indicators,
        AreaReadings? area = null,
        IReadOnlyList<Batches.Batch>? batches = null)
    {
        var scope = BulletinScope.Of(series, catalog, area);
        var units = catalog.Units.Values.Where(unit => scope.CoversUnit(unit.Id)).ToList();
        var sites = catalog.Sites.Values.Where(site => scope.CoversSite(site.Id)).ToList();
        var openSites = sites.Where(site => period.Days.Any(site.IsOpenOn)).ToList();

        int RosterAsOf(string rosterKey, int assigned) => Math.Max(0, assigned - arrivalsAfter.Rosters.GetValueOrDefault(rosterKey));
        var rosters = catalog.Rosters.Select(roster => (Parts: Catalog.RosterParts(roster.Key), Assigned: RosterAsOf(roster.Key, roster.Value)))
            .Where(roster => roster.Assigned > 0).ToList();
        // A site's people of every unit, for the internal report's short sites.
        var assignedAtSite = rosters.GroupBy(roster => roster.Parts.SiteId, StringComparer.Ordinal)
            .ToDictionary(site => site.Key, site => site.Sum(roster => roster.Assigned), StringComparer.Ordinal);
        int AssignedAt(Site site) => assignedAtSite.GetValueOrDefault(site.Id);
        // A unit series' people wherever they serve; an area series' people at its sites.
        var ownRosters = rosters.Where(roster => scope.IsArea ? scope.CoversSite(roster.Parts.SiteId) : scope.CoversUnit(roster.Parts.UnitId))
            .Select(roster => (Site: roster.Parts.SiteId, Unit: roster.Parts.UnitId, roster.Assigned)).ToList();

        // Batch people count like registered volunteers, each person once. A batch counts when it was recorded by the
        // period's end (in the series' zone) and had begun by then, so a batch recorded later changes no earlier period.
        // On duty on the period's last day, it adds to its sites' and its unit's people those who are not registered
        // volunteers of the unit (a registered one is counted where the directory has them); a site's own staffing, for
        // the short sites, takes off only those the directory assigned to that very site, as the staffing read does.
        var zone = series.Zone();
        DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        // A batch withdrawn after the period's end still counted then; one withdrawn by then (or at a time not kept) did not.
        bool StandingAtEnd(Batches.Batch batch) => batch.IsActive || batch.WithdrawnAt is { } withdrawn && LocalDay(withdrawn) > period.Last;
        var batchSites = (batches ?? []).Where(batch => StandingAtEnd(batch) && scope.CoversUnit(batch.UnitId) && batch.From <= period.Last
                && LocalDay(batch.CreatedAt) <= period.Last)
            // A listed person who registered after the period was then a batch person (their arrival is taken off above).
            .Select(batch => batch.AsOf(period.Last))
            .SelectMany(batch => batch.Sites.Where(site => !scope.IsArea || scope.CoversSite(site.SiteId)).Select(site => (Batch: batch, Site: site)))
            .ToList();
        // Begun by the period's end (above), and not yet over on its last day.
        var onDuty = batchSites.Where(entry => period.Last <= entry.Batch.To).ToList();
        static int NotRegistered(Batches.BatchSite site) => Math.Max(0, site.People - site.Registered);
        foreach (var (batch, site) in onDuty)
        {
            if (NotRegistered(site) > 0)
            {
                ownRosters.Add((site.SiteId, batch.UnitId, NotRegistered(site)));
            }

            assignedAtSite[site.SiteId] = assignedAtSite.GetValueOrDefault(site.SiteId) + Math.Max(0, site.People - site.RegisteredHere);
        }

        var addedByBatches = onDuty.GroupBy(entry => entry.Batch.UnitId, StringComparer.Ordinal)
            .ToDictionary(unit => unit.Key, unit => unit.Sum(entry => NotRegistered(entry.Site)), StringComparer.Ordinal);
        int RegisteredOf(Unit unit) => Math.Max(0, unit.Volunteers - arrivalsAfter.Units.GetValueOrDefault(unit.Id)) + addedByBatches.GetValueOrDefault(unit.Id);
        var peopleInArea = ownRosters.GroupBy(roster => roster.Unit, StringComparer.Ordinal)
            .ToDictionary(unit => unit.Key, unit => unit.Sum(roster => roster.Assigned), StringComparer.Ordinal);
        // A unit's people: all it registered for a unit series; those serving in the area for an area series.
        int VolunteersOf(Unit unit) => scope.IsArea ? peopleInArea.GetValueOrDefault(unit.Id) : RegisteredOf(unit);
        CountFigures DayOf(DayRollUp day) => day.ByUnit.Where(entry => scope.CoversUnit(entry.Key)).Select(entry => entry.Value)
            .Aggregate(CountFigures.Zero, (sum, figures) => sum + figures);
        // A day sums its sites whatever the indicator; over days, each indicator adds up as its definition says.
        CountFigures OverDays(IEnumerable<CountFigures> perDay) => CountFigures.OverDays(perDay, indicators);
        CountFigures SumOf(IEnumerable<DayRollUp> rollUps) => rollUps.Select(DayOf).Aggregate(CountFigures.Zero, (sum, figures) => sum + figures);

        // Expected: a report a day from each verified unit for each of its open sites in scope.
        var expected = period.Days.Sum(day => units.Where(unit => unit.Verified)
            .Sum(unit => unit.SiteIds.Count(siteId => scope.CoversSite(siteId) && catalog.Sites.TryGetValue(siteId, out var site) && site.IsOpenOn(day))));
        var reportingSites = days.SelectMany(day => day.BySite.Keys).Where(scope.CoversSite).ToHashSet(StringComparer.Ordinal);
        // A unit series knows who reported from the units' rows; an area's reports are counted by site, so a unit in an
        // area has reported when one of its sites there has.
        bool Reported(Unit unit) => scope.IsArea
            ? unit.SiteIds.Any(reportingSites.Contains)
            : days.Any(day => day.ByUnit.ContainsKey(unit.Id));
        var cumulative = area?.Cumulative
            ?? units.Aggregate(CountFigures.Zero, (sum, unit) => sum + cumulativeNow.GetValueOrDefault(unit.Id, CountFigures.Zero)) - SumOf(daysAfter);

        return new BulletinFigures(
            UnitsDispatched: units.Count(unit => unit.Verified && VolunteersOf(unit) > 0),
            VolunteersRegistered: units.Sum(VolunteersOf),
            VolunteersAssigned: ownRosters.Sum(roster => roster.Assigned),
            SitesCovered: ownRosters.Select(roster => roster.Site).Distinct(StringComparer.Ordinal).Count(),
            SitesOpen: openSites.Count,
            SitesReporting: reportingSites.Count,
            Period: area is null ? OverDays(days.Select(DayOf)) : OverDays(area.Days.Select(day => day.Figures)),
            PreviousPeriod: area is null ? OverDays(previousDays.Select(DayOf)) : OverDays(area.PreviousDays.Select(day => day.Figures)),
            Cumulative: cumulative,
            // A report is a (site, unit) pair of one day; the roll-up counts them per unit, and per area.
            Reports: area?.Days.Sum(day => day.Reports)
                ?? days.Sum(day => day.ByUnit.Where(entry => scope.CoversUnit(entry.Key)).Sum(entry => day.ReportsByUnit.GetValueOrDefault(entry.Key))),
            ExpectedReports: expected,
            TopUnits: units.Where(unit => VolunteersOf(unit) > 0).OrderByDescending(VolunteersOf).ThenBy(unit => unit.Name, StringComparer.Ordinal)
                .Take(5).Select(unit => (unit.Name, VolunteersOf(unit))).ToList(),
            ShortSites: openSites.Where(site => site.Needed > AssignedAt(site)).OrderByDescending(site => site.Needed - AssignedAt(site))
                .ThenBy(site => site.Name, StringComparer.Ordinal).Take(10)
                .Select(site => (BulletinTypography.Place(site.Name, site.Community), site.Needed, AssignedAt(site))).ToList(),
            UnitsNotReporting: units.Where(unit => unit.Verified && unit.SiteIds.Any(scope.CoversSite) && !Reported(unit))
                .Select(unit => unit.Name).Order(StringComparer.Ordinal).ToList(),
            Highlights: days.SelectMany(day => day.Highlights)
                .Where(highlight => scope.CoversPiece(highlight.UnitId, highlight.SiteId)).Take(MaxHighlights)
                .Select(highlight => (
                    catalog.Units.TryGetValue(highlight.UnitId, out var unit) ? unit.Name : highlight.UnitId,
                    catalog.Sites.TryGetValue(highlight.SiteId, out var site) ? BulletinTypography.Place(site.Name, site.Community) : highlight.SiteId,
                    highlight.Text))
                .ToList(),
            Indicators: indicators)
        {
            Scope = scope,
            AreaName = area?.Name,
            Batches = batchSites.Select(entry => entry.Batch.Id).Distinct(StringComparer.Ordinal).Count(),
            PersonTimes = batchSites.Sum(entry => entry.Site.People),
        };
    }
}

/// <summary>Volunteers who arrived after a period's end, per unit and per roster: what the directory's counters hold beyond it.</summary>
public sealed record ArrivalsAfter(IReadOnlyDictionary<string, int> Units, IReadOnlyDictionary<string, int> Rosters)
{
    public static ArrivalsAfter None { get; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());
}
