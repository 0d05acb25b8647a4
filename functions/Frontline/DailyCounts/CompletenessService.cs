using Frontline.Sites;
using Microsoft.Extensions.Options;

namespace Frontline.DailyCounts;

public sealed record SiteReport(string SiteId, string Name, string Status, DateTimeOffset? SubmittedAt, int? Version, bool Flagged);

public sealed record UnitCompleteness(string UnitId, string Name, int Reported, int Late, int Missing, IReadOnlyList<SiteReport> Sites);

public sealed record Completeness(string Day, int Reported, int Late, int Missing, IReadOnlyList<UnitCompleteness> Units);

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
    public async Task<Completeness> ComputeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var submissions = (await counts.DayAsync(day, cancellationToken)).ToDictionary(submission => (submission.SiteId, submission.UnitId));
        var due = new DateTimeOffset(day.ToDateTime(options.Value.ReportDueTime), options.Value.Zone().GetUtcOffset(day.ToDateTime(options.Value.ReportDueTime)));
        var units = new List<UnitCompleteness>();
        foreach (var unit in catalog.Units.Values.Where(unit => unit.Verified).OrderBy(unit => unit.Name, StringComparer.Ordinal))
        {
            var sites = unit.SiteIds
                .Where(siteId => catalog.Sites.TryGetValue(siteId, out var site) && site.IsOpenOn(day))
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
            units.Sum(unit => unit.Reported), units.Sum(unit => unit.Late), units.Sum(unit => unit.Missing), units);
    }

    private static int Count(IEnumerable<SiteReport> sites, string status) => sites.Count(site => site.Status == status);
}
