using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.DailyCounts;

public sealed record SubmissionResult(string SiteId, string UnitId, string Day, int Version, bool Changed, bool Flagged, string? FlagReason);

public sealed record SubmissionView(
    string SiteId, string UnitId, string Day, int Version, CountFigures Figures, string? Highlight, string SubmittedBy,
    DateTimeOffset SubmittedAt, bool Flagged, string? FlagReason)
{
    public static SubmissionView Of(Submission submission) => new(
        submission.SiteId, submission.UnitId, DailyCountStore.Partition(submission.Day), submission.Version, submission.Figures, submission.Highlight,
        submission.SubmittedBy, submission.SubmittedAt, submission.Flagged, submission.FlagReason);
}

public sealed record UnitDay(string UnitId, string Day, IReadOnlyList<SubmissionView> Submissions, IReadOnlyList<string> Missing);

public sealed record SiteReport(string SiteId, string Name, string Status, DateTimeOffset? SubmittedAt, int? Version, bool Flagged);

public sealed record UnitCompleteness(string UnitId, string Name, int Reported, int Late, int Missing, IReadOnlyList<SiteReport> Sites);

public sealed record Completeness(string Day, int Reported, int Late, int Missing, IReadOnlyList<UnitCompleteness> Units);

public sealed record BatchRowResult(int Row, string? SiteId, int Status, SubmissionResult? Result, IDictionary<string, string[]>? Errors, string? Title);

public static class ReportStatus
{
    public const string Reported = "reported";
    public const string Late = "late";
    public const string Missing = "missing";
}

/// <summary>
/// Units report their sites' daily counts. Each handler checks the caller itself (role, and for reporters the
/// unit in their token) before it reads anything, and a refused call writes nothing.
/// </summary>
public sealed partial class DailyCountEndpoints(
    DailyCountStore counts,
    DailyCountRecorder recorder,
    RollUpStore rollUps,
    DeploymentStore deployment,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<DailyCountEndpoints> logger)
{
    private const int MaxBatchRows = 500;
    private const int BatchLimitBytes = 256 * 1024;

    private FrontlineOptions Settings => options.Value;

    public async Task<IResult> SubmitAsync(HttpRequest request, string siteId, string day, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Reporter, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        var unit = UnitOf(caller!, request.Query["unitId"]);
        if (unit.Problem is not null)
        {
            return unit.Problem;
        }

        var body = await JsonBody.ReadAsync<CountsRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await SubmitOneAsync(caller!, unit.UnitId!, siteId, day, body.Value!, cancellationToken);
        return outcome.Result is { } result ? TypedResults.Ok(result) : outcome.Problem!;
    }

    /// <summary>Many sites of one unit and one day at once, as JSON rows or CSV; each row is answered on its own.</summary>
    public async Task<IResult> SubmitBatchAsync(HttpRequest request, string unitId, string day, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Reporter, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!caller!.IsCoordinator && !caller.IsReporterOf(unitId))
        {
            return Problems.Forbidden("Reporters submit for their own unit only.");
        }

        if (!CatalogImport.IsValidId(unitId))
        {
            return Problems.NotFound("No such unit.");
        }

        List<(CountsBatchRow Row, Dictionary<string, string[]> Errors)> rows;
        if (request.ContentType?.StartsWith(Csv.MediaType, StringComparison.OrdinalIgnoreCase) == true)
        {
            var csv = await Csv.ReadBodyAsync(request, BatchLimitBytes, cancellationToken);
            if (csv.Problem is not null)
            {
                return csv.Problem;
            }

            rows = csv.Rows!.Select(ReadCsvRow).ToList();
        }
        else
        {
            var body = await JsonBody.ReadAsync<CountsBatchRequest>(request, cancellationToken, BatchLimitBytes);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            rows = [.. (body.Value!.Rows ?? []).Select(row => (row ?? new CountsBatchRow(null, null, null, null, null, null, null, null, null), new Dictionary<string, string[]>()))];
        }

        if (rows.Count is 0 or > MaxBatchRows)
        {
            return Problems.Validation("rows", $"Send 1 to {MaxBatchRows} rows.");
        }

        var results = new List<BatchRowResult>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, cellErrors) = rows[i];
            var outcome = cellErrors.Count > 0
                ? new SubmitOutcome(null, StatusCodes.Status400BadRequest, cellErrors, "The row has invalid cells.")
                : await SubmitOneAsync(caller, unitId, row.SiteId ?? "", day, row.Counts, cancellationToken);
            results.Add(outcome.Result is { } result
                ? new BatchRowResult(i + 1, row.SiteId, StatusCodes.Status200OK, result, null, null)
                : new BatchRowResult(i + 1, row.SiteId, outcome.Status, null, outcome.Errors, outcome.Title));
        }

        if (results.All(result => result.Result is null))
        {
            return NoneAccepted(results);
        }

        return TypedResults.Ok(results);
    }

    public async Task<IResult> HistoryAsync(HttpRequest request, string siteId, string day, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Reporter, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        var unit = UnitOf(caller!, request.Query["unitId"]);
        if (unit.Problem is not null)
        {
            return unit.Problem;
        }

        if (!CountValidation.TryParseDay(day, out var date))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await deployment.GetCatalogAsync(cancellationToken);
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

    public async Task<IResult> ReopenAsync(HttpRequest request, string siteId, string day, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!CountValidation.TryParseDay(day, out var date))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        if (date > Settings.Today(time))
        {
            return Problems.Validation("day", "A day that has not come yet cannot be reopened.");
        }

        if (!CatalogImport.IsValidId(siteId) || !(await deployment.GetCatalogAsync(cancellationToken)).Sites.ContainsKey(siteId))
        {
            return Problems.NotFound("No such site.");
        }

        await counts.ReopenAsync(date, siteId, Who(caller!), time.GetUtcNow(), cancellationToken);
        LogReopened(logger, siteId, date);
        return TypedResults.NoContent();
    }

    /// <summary>A unit's own day: what it submitted and which of its open sites are still missing.</summary>
    public async Task<IResult> UnitDayAsync(HttpRequest request, string unitId, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Reporter, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!caller!.IsCoordinator && !caller.IsReporterOf(unitId))
        {
            return Problems.Forbidden("Reporters see their own unit only.");
        }

        if (!CatalogImport.IsValidId(unitId))
        {
            return Problems.NotFound("No such unit.");
        }

        if (DayFromQuery(request) is not { } day)
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await deployment.GetCatalogAsync(cancellationToken);
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
        var (_, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        if (DayFromQuery(request) is not { } day)
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        return TypedResults.Ok(await ComputeCompletenessAsync(day, cancellationToken));
    }

    /// <summary>The completeness of a day: one read of the day's partition against the catalog. Exports and reminders use it too.</summary>
    public async Task<Completeness> ComputeCompletenessAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var catalog = await deployment.GetCatalogAsync(cancellationToken);
        var submissions = (await counts.DayAsync(day, cancellationToken)).ToDictionary(submission => (submission.SiteId, submission.UnitId));
        var due = new DateTimeOffset(day.ToDateTime(Settings.ReportDueTime), Settings.Zone().GetUtcOffset(day.ToDateTime(Settings.ReportDueTime)));
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

    public async Task<IResult> FlaggedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        if (DayFromQuery(request) is not { } day)
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        return TypedResults.Ok((await counts.DayAsync(day, cancellationToken)).Where(submission => submission.Flagged).Select(SubmissionView.Of));
    }

    private async Task<SubmitOutcome> SubmitOneAsync(Caller caller, string unitId, string siteId, string day, CountsRequest body, CancellationToken cancellationToken)
    {
        if (!CountValidation.TryParseDay(day, out var date))
        {
            return SubmitOutcome.Invalid("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await deployment.GetCatalogAsync(cancellationToken);
        if (!CatalogImport.IsValidId(siteId) || !catalog.Sites.TryGetValue(siteId, out var site))
        {
            return SubmitOutcome.Refused(StatusCodes.Status404NotFound, "No such site.");
        }

        if (!catalog.Units.TryGetValue(unitId, out var unit) || !unit.SiteIds.Contains(siteId))
        {
            return SubmitOutcome.Refused(StatusCodes.Status403Forbidden, "This unit does not serve this site.");
        }

        var today = Settings.Today(time);
        if (date > today)
        {
            return SubmitOutcome.Invalid("day", "Counts cannot be reported for a day that has not come yet.");
        }

        if (!site.IsOpenOn(date))
        {
            return SubmitOutcome.Refused(StatusCodes.Status409Conflict, "The site was closed that day.");
        }

        if (date.DayNumber < today.DayNumber - Settings.CountLockDays && !await counts.IsReopenedAsync(date, siteId, cancellationToken))
        {
            return SubmitOutcome.Refused(StatusCodes.Status409Conflict, $"Counts older than {Settings.CountLockDays} days are locked; a coordinator can reopen the day.");
        }

        var valid = CountValidation.Validate(body, out var errors);
        var assigned = catalog.AssignedAt(siteId, unitId);
        if (valid is not null && valid.Figures.OnDuty > assigned + Settings.OnDutyMargin)
        {
            errors["onDuty"] = [$"The unit has {assigned} volunteers assigned here; at most {assigned + Settings.OnDutyMargin} can be on duty."];
        }

        if (errors.Count > 0)
        {
            return new SubmitOutcome(null, StatusCodes.Status400BadRequest, errors, "The request has invalid fields.");
        }

        var flag = await FlagAsync(date, siteId, unitId, valid!.Figures, cancellationToken);
        var recorded = await recorder.RecordAsync(unitId, siteId, date, valid, Who(caller), flag, cancellationToken);
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

        foreach (var (field, value) in figures.Named())
        {
            var average = history.Average(past => past.Named().First(named => named.Field == field).Value);
            if (value > Math.Max(average * Settings.FlagFactor, average + 10))
            {
                return $"{field} {value} is far above the 7-day average of {average.ToString("F0", CultureInfo.InvariantCulture)}.";
            }
        }

        return null;
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

    private static string Who(Caller caller) => caller.Name is { Length: > 0 } name ? $"{name} ({caller.Subject})" : caller.Subject;

    private static int Count(IEnumerable<SiteReport> sites, string status) => sites.Count(site => site.Status == status);

    /// <summary>A CSV row: figures are digits only (no sign, no spaces, no 5.0 or 1e3), and no cell may look like a formula.</summary>
    private static (CountsBatchRow Row, Dictionary<string, string[]> Errors) ReadCsvRow(Dictionary<string, string> row)
    {
        var errors = new Dictionary<string, string[]>();
        long? Number(string field)
        {
            var cell = row.GetValueOrDefault(field);
            if (string.IsNullOrEmpty(cell))
            {
                return null;
            }

            if (cell.Length <= 7 && long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[field] = [$"A whole number from 0 to {CountValidation.MaxFigure}, digits only."];
            return null;
        }

        var parsed = new CountsBatchRow(row.GetValueOrDefault("siteId"), Number("onDuty"), Number("partyMembers"), Number("tested"),
            Number("peopleChecked"), Number("vehiclesChecked"), Number("suppliesDelivered"), Number("householdsVisited"), row.GetValueOrDefault("highlight"));
        Csv.RefuseFormulas(row, errors);
        return (parsed, errors);
    }

    /// <summary>
    /// Every row refused: the request as a whole failed. The answer is a problem with the rows' common status (400
    /// when they differ), errors keyed <c>rows[N].field</c> (N from 1), and nothing was written.
    /// </summary>
    private static ProblemHttpResult NoneAccepted(List<BatchRowResult> results)
    {
        var statuses = results.Select(result => result.Status).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        foreach (var result in results)
        {
            if (result.Errors is { Count: > 0 } rowErrors)
            {
                foreach (var (field, messages) in rowErrors)
                {
                    errors[$"rows[{result.Row}].{field}"] = messages;
                }
            }
            else
            {
                errors[$"rows[{result.Row}]"] = [result.Title ?? "Refused."];
            }
        }

        return Problems.Status(statuses.Count == 1 ? statuses[0] : StatusCodes.Status400BadRequest, "No row was accepted.",
            $"All {results.Count} rows were refused; see errors.", new Dictionary<string, object?> { ["errors"] = errors });
    }

    private sealed record SubmitOutcome(SubmissionResult? Result, int Status, IDictionary<string, string[]>? Errors, string? Title)
    {
        public IResult? Problem => Result is not null ? null
            : Errors is not null ? Problems.Validation(Errors)
            : TypedResults.Problem(title: Title, statusCode: Status);

        public static SubmitOutcome Ok(SubmissionResult result) => new(result, StatusCodes.Status200OK, null, null);

        public static SubmitOutcome Invalid(string field, string message) =>
            new(null, StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { [field] = [message] }, "The request has invalid fields.");

        public static SubmitOutcome Refused(int status, string title) => new(null, status, null, title);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counts for {Day} at {SiteId} reopened")]
    private static partial void LogReopened(ILogger logger, string siteId, DateOnly day);
}
