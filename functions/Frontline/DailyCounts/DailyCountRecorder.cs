using Frontline.Queues;
using Frontline.Storage;
using Microsoft.Extensions.Logging;

namespace Frontline.DailyCounts;

/// <summary>
/// Stores a unit's counts for a site and day as the next version, unless they equal the current one. The
/// roll-up message is sent before the write (delayed so it is read after it): a crash between the two leaves a
/// message for a version that never landed, which ends in the poison queue, never a stored version that the
/// roll-ups miss.
/// </summary>
public sealed partial class DailyCountRecorder(DailyCountStore counts, QueueSender queue, TimeProvider time, ILogger<DailyCountRecorder> logger)
{
    private const int MaxAttempts = 10;
    private static readonly TimeSpan AnnounceDelay = TimeSpan.FromSeconds(1);

    public async Task<SubmissionResult?> RecordAsync(string unitId, string siteId, DateOnly day, ValidCounts valid, string who, string? flag, CancellationToken cancellationToken)
    {
        var bodyHash = DailyCountStore.BodyHash(valid);
        var dayText = DailyCountStore.Partition(day);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (current, etag, currentHash) = await counts.GetCurrentAsync(day, siteId, unitId, cancellationToken);
            if (current is not null && currentHash == bodyHash)
            {
                return new SubmissionResult(siteId, unitId, dayText, current.Version, false, current.Flagged, current.FlagReason);
            }

            var submission = new Submission(day, siteId, unitId, (current?.Version ?? 0) + 1, valid.Figures, valid.Highlight, who, time.GetUtcNow(), flag is not null, flag, valid.IndicatorVersion);
            await queue.SendAsync(QueueNames.DailyCounts, new CountChanged(day, siteId, unitId, submission.Version), cancellationToken, AnnounceDelay);
            if (await counts.TryWriteAsync(submission, bodyHash, current is null ? null : etag, cancellationToken))
            {
                LogRecorded(logger, siteId, unitId, day, submission.Version, submission.Flagged);
                return new SubmissionResult(siteId, unitId, dayText, submission.Version, true, submission.Flagged, submission.FlagReason);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counts for {Day} at {SiteId} by {UnitId}: version {Version} (flagged: {Flagged})")]
    private static partial void LogRecorded(ILogger logger, string siteId, string unitId, DateOnly day, int version, bool flagged);
}
