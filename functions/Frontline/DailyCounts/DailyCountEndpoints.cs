using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.DailyCounts;

/// <summary>
/// Units report their sites' daily counts. Each handler checks the caller itself (role, and for reporters the
/// unit in their token) before it reads anything, and a refused call writes nothing.
/// </summary>
public sealed partial class DailyCountEndpoints(
    DailyCountStore counts,
    CountSubmitter submitter,
    CatalogCache catalogCache,
    CompletenessService completeness,
    Areas.AreaStore areas,
    Applications.IdempotentRequests idempotency,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<DailyCountEndpoints> logger)
{
    private FrontlineOptions Settings => options.Value;

    /// <summary>A site's counts for a day; with an Idempotency-Key, a retry gets the first answer again.</summary>
    public Task<IResult> SubmitAsync(HttpRequest request, Caller caller, string siteId, string day, CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, () => SubmitOnceAsync(request, caller, siteId, day, cancellationToken), cancellationToken);

    private async Task<IResult> SubmitOnceAsync(HttpRequest request, Caller caller, string siteId, string day, CancellationToken cancellationToken)
    {
        var unit = UnitOf(caller, request.Query["unitId"]);
        if (unit.Problem is not null)
        {
            return unit.Problem;
        }

        var body = await JsonBody.ReadAsync<CountsRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await submitter.SubmitAsync(CountSubmitter.Who(caller), unit.UnitId!, siteId, day, body.Value!, cancellationToken);
        return outcome.Result is { } result ? TypedResults.Ok(result) : outcome.Problem!;
    }

    public async Task<IResult> HistoryAsync(HttpRequest request, Caller caller, string siteId, string day, CancellationToken cancellationToken)
    {
        var unit = UnitOf(caller, request.Query["unitId"]);
        if (unit.Problem is not null)
        {
            return unit.Problem;
        }

        if (!CountValidation.TryParseDay(day, out var date))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!CatalogImport.IsValidId(siteId) || !catalog.Sites.ContainsKey(siteId))
        {
            return Problems.NotFound("No such site.");
        }

        if (!catalog.Units.TryGetValue(unit.UnitId!, out var serving) || !serving.SiteIds.Contains(siteId))
        {
            return Problems.Forbidden("This unit does not serve this site.");
        }

        var history = await counts.HistoryAsync(date, siteId, unit.UnitId!, cancellationToken);
        return TypedResults.Ok(history.Select(SubmissionView.Of));
    }

    public async Task<IResult> ReopenAsync(HttpRequest request, Caller caller, string siteId, string day, CancellationToken cancellationToken)
    {
        if (!CountValidation.TryParseDay(day, out var date))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        if (date > Settings.Today(time))
        {
            return Problems.Validation("day", "A day that has not come yet cannot be reopened.");
        }

        if (!CatalogImport.IsValidId(siteId) || !(await catalogCache.GetCatalogAsync(cancellationToken)).Sites.ContainsKey(siteId))
        {
            return Problems.NotFound("No such site.");
        }

        await counts.ReopenAsync(date, siteId, CountSubmitter.Who(caller), time.GetUtcNow(), cancellationToken);
        LogReopened(logger, siteId, date);
        return TypedResults.NoContent();
    }

    /// <summary>A unit's own day: what it submitted and which of its open sites are still missing.</summary>
    public async Task<IResult> UnitDayAsync(HttpRequest request, string unitId, CancellationToken cancellationToken)
    {
        if (!CatalogImport.IsValidId(unitId))
        {
            return Problems.NotFound("No such unit.");
        }

        if (DayFromQuery(request) is not { } day)
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.TryGetValue(unitId, out var unit))
        {
            return Problems.NotFound("No such unit.");
        }

        var submissions = (await counts.DayAsync(day, cancellationToken)).Where(submission => submission.UnitId == unitId).ToList();
        var reported = submissions.Select(submission => submission.SiteId).ToHashSet(StringComparer.Ordinal);
        var missing = unit.SiteIds.Where(siteId => catalog.Sites.TryGetValue(siteId, out var site) && site.IsOpenOn(day) && !reported.Contains(siteId)).ToList();
        return TypedResults.Ok(new UnitDay(unitId, DailyCountStore.Partition(day), submissions.Select(SubmissionView.Of).ToList(), missing));
    }

    /// <summary>Every open site, by unit: reported, late or missing. Sites closed that day count against no one.</summary>
    public async Task<IResult> CompletenessAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (DayFromQuery(request) is not { } day)
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var (scope, problem) = await Areas.AreaScope.ReadAsync(request, areas, cancellationToken);
        return problem ?? TypedResults.Ok(await completeness.ComputeAsync(day, scope!, cancellationToken));
    }

    public async Task<IResult> FlaggedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (DayFromQuery(request) is not { } day)
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        return TypedResults.Ok((await counts.DayAsync(day, cancellationToken)).Where(submission => submission.Flagged).Select(SubmissionView.Of));
    }

    private static (string? UnitId, IResult? Problem) UnitOf(Caller caller, string? requestedUnitId)
    {
        if (caller.IsCoordinator)
        {
            return string.IsNullOrEmpty(requestedUnitId) ? (null, Problems.Validation("unitId", "Coordinators name the unit they submit for (?unitId=)."))
                : !CatalogImport.IsValidId(requestedUnitId) ? (null, Problems.Validation("unitId", "Not a unit id."))
                : (requestedUnitId, null);
        }

        return caller.UnitId is { Length: > 0 } unitId
            ? CatalogImport.IsValidId(unitId) ? (unitId, null) : (null, Problems.Forbidden("The token's unit_id is not a unit id."))
            : (null, Problems.Forbidden("The token carries no unit_id."));
    }

    private static DateOnly? DayFromQuery(HttpRequest request) => CountValidation.TryParseDay(request.Query["day"], out var day) ? day : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Counts for {Day} at {SiteId} reopened")]
    private static partial void LogReopened(ILogger logger, string siteId, DateOnly day);
}
