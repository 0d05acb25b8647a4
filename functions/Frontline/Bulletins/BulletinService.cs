using Azure;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using Frontline.Scheduling;
using Frontline.Sites;
using Frontline.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Bulletins;

/// <summary>
/// Composes and publishes each series' bulletin of the period that just closed, and publishes the drafts editors
/// approved. Running it again, or in two hosts at once, publishes nothing more: a period's row can be created once,
/// and numbers come from the counter under its ETag.
/// </summary>
public sealed partial class BulletinService(
    BulletinStore store,
    RollUpStore rollUps,
    CatalogCache catalogCache,
    ArrivalLog arrivals,
    ContributionStore contributions,
    Indicators.IndicatorStore indicators,
    Areas.AreaStore areas,
    Batches.BatchStore batches,
    TimeProvider time,
    IOptions<BulletinOptions> options,
    FrontlineMetrics metrics,
    ILogger<BulletinService> logger) : IScheduledOperation
{
    private const int MaxAttempts = 20;

    public string Name => "bulletins";

    public string ScheduleSetting => BulletinSeriesOptions.ScheduleSetting;

    public IReadOnlyList<BulletinSeriesOptions> Series => options.Value.Series;

    public BulletinSeriesOptions DefaultSeries => options.Value.Default!;

    public Task RunAsync(CancellationToken cancellationToken) => RunNowAsync(cancellationToken);

    /// <summary>Every series: the period that just closed, and any approved draft still waiting.</summary>
    public async Task<IReadOnlyList<RunResult>> RunNowAsync(CancellationToken cancellationToken)
    {
        var results = new List<RunResult>();
        foreach (var series in Series)
        {
            var period = Period.JustClosed(series.Cadence, Today(series));
            results.Add(await PublishPeriodAsync(series, period, cancellationToken));
            foreach (var approved in (await store.ListAsync(series.SeriesId, cancellationToken)).Where(b => b.Status == BulletinStatus.Approved && b.PeriodKey != period.Key))
            {
                results.Add(await PublishPeriodAsync(series, Period.Parse(approved.PeriodKey) ?? period, cancellationToken));
            }
        }

        return results;
    }

    public Task<RunResult> PublishPeriodAsync(Period period, CancellationToken cancellationToken) => PublishPeriodAsync(DefaultSeries, period, cancellationToken);

    public async Task<RunResult> PublishPeriodAsync(BulletinSeriesOptions series, Period period, CancellationToken cancellationToken)
    {
        if (await store.GetWithETagAsync(series.SeriesId, period.Key, cancellationToken) is var (existing, etag))
        {
            return existing.Status switch
            {
                BulletinStatus.Approved => await PublishAsync(series, existing, etag, existing.Reviewer ?? series.Reviewer, cancellationToken),
                BulletinStatus.Draft when !series.RequireReview => await PublishAsync(series, await WithoutWithdrawnAsync(existing, cancellationToken), etag, series.Reviewer, cancellationToken),
                _ => Result(existing, "unchanged"),
            };
        }

        var draft = await ComposeAsync(series, period, cancellationToken);
        metrics.BulletinComposed(series.SeriesId);
        if (series.RequireReview)
        {
            var added = await store.TryAddDraftAsync(draft, cancellationToken);
            var stored = added ? draft : await store.GetAsync(series.SeriesId, period.Key, cancellationToken) ?? draft;
            LogComposed(logger, series.SeriesId, period.Key, stored.Status);
            return Result(stored, added ? "draft" : "unchanged");
        }

        return await PublishAsync(series, draft, null, series.Reviewer, cancellationToken);
    }

    /// <summary>
    /// Composes the draft of a period an editor chose, unless the period has a bulletin already; returns what is stored,
    /// its ETag, and whether this call created it.
    /// </summary>
    public async Task<(Bulletin Bulletin, ETag ETag, bool Created)> ComposeDraftAsync(BulletinSeriesOptions series, Period period, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetWithETagAsync(series.SeriesId, period.Key, cancellationToken) is var (existing, etag))
            {
                return (existing, etag, false);
            }

            var draft = await ComposeAsync(series, period, cancellationToken);
            if (await store.TryAddDraftWithETagAsync(draft, cancellationToken) is { } added)
            {
                return (draft, added, true);
            }
        }

        throw new InvalidOperationException($"Could not store the draft for {period.Key} after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// Saves an editor's content over the draft whose ETag they read. A second editor with the older ETag gets the
    /// current draft back instead of overwriting the first one's work; a published bulletin is never edited.
    /// </summary>
    public async Task<DraftChange> SaveAsync(BulletinSeriesOptions series, string periodKey, BulletinContent content, string etag, string editor, CancellationToken cancellationToken)
    {
        if (await store.GetWithETagAsync(series.SeriesId, periodKey, cancellationToken) is not var (current, currentETag))
        {
            return new DraftChange(DraftOutcome.NotFound, null, default);
        }

        if (current.Status == BulletinStatus.Published)
        {
            return new DraftChange(DraftOutcome.Published, current, currentETag);
        }

        if (currentETag.ToString() != etag)
        {
            return new DraftChange(DraftOutcome.Stale, current, currentETag);
        }

        // An approved draft that is edited again needs approving again.
        var edited = current with { Content = content, Html = BulletinHtml.Render(content), Status = BulletinStatus.Draft, EditedBy = editor, EditedAt = time.GetUtcNow() };
        var (saved, newETag) = await store.TryReplaceAsync(edited, currentETag, cancellationToken);
        return saved
            ? new DraftChange(DraftOutcome.Saved, edited, newETag)
            : await store.GetWithETagAsync(series.SeriesId, periodKey, cancellationToken) is var (raced, racedETag)
                ? new DraftChange(DraftOutcome.Stale, raced, racedETag)
                : new DraftChange(DraftOutcome.NotFound, null, default);
    }

    /// <summary>
    /// Records the 终审's approval of the draft as the approver read it (<paramref name="etag"/>, when given). The next
    /// run publishes it as it stands; its contributions can no longer be withdrawn.
    /// </summary>
    public async Task<DraftChange> ApproveAsync(BulletinSeriesOptions series, string periodKey, string reviewer, string? etag, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetWithETagAsync(series.SeriesId, periodKey, cancellationToken) is not var (draft, currentETag))
            {
                return new DraftChange(DraftOutcome.NotFound, null, default);
            }

            if (draft.Status == BulletinStatus.Published)
            {
                return new DraftChange(DraftOutcome.Published, draft, currentETag);
            }

            if (etag is not null && currentETag.ToString() != etag)
            {
                return new DraftChange(DraftOutcome.Stale, draft, currentETag);
            }

            var approved = await WithoutWithdrawnAsync(draft, cancellationToken) with { Status = BulletinStatus.Approved, Reviewer = reviewer };
            var (saved, newETag) = await store.TryReplaceAsync(approved, currentETag, cancellationToken);
            if (saved)
            {
                await MarkUsedAsync(approved, cancellationToken);
                LogApproved(logger, series.SeriesId, periodKey);
                return new DraftChange(DraftOutcome.Saved, approved, newETag);
            }

            if (etag is not null)
            {
                etag = null;
                continue;
            }
        }

        throw new InvalidOperationException($"Could not approve the draft {periodKey} after {MaxAttempts} attempts.");
    }

    /// <summary>A correction notice: a numbered bulletin of its own that points at the one it corrects, which stays as it was.</summary>
    public async Task<Bulletin?> CorrectAsync(BulletinSeriesOptions series, int year, int number, string text, string reviewer, CancellationToken cancellationToken)
    {
        if (await store.GetByNumberAsync(series.SeriesId, year, number, cancellationToken) is not { Status: BulletinStatus.Published } original)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var content = new BulletinContent($"关于《{original.Title}》的更正", $"对《{original.Title}》作如下更正：", "",
            [new BulletinSection("更正说明", [BulletinTypography.FullWidth(BulletinComposer.Redact(text))], null, null)], "");
        var correction = new Bulletin(series.SeriesId, $"correction-{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..40], BulletinStatus.Draft, null, null, null, "",
            series.Office, reviewer, now, null, content, BulletinHtml.Render(content), original.PeriodKey);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (published, bulletin) = await store.TryPublishAsync(correction, isNew: true, null, series.TotalNumberBefore, series.TitleOf, LocalNow(series), cancellationToken);
            if (published)
            {
                return bulletin;
            }
        }

        throw new InvalidOperationException("Could not number the correction.");
    }

    /// <summary>
    /// A period's figures as of its end: the roll-ups of its days, the units' (or the area's) all-time sums less the days
    /// after it, the directory's counters less the arrivals after it. A few point and range reads a day; never a
    /// submission or a volunteer.
    /// </summary>
    public async Task<BulletinFigures> FiguresAsync(BulletinSeriesOptions series, Period period, CancellationToken cancellationToken)
    {
        var today = Today(series);
        var after = period.Last < today ? Period.Custom(period.Last.AddDays(1), today) : null;
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken, fresh: true);
        var days = await Task.WhenAll(period.Days.Select(day => rollUps.ReadDayAsync(day, cancellationToken)));
        // An area series reads the period before from the area's own rows (ReadAreaAsync), not from whole days.
        var previous = series.IsAreaScoped ? []
            : await Task.WhenAll(period.Previous().Days.Select(day => rollUps.ReadDayAsync(day, cancellationToken)));
        // A unit series takes the days after the period off its units' all-time rows; an area series, off the area's.
        var daysAfter = after is null || series.IsAreaScoped ? []
            : await Task.WhenAll(after.Days.Take(Period.MaxDays).Select(day => rollUps.ReadDayUnitsAsync(day, cancellationToken)));
        var (unitsArrived, rostersArrived) = await arrivals.AfterAsync(period.Last, today, cancellationToken);
        var area = series.IsAreaScoped ? await ReadAreaAsync(series, period, after, cancellationToken) : null;
        var scope = BulletinScope.Of(series, catalog, area);
        var unitTotals = series.IsAreaScoped ? new Dictionary<string, DailyCounts.CountFigures>() : await rollUps.ReadUnitTotalsAsync(cancellationToken);
        return BulletinFigures.Sum(series, catalog, period, days, previous, unitTotals, daysAfter,
            new ArrivalsAfter(unitsArrived, rostersArrived),
            await indicators.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("The indicator definitions are not seeded yet."),
            area, await BatchesOfAsync(scope.UnitIds, cancellationToken));
    }

    /// <summary>
    /// The dispatch batches of the scope's units: one range read of each unit's partition (the internal report's 500
    /// units are 500 small reads once a day), sixteen at a time.
    /// </summary>
    private async Task<IReadOnlyList<Batches.Batch>> BatchesOfAsync(IReadOnlySet<string> unitIds, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentBag<Batches.Batch>();
        await Parallel.ForEachAsync(unitIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (unitId, token) =>
        {
            foreach (var (batch, _) in await batches.ListAsync(unitId, token))
            {
                found.Add(batch);
            }
        });
        return [.. found.OrderBy(batch => batch.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The first draft of a period, with every figure as of the period's end (<see cref="FiguresAsync"/>) and the pieces
    /// the series' units submitted for it.
    /// </summary>
    public async Task<Bulletin> ComposeAsync(BulletinSeriesOptions series, Period period, CancellationToken cancellationToken)
    {
        var figures = await FiguresAsync(series, period, cancellationToken);
        var pieces = series.IsPublic
            ? (await contributions.ListAsync(period.First, period.Last, cancellationToken))
                .Where(piece => piece.Status == ContributionStatus.Submitted && figures.Scope.CoversPiece(piece.UnitId, piece.SiteId)).Take(BulletinLimits.MaxSections - 1).ToList()
            : [];
        var content = BulletinComposer.Compose(series, period, figures, pieces);
        return new Bulletin(series.SeriesId, period.Key, BulletinStatus.Draft, null, null, null, "", series.Office, null, time.GetUtcNow(), null,
            content, BulletinHtml.Render(content), null);
    }

    /// <summary>
    /// An area series' readings as of the period's end: the sites placed below the area, the area's row of each day of the
    /// period and of the period before (point reads), and its all-time row less the days after the period. An area the
    /// office has not imported (or has removed) covers no site: its bulletin says nothing was reported, and the log says why.
    /// </summary>
    private async Task<AreaReadings> ReadAreaAsync(BulletinSeriesOptions series, Period period, Period? after, CancellationToken cancellationToken)
    {
        var code = series.AreaCode!;
        var (area, sites) = await AreaSitesAsync(series, cancellationToken);
        var days = await Task.WhenAll(period.Days.Select(day => rollUps.ReadAreaDayAsync(day, code, cancellationToken)));
        var previous = await Task.WhenAll(period.Previous().Days.Select(day => rollUps.ReadAreaDayAsync(day, code, cancellationToken)));
        var daysAfter = after is null ? [] : await Task.WhenAll(after.Days.Take(Period.MaxDays).Select(day => rollUps.ReadAreaDayAsync(day, code, cancellationToken)));
        var cumulative = daysAfter.Aggregate(await rollUps.ReadAreaTotalAsync(code, cancellationToken), (sum, day) => sum - day.Figures);
        return new AreaReadings(area?.Name ?? code, sites, days, previous, cumulative);
    }

    /// <summary>An area series' area and the sites placed in it and below it (one range read); none, logged, for an area not in the tree.</summary>
    private async Task<(Areas.StoredArea? Area, IReadOnlySet<string> Sites)> AreaSitesAsync(BulletinSeriesOptions series, CancellationToken cancellationToken)
    {
        if (await areas.GetAsync(series.AreaCode!, cancellationToken) is not { } area)
        {
            LogUnknownArea(logger, series.SeriesId, series.AreaCode!);
            return (null, new HashSet<string>());
        }

        return (area, await areas.SiteIdsBelowAsync(area.Path, cancellationToken));
    }

    /// <summary>
    /// The pieces a draft may carry, with their 供稿 names: those it has, and every piece still submitted for its period
    /// by the series' units (one range read of the period's days).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ContributorsAsync(BulletinSeriesOptions series, Bulletin draft, CancellationToken cancellationToken)
    {
        var contributors = draft.Content.Sections.Where(section => section is { ContributionId: not null, ContributedBy: not null })
            .ToDictionary(section => section.ContributionId!, section => section.ContributedBy!, StringComparer.Ordinal);
        if (Period.Parse(draft.PeriodKey) is { } period)
        {
            var scope = await ScopeOfAsync(series, cancellationToken);
            foreach (var piece in await contributions.ListAsync(period.First, period.Last, cancellationToken))
            {
                if (piece.Status == ContributionStatus.Submitted && scope.CoversPiece(piece.UnitId, piece.SiteId))
                {
                    contributors[piece.Id] = piece.Contributor;
                }
            }
        }

        return contributors;
    }

    /// <summary>What a series' pieces may be about: its units' (a unit series), or its area's sites (an area series).</summary>
    private async Task<BulletinScope> ScopeOfAsync(BulletinSeriesOptions series, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!series.IsAreaScoped)
        {
            return BulletinScope.OfUnits(series, catalog);
        }

        var (_, sites) = await AreaSitesAsync(series, cancellationToken);
        return BulletinScope.OfArea(sites, catalog);
    }

    public DateOnly Today(BulletinSeriesOptions series) => DateOnly.FromDateTime(LocalNow(series).DateTime);

    private DateTimeOffset LocalNow(BulletinSeriesOptions series) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), series.Zone());

    private async Task<RunResult> PublishAsync(BulletinSeriesOptions series, Bulletin bulletin, ETag? etag, string reviewer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (published, numbered) = await store.TryPublishAsync(bulletin with { Reviewer = reviewer }, isNew: etag is null, etag, series.TotalNumberBefore,
                series.TitleOf, LocalNow(series), cancellationToken);
            if (published)
            {
                await MarkUsedAsync(numbered, cancellationToken);
                metrics.BulletinPublished(series.SeriesId);
                LogPublished(logger, series.SeriesId, bulletin.PeriodKey, numbered.Year!.Value, numbered.Number!.Value, numbered.TotalNumber!.Value);
                return Result(numbered, "published");
            }

            // Another run published or stored the period first, an editor saved, or the counter moved: look again.
            if (await store.GetWithETagAsync(series.SeriesId, bulletin.PeriodKey, cancellationToken) is var (stored, storedETag))
            {
                if (stored.Status == BulletinStatus.Published || (stored.Status == BulletinStatus.Draft && series.RequireReview))
                {
                    return Result(stored, "unchanged");
                }

                (bulletin, etag) = (stored, storedETag);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20)), cancellationToken);
        }

        throw new InvalidOperationException($"Could not number the bulletin for {bulletin.PeriodKey} after {MaxAttempts} attempts.");
    }

    /// <summary>Sections whose contribution its sender withdrew since the draft was composed are left out.</summary>
    private async Task<Bulletin> WithoutWithdrawnAsync(Bulletin bulletin, CancellationToken cancellationToken)
    {
        var kept = new List<BulletinSection>();
        foreach (var section in bulletin.Content.Sections)
        {
            if (section.ContributionId is not { } id || await contributions.GetAsync(id, cancellationToken) is not ({ Status: ContributionStatus.Withdrawn }, _))
            {
                kept.Add(section);
            }
        }

        if (kept.Count == bulletin.Content.Sections.Count)
        {
            return bulletin;
        }

        var content = bulletin.Content with { Sections = kept };
        return bulletin with { Content = content, Html = BulletinHtml.Render(content) };
    }

    private async Task MarkUsedAsync(Bulletin bulletin, CancellationToken cancellationToken)
    {
        foreach (var id in bulletin.Content.Sections.Select(section => section.ContributionId).OfType<string>())
        {
            if (await contributions.GetAsync(id, cancellationToken) is ({ Status: ContributionStatus.Submitted } piece, var etag))
            {
                await contributions.TrySetStatusAsync(piece, etag, ContributionStatus.Used, $"{bulletin.SeriesId}/{bulletin.PeriodKey}", cancellationToken);
            }
        }
    }

    private static RunResult Result(Bulletin bulletin, string outcome) =>
        new(bulletin.SeriesId, bulletin.PeriodKey, outcome, bulletin.Year, bulletin.Number, bulletin.TotalNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin {Series} for {Period} composed as {Status}")]
    private static partial void LogComposed(ILogger logger, string series, string period, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulletin series {Series} is scoped to the area {Area}, which is not in the area tree: it covers no site")]
    private static partial void LogUnknownArea(ILogger logger, string series, string area);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin {Series} for {Period} approved")]
    private static partial void LogApproved(ILogger logger, string series, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulletin {Series} for {Period} published as {Year} No. {Number} (total {TotalNumber})")]
    private static partial void LogPublished(ILogger logger, string series, string period, int year, int number, int totalNumber);
}

public enum DraftOutcome
{
    Saved,
    NotFound,
    Stale,
    Published,
}

/// <summary>What a save or an approval did, with the draft and ETag as they are now.</summary>
public sealed record DraftChange(DraftOutcome Outcome, Bulletin? Bulletin, ETag ETag);
