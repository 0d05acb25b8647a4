using Frontline.Sites;
using Microsoft.Extensions.Options;

namespace Frontline.DailyCounts;

public sealed record SiteReport(string SiteId, string Name, string Status, DateTimeOffset? SubmittedAt, int? Version, bool Flagged);

public sealed record UnitCompleteness(string UnitId, string Name, int Reported, int Late, int Missing, IReadOnlyList<SiteReport> Sites);

/// <param name="Area">The area the report covers (its code), or null for every site.</param>
public sealed record Completeness(string Day, int Reported, int Late, int Missing, IReadOnlyList<UnitCompleteness> Units, string? Area = null);

public static class ReportStatus
{
    public const string Reported = "reported";
    public const string Late = "late";
    public const string Missing = "missing";
}

/// <summary>
/// Which open sites each unit has reported for a day, on time or late, and which are missing. Sites closed that day
/// count against no one. The completeness route, the reminders and the exports all read it from here.
/// </summary>
public sealed class CompletenessService(DailyCountStore counts, CatalogCache catalogCache, IOptions<FrontlineOptions> options)
{
    /// <summary>The completeness of a day: one read of the day's partition against the catalog. Exports and reminders use it too.</summary>
    public Task<Completeness> ComputeAsync(DateOnly day, CancellationToken cancellationToken) =>
        ComputeAsync(day, Areas.AreaScope.Everywhere, cancellationToken);

    /// <summary>The completeness of a day for the sites in <paramref name="scope"/>: a unit with no open site there is not listed.</summary>
    public async Task<Completeness> ComputeAsync(DateOnly day, Areas.AreaScope scope, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var submissions = (await counts.DayAsync(day, cancellationToken)).ToDictionary(submission => (submission.SiteId, submission.UnitId));
        var due = new DateTimeOffset(day.ToDateTime(options.Value.ReportDueTime), options.Value.Zone().GetUtcOffset(day.ToDateTime(options.Value.ReportDueTime)));
        var units = new List<UnitCompleteness>();
        foreach (var unit in catalog.Units.Values.Where(unit => unit.Verified).OrderBy(unit => unit.Name, StringComparer.Ordinal))
        {
            var sites = unit.SiteIds
                .Where(siteId => scope.Covers(siteId) && catalog.Sites.TryGetValue(siteId, out var site) && site.IsOpenOn(day))
                .Select(siteId =>
                {
                    var site = catalog.Sites[siteId];
                    if (!submissions.TryGetValue((siteId, unit.Id), out var submission))
                    {
                        return new SiteReport(siteId, site.Name, ReportStatus.Missing, null, null, false);
                    }

                    var status = submission.SubmittedAt <= due ? ReportStatus.Reported : ReportStatus.Late;
                    return new SiteReport(siteId, site.Name, status, submission.SubmittedAt, submission.Version, submission.Flagged);
                })
                .ToList();
            if (sites.Count > 0)
            {
                units.Add(new UnitCompleteness(unit.Id, unit.Name, Count(sites, ReportStatus.Reported), Count(sites, ReportStatus.Late), Count(sites, ReportStatus.Missing), sites));
            }
        }

        return new Completeness(DailyCountStore.Partition(day),
            units.Sum(unit => unit.Reported), units.Sum(unit => unit.Late), units.Sum(unit => unit.Missing), units, scope.Area);
    }

    private static int Count(IEnumerable<SiteReport> sites, string status) => sites.Count(site => site.Status == status);
}
