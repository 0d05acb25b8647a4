using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Sites;
using Frontline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Stats;

public sealed record PublicStats(
    int VolunteersRegistered,
    int VolunteersOnDuty,
    int Units,
    int Sites,
    int SitesCovered,
    CountFigures Totals,
    DateTimeOffset AsOf);

public sealed record HealthStatus(string Status);

/// <summary>The public figures and the health check: both read only what is already summed.</summary>
public sealed class StatsEndpoints(DeploymentStore deployment, RollUpStore rollUps, FrontlineStorage storage, TimeProvider time, IOptions<FrontlineOptions> options)
{
    public async Task<IResult> GetStatsAsync(CancellationToken cancellationToken)
    {
        var catalog = await deployment.GetCatalogAsync(cancellationToken);
        var totals = await rollUps.ReadAllTimeTotalsAsync(cancellationToken);
        var zone = options.Value.TimeZoneInfo;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var openSites = catalog.Sites.Values.Where(site => site.IsOpenOn(today)).ToList();
        return TypedResults.Ok(new PublicStats(
            VolunteersRegistered: catalog.Units.Values.Sum(unit => unit.Volunteers),
            VolunteersOnDuty: openSites.Sum(site => site.Assigned),
            Units: catalog.Units.Values.Count(unit => unit.Verified),
            Sites: openSites.Count,
            SitesCovered: openSites.Count(site => site.Assigned > 0),
            Totals: totals,
            AsOf: TimeZoneInfo.ConvertTime(catalog.ReadAt, zone)));
    }

    public async Task<IResult> GetHealthAsync(CancellationToken cancellationToken) =>
        await storage.IsAvailableAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ok"))
            : Problems.Unavailable(TimeSpan.FromSeconds(10));
}
