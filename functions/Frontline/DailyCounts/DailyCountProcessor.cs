using System.Text.Json;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Storage;
using Frontline.Telemetry;
using Microsoft.Extensions.Logging;

namespace Frontline.DailyCounts;

/// <summary>What the counts endpoint queues before it writes: "this version of this (day, site, unit) exists, or is about to".</summary>
public sealed record CountChanged(DateOnly Day, string SiteId, string UnitId, int Version);

/// <summary>
/// Keeps the roll-ups current. It reads the submission as it is now (the latest version wins, whatever order
/// messages come in) and lets the roll-up store apply it once.
/// </summary>
public sealed partial class DailyCountProcessor(DailyCountStore counts, RollUpStore rollUps, Areas.AreaStore areas, FrontlineMetrics metrics, ILogger<DailyCountProcessor> logger) : IQueueHandler
{
    public string QueueName => QueueNames.DailyCounts;

    public async Task HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<CountChanged>(messageText, JsonBody.Options)
            ?? throw new JsonException("A count message was empty.");
        var (current, _, _) = await counts.GetCurrentAsync(message.Day, message.SiteId, message.UnitId, cancellationToken);
        if (current is null || current.Version < message.Version)
        {
            // The message is sent just before the write it announces; if the write has not landed yet, try
            // again later. If it never lands, the message ends in the poison queue, harmlessly.
            throw new InvalidOperationException($"Version {message.Version} of {message.Day} {message.SiteId} {message.UnitId} is not stored yet.");
        }

        // The site's areas as they are when the report is rolled up: a node's day is then one row, whatever is below it.
        var siteAreas = await areas.AreasOfSiteAsync(current.SiteId, cancellationToken);
        await rollUps.ApplyAsync(current, siteAreas, cancellationToken);
        metrics.CountRolledUp();
        LogApplied(logger, message.Day, message.SiteId, message.UnitId, current.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counts for {Day} at {SiteId} by {UnitId} rolled up at version {Version}")]
    private static partial void LogApplied(ILogger logger, DateOnly day, string siteId, string unitId, int version);
}
