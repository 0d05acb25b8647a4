using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Sites;
using Frontline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Stats;

/// <param name="VolunteersOnDuty">People serving at open sites today, each once: registered volunteers assigned there
/// and the people of dispatch batches on duty who are in no site's assigned.</param>
public sealed record PublicStats(
    int VolunteersRegistered,
    int VolunteersOnDuty,
    int Units,
    int Sites,
    int SitesCovered,
    CountFigures Totals,
    DateTimeOffset AsOf);

public sealed record HealthStatus(string Status);

/// <summary>
/// One day of the public series: the day's summed figures and how many site reports they sum. <c>values</c> holds every
/// indicator by code (GET /api/indicators names them); the seven named figures repeat round one's, for older clients.
/// </summary>
public sealed record DailyFigures(
    string Day, int Reports, long OnDuty, long PartyMembers, long Tested, long PeopleChecked, long VehiclesChecked, long SuppliesDelivered, long HouseholdsVisited,
    IReadOnlyDictionary<string, decimal> Values)
{
    public static DailyFigures Of(DateOnly day, CountFigures figures, int reports) => new(DailyCountStore.Partition(day), reports, figures.OnDuty, figures.PartyMembers,
        figures.Tested, figures.PeopleChecked, figures.VehiclesChecked, figures.SuppliesDelivered, figures.HouseholdsVisited, figures.Values);
}

/// <param name="Area">The area whose sites the series sums (its code), or null for all of them.</param>
public sealed record DailySeries(string From, string To, IReadOnlyList<DailyFigures> Days, string? Area = null);

/// <summary>The public figures and the health check: both read only what is already summed.</summary>
public sealed class StatsEndpoints(CatalogCache catalogCache, Batches.BatchPeopleCache batchPeople, RollUpStore rollUps, Areas.AreaStore areas, FrontlineStorage storage, TimeProvider time, IOptions<FrontlineOptions> options)
{
    public async Task<IResult> GetStatsAsync(CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var totals = await rollUps.ReadAllTimeTotalsAsync(cancellationToken);
        var zone = options.Value.Zone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var openSites = catalog.Sites.Values.Where(site => site.IsOpenOn(today)).ToList();
        // On duty: registered volunteers assigned to sites and the dispatch batches' people on duty today who are in no
        // site's assigned, each person once (a listed volunteer placed at another site is counted there). A site is covered when anyone
        // serves there, a listed volunteer placed elsewhere included.
        var fromBatches = await batchPeople.OnDutyAsync(today, catalog.Serves, cancellationToken);
        return TypedResults.Ok(new PublicStats(
            VolunteersRegistered: catalog.Units.Values.Sum(unit => unit.Volunteers),
            VolunteersOnDuty: openSites.Sum(site => site.Assigned + (fromBatches.GetValueOrDefault(site.Id)?.BeyondPlaced ?? 0)),
            Units: catalog.Units.Values.Count(unit => unit.Verified),
            Sites: openSites.Count,
            SitesCovered: openSites.Count(site => site.Assigned + (fromBatches.GetValueOrDefault(site.Id)?.BeyondAssigned ?? 0) > 0),
            Totals: totals,
            AsOf: TimeZoneInfo.ConvertTime(catalog.ReadAt, zone)));
    }

    /// <summary>The longest series one request may ask for: one point read per day.</summary>
    public const int MaxSeriesDays = 92;

    /// <summary>
    /// The daily totals from <c>from</c> to <c>to</c> (default: the 14 days up to today), oldest first, every day
    /// present (zero where nothing was reported). Reads one roll-up row per day, never a submission; no personal data.
    /// With <c>area</c>, the sums of the sites in that area and below it: still one row per day, however many sites.
    /// </summary>
    public async Task<IResult> GetDailyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var today = options.Value.Today(time);
        var errors = new Dictionary<string, string[]>();
        var to = ReadDay(request, "to", today, errors);
        var from = ReadDay(request, "from", to.AddDays(-13), errors);
        var area = request.Query["area"].ToString();
        if (area.Length > 0 && !Areas.AreaImport.IsValidCode(area))
        {
            errors["area"] = ["An area's code (GET /api/areas lists them)."];
        }
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["Not after 'to'."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= MaxSeriesDays)
        {
            errors["from"] = [$"At most {MaxSeriesDays} days at once."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (area.Length > 0 && await areas.GetAsync(area, cancellationToken) is null)
        {
            return Problems.NotFound($"No area {area}.");
        }

        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var totals = await Task.WhenAll(days.Select(day => area.Length == 0
            ? rollUps.ReadDayTotalAsync(day, cancellationToken)
            : rollUps.ReadAreaDayAsync(day, area, cancellationToken)));
        var series = days.Select((day, i) => DailyFigures.Of(day, totals[i].Item1, totals[i].Reports)).ToList();
        return TypedResults.Ok(new DailySeries(DailyCountStore.Partition(from), DailyCountStore.Partition(to), series, area.Length == 0 ? null : area));
    }

    internal static DateOnly ReadDay(HttpRequest request, string name, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return fallback;
        }

        if (CountValidation.TryParseDay(value, out var day))
        {
            return day;
        }

        errors[name] = ["A date as yyyy-MM-dd."];
        return fallback;
    }

    public async Task<IResult> GetHealthAsync(CancellationToken cancellationToken) =>
        await storage.IsAvailableAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ok"))
            : Problems.Unavailable(TimeSpan.FromSeconds(10));
}
