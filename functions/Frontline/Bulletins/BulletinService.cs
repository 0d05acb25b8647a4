using Frontline.DailyCounts;
using Frontline.Scheduling;
using Frontline.Sites;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Bulletins;

/// <summary>
/// Composes and publishes the bulletin of the period that just closed. Running it again, or in two hosts at
/// once, publishes nothing more: the period's row can be created once, and numbers come from the counter.
/// </summary>
public sealed partial class BulletinService(
    BulletinStore store,
    RollUpStore rollUps,
    DeploymentStore deployment,
    TimeProvider time,
    IOptions<FrontlineOptions> frontline,
    IOptions<BulletinSeriesOptions> series,
    ILogger<BulletinService> logger) : IScheduledOperation
{
    private const int MaxAttempts = 20;

    public string Name => "bulletins";

    public string ScheduleSetting => BulletinSeriesOptions.ScheduleSetting;

    private BulletinSeriesOptions Series => series.Value;

    public Task RunAsync(CancellationToken cancellationToken) => RunNowAsync(cancellationToken);

    public async Task<RunResult> RunNowAsync(CancellationToken cancellationToken) =>
        await PublishPeriodAsync(Period.JustClosed(Series.Cadence, frontline.Value.Today(time)), cancellationToken);

    public async Task<RunResult> PublishPeriodAsync(Period period, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(Series.SeriesId, period.Key, cancellationToken) is { } existing)
        {
            return Result(existing, "unchanged");
        }

        var draft = await ComposeAsync(period, cancellationToken);
        if (Series.RequireReview)
        {
            var added = await store.TryAddDraftAsync(draft, cancellationToken);
            var stored = added ? draft : await store.GetAsync(Series.SeriesId, period.Key, cancellationToken) ?? draft;
            LogComposed(logger, Series.SeriesId, period.Key, stored.Status);
            return Result(stored, added ? "draft" : "unchanged");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (published, bulletin) = await store.TryPublishAsync(draft with { Reviewer = Series.Reviewer }, isNew: true, null, Series.TotalNumberBefore, Title, LocalNow(), cancellationToken);
            if (published)
            {
                LogPublished(logger, Series.SeriesId, period.Key, bulletin.Year!.Value, bulletin.Number!.Value, bulletin.TotalNumber!.Value);
                return Result(bulletin, "published");
            }

            if (await store.GetAsync(Series.SeriesId, period.Key, cancellationToken) is { } raced)
            {
                return Result(raced, "unchanged");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20)), cancellationToken);
        }

        throw new InvalidOperationException($"Could not number the bulletin for {period.Key} after {MaxAttempts} attempts.");
    }

    /// <summary>The reviewer approves a draft: it is published now, with the next numbers and the reviewer's name.</summary>
    public async Task<Bulletin?> ApproveAsync(string periodKey, string reviewer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var draft = await store.GetAsync(Series.SeriesId, periodKey, cancellationToken);
            if (draft is null || draft.Status == BulletinStatus.Published)
            {
                return draft;
            }

            var etag = await store.ETagOfAsync(Series.SeriesId, periodKey, cancellationToken);
            var (published, bulletin) = await store.TryPublishAsync(draft with { Reviewer = reviewer }, isNew: false, etag, Series.TotalNumberBefore, Title, LocalNow(), cancellationToken);
            if (published)
            {
                LogPublished(logger, Series.SeriesId, periodKey, bulletin.Year!.Value, bulletin.Number!.Value, bulletin.TotalNumber!.Value);
                return bulletin;
            }
        }

        throw new InvalidOperationException($"Could not publish the draft {periodKey} after {MaxAttempts} attempts.");
    }

    /// <summary>A correction notice: a numbered bulletin of its own that points at the one it corrects, which stays as it was.</summary>
    public async Task<Bulletin?> CorrectAsync(int year, int number, string text, string reviewer, CancellationToken cancellationToken)
    {
        if (await store.GetByNumberAsync(Series.SeriesId, year, number, cancellationToken) is not { Status: BulletinStatus.Published } original)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var html = $"<section><h2>更正说明</h2><p>{System.Net.WebUtility.HtmlEncode($"对《{original.Title}》作如下更正：")}</p><p>{System.Net.WebUtility.HtmlEncode(BulletinComposer.Redact(text))}</p></section>";
        var correction = new Bulletin(Series.SeriesId, $"correction-{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..40], BulletinStatus.Draft, null, null, null, "",
            $"关于《{original.Title}》的更正", Series.Office, reviewer, now, null, html, original.PeriodKey);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (published, bulletin) = await store.TryPublishAsync(correction, isNew: true, null, Series.TotalNumberBefore, Title, LocalNow(), cancellationToken);
            if (published)
            {
                return bulletin;
            }
        }

        throw new InvalidOperationException("Could not number the correction.");
    }

    public async Task<Bulletin> ComposeAsync(Period period, CancellationToken cancellationToken)
    {
        var catalog = await deployment.GetCatalogAsync(cancellationToken, fresh: true);
        var days = await Task.WhenAll(period.Days.Select(day => rollUps.ReadDayAsync(day, cancellationToken)));
        var previous = await Task.WhenAll(period.Previous().Days.Select(day => rollUps.ReadDayAsync(day, cancellationToken)));
        var figures = BulletinComposer.Figures(catalog, period, days, previous);
        return new Bulletin(Series.SeriesId, period.Key, BulletinStatus.Draft, null, null, null, "", BulletinComposer.Headline(period, figures), Series.Office,
            null, time.GetUtcNow(), null, BulletinComposer.Render(period, figures), null);
    }

    public string Title(int year, int number, int total) => $"{Series.Title}{year}年第{number}期(总第{total}期)";

    private DateTimeOffset LocalNow() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), frontline.Value.Zone());

    private static RunResult Result(Bulletin bulletin, string outcome) => new(bulletin.PeriodKey, outcome, bulletin.Year, bulletin.Number, bulletin.TotalNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin {Series} for {Period} composed as {Status}")]
    private static partial void LogComposed(ILogger logger, string series, string period, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin {Series} for {Period} published as {Year} No. {Number} (total {TotalNumber})")]
    private static partial void LogPublished(ILogger logger, string series, string period, int year, int number, int totalNumber);
}
