using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.DailyCounts;

/// <summary>
/// One site's counts for one day from one unit, checked against the catalog and the rules (the unit serves the site,
/// the site was open, the day is not locked, on duty within the people assigned) and recorded, flagged when far above
/// the unit's own 7-day average. Both the single submission and the unit's batch go through it.
/// </summary>
public sealed class CountSubmitter(
    DailyCountStore counts,
    DailyCountRecorder recorder,
    RollUpStore rollUps,
    CatalogCache catalogCache,
    Indicators.IndicatorStore indicators,
    Batches.BatchStore batches,
    FrontlineMetrics metrics,
    TimeProvider time,
    IOptions<FrontlineOptions> options)
{
    /// <summary>Who submitted, as the history shows it: the name from the token and its subject.</summary>
    public static string Who(Caller caller) => caller.Name is { Length: > 0 } name ? $"{name} ({caller.Subject})" : caller.Subject;

    public async Task<SubmitOutcome> SubmitAsync(string who, string unitId, string siteId, string day, CountsRequest body, CancellationToken cancellationToken)
    {
        if (!CountValidation.TryParseDay(day, out var date))
        {
            return SubmitOutcome.Invalid("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!CatalogImport.IsValidId(siteId) || !catalog.Sites.TryGetValue(siteId, out var site))
        {
            return SubmitOutcome.Refused(StatusCodes.Status404NotFound, "No such site.");
        }

        if (!catalog.Units.TryGetValue(unitId, out var unit) || !unit.SiteIds.Contains(siteId))
        {
            return SubmitOutcome.Refused(StatusCodes.Status403Forbidden, "This unit does not serve this site.");
        }

        var today = options.Value.Today(time);
        if (date > today)
        {
            return SubmitOutcome.Invalid("day", "Counts cannot be reported for a day that has not come yet.");
        }

        if (!site.IsOpenOn(date))
        {
            return SubmitOutcome.Refused(StatusCodes.Status409Conflict, "The site was closed that day.");
        }

        if (date.DayNumber < today.DayNumber - options.Value.CountLockDays && !await counts.IsReopenedAsync(date, siteId, cancellationToken))
        {
            return SubmitOutcome.Refused(StatusCodes.Status409Conflict, $"Counts older than {options.Value.CountLockDays} days are locked; a coordinator can reopen the day.");
        }

        // The definitions in force (one cached point read) say what this site's type reports; the submission records their version.
        var set = await indicators.CurrentAsync(cancellationToken)
            ?? throw new InvalidOperationException("The indicator definitions are not seeded yet.");
        // The unit's people at the site that day: those the directory assigned, and its batch people on duty there that the
        // directory has not assigned to the site already. Only a report the first check refuses reads the batches (one
        // range read of the unit's batch rows for the site), so most reports cost no more than before batches.
        var assigned = catalog.AssignedAt(siteId, unitId);
        var valid = CountValidation.Validate(body, set, site.Type, assigned, options.Value.OnDutyMargin, out var errors);
        if (errors.Count > 0)
        {
            var fromBatches = (await batches.AtSiteAsync(unitId, siteId, cancellationToken)).Where(row => row.IsOnDuty(date))
                .Sum(row => Math.Max(0, row.People - row.RegisteredHere));
            if (fromBatches > 0)
            {
                valid = CountValidation.Validate(body, set, site.Type, assigned + fromBatches, options.Value.OnDutyMargin, out errors);
            }
        }

        if (errors.Count > 0)
        {
            return new SubmitOutcome(null, StatusCodes.Status400BadRequest, errors, "The request has invalid fields.");
        }

        var flag = await FlagAsync(date, siteId, unitId, valid!.Figures, cancellationToken);
        // Marked before the first value is stored, so an Admin deleting the indicator meanwhile is refused (retire it instead).
        await indicators.MarkInUseAsync(valid.Figures.Values.Keys, $"first reported at {siteId} for {DailyCountStore.Partition(date)}", cancellationToken);
        var recorded = await recorder.RecordAsync(unitId, siteId, date, valid, who, flag, cancellationToken);
        if (recorded is not null)
        {
            metrics.CountSubmitted(!recorded.Changed ? "unchanged" : recorded.Version == 1 ? "created" : "corrected");
        }

        return recorded is not null
            ? SubmitOutcome.Ok(recorded)
            : SubmitOutcome.Refused(StatusCodes.Status409Conflict, "Too many simultaneous corrections of these counts; try again.");
    }

    /// <summary>
    /// A figure far above this unit's own 7-day average at the site (3 days of history at least) is flagged, not
    /// refused. The history is the roll-up's, so a day still in the queue is not in the average yet.
    /// </summary>
    private async Task<string?> FlagAsync(DateOnly day, string siteId, string unitId, CountFigures figures, CancellationToken cancellationToken)
    {
        var history = await rollUps.ReadTrendAsync(siteId, unitId, day, 7, cancellationToken);
        if (history.Count < 3)
        {
            return null;
        }

        // Every indicator reported, whatever it is: a day on which it was not reported counts as 0 in its average.
        foreach (var (code, value) in figures.Named())
        {
            var average = history.Average(past => past[code]);
            if (value > Math.Max(average * (decimal)options.Value.FlagFactor, average + 10))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{code} {value} is far above the 7-day average of {average:F0}.");
            }
        }

        return null;
    }
}

/// <summary>A submission's outcome: the result, or the status and errors or title of its refusal.</summary>
public sealed record SubmitOutcome(SubmissionResult? Result, int Status, IDictionary<string, string[]>? Errors, string? Title)
{
    public IResult? Problem => Result is not null ? null
        : Errors is not null ? Problems.Validation(Errors)
        : TypedResults.Problem(title: Title, statusCode: Status);

    public static SubmitOutcome Ok(SubmissionResult result) => new(result, StatusCodes.Status200OK, null, null);

    public static SubmitOutcome Invalid(string field, string message) =>
        new(null, StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { [field] = [message] }, "The request has invalid fields.");

    public static SubmitOutcome Refused(int status, string title) => new(null, status, null, title);
}
