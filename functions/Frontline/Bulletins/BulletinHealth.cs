using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Frontline.Bulletins;

/// <summary>A series' last published issue.</summary>
public sealed record PublishedIssue(int Year, int Number, int TotalNumber, string PeriodKey, DateTimeOffset PublishedAt);

/// <summary>
/// Where a series stands against its timer: the period its last scheduled run was for, and whether that issue is
/// <c>published</c>, a <c>draft</c> waiting for its 终审, or still <c>pending</c> (not composed); late once the run's
/// time plus <see cref="BulletinHealth.Grace"/> has passed without publication.
/// </summary>
public sealed record BulletinSeriesHealth(
    string SeriesId, string Title, string PeriodKey, string State, bool Late, DateTimeOffset? DueAt, DateTimeOffset? NextDueAt, PublishedIssue? LastPublished);

/// <summary>The bulletins' part of the health detail: is today's issue out, due or late, per series.</summary>
public sealed class BulletinHealth(BulletinStore store, IOptions<BulletinOptions> options, IConfiguration configuration, TimeProvider time)
{
    /// <summary>How long after the timer's run an unpublished issue counts as late (the alert rule uses the same).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    /// <summary>Look-backs for the schedule's last run: an every-minute timer is found in the first, a yearly one in the last.</summary>
    private static readonly TimeSpan[] LookBacks = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(370)];

    public async Task<IReadOnlyList<BulletinSeriesHealth>> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The timer's 6-field NCRONTAB, read as Functions reads it on Linux: in UTC.
        var schedule = CrontabSchedule.TryParse(configuration[BulletinSeriesOptions.ScheduleSetting] ?? "", new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        DateTimeOffset? lastDue = null;
        foreach (var lookBack in LookBacks)
        {
            if (schedule?.GetNextOccurrences(now.UtcDateTime - lookBack, now.UtcDateTime).Select(occurrence => (DateTime?)occurrence).LastOrDefault() is { } found)
            {
                lastDue = new DateTimeOffset(DateTime.SpecifyKind(found, DateTimeKind.Utc));
                break;
            }
        }

        DateTimeOffset? nextDue = schedule is null ? null : new DateTimeOffset(DateTime.SpecifyKind(schedule.GetNextOccurrence(now.UtcDateTime), DateTimeKind.Utc));
        var series = await Task.WhenAll(options.Value.Series.Select(async series =>
        {
            var issues = await store.ListAsync(series.SeriesId, cancellationToken);
            var last = issues.Where(issue => issue.Status == BulletinStatus.Published && issue.PublishedAt is not null).MaxBy(issue => issue.PublishedAt);
            var runDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(lastDue ?? now, series.Zone()).DateTime);
            var period = Period.JustClosed(series.Cadence, runDay);
            var issue = issues.FirstOrDefault(issue => issue.PeriodKey == period.Key);
            var state = issue?.Status switch
            {
                BulletinStatus.Published => "published",
                BulletinStatus.Draft or BulletinStatus.Approved => "draft",
                _ => "pending",
            };
            var late = state != "published" && lastDue is { } due && now > due + Grace;
            return new BulletinSeriesHealth(series.SeriesId, series.Title, period.Key, state, late, lastDue, nextDue,
                last is null ? null : new PublishedIssue(last.Year ?? 0, last.Number ?? 0, last.TotalNumber ?? 0, last.PeriodKey, last.PublishedAt!.Value));
        }));
        return series;
    }
}
