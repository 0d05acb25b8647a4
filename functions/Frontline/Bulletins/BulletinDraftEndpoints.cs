using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Bulletins;

public sealed record CorrectionRequest(string? Text);

/// <summary>
/// The editors' routes (Coordinators): run the timer's operation now, compose the draft of a chosen period, read and
/// save a draft's content under its ETag, approve it as 终审, and issue a correction to a published issue.
/// </summary>
public sealed class BulletinDraftEndpoints(BulletinStore store, BulletinService service, IOptions<BulletinOptions> options)
{
    public async Task<IResult> RunAsync(CancellationToken cancellationToken) => TypedResults.Ok(await service.RunNowAsync(cancellationToken));

    /// <summary>The drafts of a series (<c>?series=</c>, the default public one when absent), oldest period first.</summary>
    public async Task<IResult> DraftsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (series, refusal) = FindSeries(request.Query["series"]);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok((await store.ListWithETagsAsync(series!.SeriesId, cancellationToken))
            .Where(entry => entry.Bulletin.Status != BulletinStatus.Published && entry.Bulletin.CorrectsKey is null)
            .OrderBy(entry => entry.Bulletin.PeriodKey, StringComparer.Ordinal)
            .Select(entry => View(series, entry.Bulletin, entry.ETag.ToString())));
    }

    /// <summary>Composes the draft of a period an editor chose (from, to: at most a year, ended by yesterday); 201, or 200 with the one that exists.</summary>
    public async Task<IResult> ComposeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ComposeRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (series, seriesRefusal) = FindSeries(body.Value!.Series);
        if (seriesRefusal is not null)
        {
            return seriesRefusal;
        }

        var errors = new Dictionary<string, string[]>();
        var from = Day(body.Value.From, "from", errors);
        var to = Day(body.Value.To, "to", errors);
        if (errors.Count == 0)
        {
            if (from > to)
            {
                errors["from"] = ["Must not be after to."];
            }
            else if (to.DayNumber - from.DayNumber >= Period.MaxDays)
            {
                errors["to"] = [$"A period is at most {Period.MaxDays} days."];
            }
            else if (to >= service.Today(series!))
            {
                errors["to"] = ["The period must have ended: its last day is yesterday at the latest."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var period = Period.Custom(from, to);
        var (draft, etag, created) = await service.ComposeDraftAsync(series!, period, cancellationToken);
        var view = View(series!, draft, etag.ToString());
        return created ? TypedResults.Created($"/{ApiRoutes.Prefix}/bulletins/drafts/{period.Key}/content?series={series!.SeriesId}", view) : TypedResults.Ok(view);
    }

    public async Task<IResult> GetDraftAsync(HttpRequest request, string periodKey, CancellationToken cancellationToken)
    {
        var (series, refusal) = FindSeries(request.Query["series"]);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!IsPeriodKey(periodKey) || await store.GetWithETagAsync(series!.SeriesId, periodKey, cancellationToken) is not var (draft, etag)
            || draft.Status == BulletinStatus.Published)
        {
            return Problems.NotFound("No such draft.");
        }

        request.HttpContext.Response.Headers.ETag = etag.ToString();
        return TypedResults.Ok(View(series, draft, etag.ToString()));
    }

    /// <summary>Saves the editor's content; If-Match must carry the ETag they read, and a stale one gets 409 with the current draft.</summary>
    public async Task<IResult> SaveDraftAsync(HttpRequest request, Caller caller, string periodKey, CancellationToken cancellationToken)
    {
        var (series, refusal) = FindSeries(request.Query["series"]);
        if (refusal is not null)
        {
            return refusal;
        }

        if (request.Headers.IfMatch.ToString() is not { Length: > 0 } etag)
        {
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "Send the draft's ETag in If-Match.",
                "Read the draft first (GET …/content); its ETag says which version you edited.");
        }

        var body = await JsonBody.ReadAsync<DraftEdit>(request, cancellationToken, limitBytes: 96 * 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (!IsPeriodKey(periodKey) || await store.GetAsync(series!.SeriesId, periodKey, cancellationToken) is not { } current)
        {
            return Problems.NotFound("No such draft.");
        }

        if (BulletinEditing.Validate(body.Value!, await service.ContributorsAsync(series, current, cancellationToken), out var errors) is not { } content)
        {
            return Problems.Validation(errors);
        }

        return Answer(request, series, await service.SaveAsync(series, periodKey, content, etag, caller.Name ?? caller.Subject, cancellationToken));
    }

    /// <summary>Approval as 终审; with If-Match, only the version the approver read.</summary>
    public async Task<IResult> ApproveAsync(HttpRequest request, Caller caller, string periodKey, CancellationToken cancellationToken)
    {
        var (series, refusal) = FindSeries(request.Query["series"]);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!IsPeriodKey(periodKey))
        {
            return Problems.NotFound("No such draft.");
        }

        var etag = request.Headers.IfMatch.ToString();
        return Answer(request, series!, await service.ApproveAsync(series!, periodKey, caller.Name ?? caller.Subject, etag.Length > 0 ? etag : null, cancellationToken));
    }

    public async Task<IResult> CorrectAsync(HttpRequest request, Caller caller, string year, string number, CancellationToken cancellationToken)
    {
        var (series, refusal) = FindSeries(request.Query["series"]);
        if (refusal is not null)
        {
            return refusal;
        }

        var body = await JsonBody.ReadAsync<CorrectionRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        var text = Text.Required(body.Value!.Text, "text", 2000, errors);
        if (text is null)
        {
            return Problems.Validation(errors);
        }

        if (!BulletinEndpoints.TryNumber(year, 2000, 2100, out var y) || !BulletinEndpoints.TryNumber(number, 1, 9999, out var n))
        {
            return Problems.NotFound("No published bulletin with that year and number.");
        }

        var correction = await service.CorrectAsync(series!, y, n, text, caller.Name ?? caller.Subject, cancellationToken);
        return correction is null
            ? Problems.NotFound("No published bulletin with that year and number.")
            : TypedResults.Ok(new RunResult(series!.SeriesId, correction.PeriodKey, "published", correction.Year, correction.Number, correction.TotalNumber));
    }

    private static IResult Answer(HttpRequest request, BulletinSeriesOptions series, DraftChange change)
    {
        switch (change.Outcome)
        {
            case DraftOutcome.NotFound:
                return Problems.NotFound("No such draft.");
            case DraftOutcome.Published:
                return Problems.Conflict("The bulletin is published and does not change; issue a correction instead.");
            case DraftOutcome.Stale:
                return Problems.Status(StatusCodes.Status409Conflict, "The draft was changed by someone else since you read it.",
                    "The current draft is in 'current'; apply your changes to it and save again.",
                    new Dictionary<string, object?> { ["current"] = View(series, change.Bulletin!, change.ETag.ToString()) });
            default:
                request.HttpContext.Response.Headers.ETag = change.ETag.ToString();
                return TypedResults.Ok(View(series, change.Bulletin!, change.ETag.ToString()));
        }
    }

    /// <summary>The series named (the default when none), or the 400 naming <c>series</c>.</summary>
    private (BulletinSeriesOptions? Series, IResult? Refusal) FindSeries(string? seriesId) =>
        options.Value.Find(string.IsNullOrEmpty(seriesId) ? null : seriesId) is { } series
            ? (series, null)
            : (null, Problems.Validation("series", "No such bulletin series."));

    private static DraftView View(BulletinSeriesOptions series, Bulletin draft, string etag) => new(
        series.SeriesId, draft.PeriodKey, Period.Parse(draft.PeriodKey) is { } period ? BulletinTypography.PeriodText(period) : draft.PeriodKey, draft.Status,
        draft.Headline, draft.Content, BulletinEndpoints.Local(series, draft.ComposedAt), draft.EditedBy,
        draft.EditedAt is { } edited ? BulletinEndpoints.Local(series, edited) : null, draft.Reviewer, draft.Html, etag);

    private static bool IsPeriodKey(string periodKey) => Period.Parse(periodKey) is not null;

    private static DateOnly Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = ["Required."];
            return default;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = ["A date as yyyy-MM-dd."];
        }

        return day;
    }
}
