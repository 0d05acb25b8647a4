using System.Text.Json;
using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Reminders;

public sealed record ReminderRequest(string? Day, string[]? UnitIds);

public sealed record RemindersQueued(int Queued);

public sealed record OutboxView(IReadOnlyList<OutboxEntry> Items);

/// <summary>What the reminders queue carries: one unit, one day, and a stable id (the notification's idempotency key).</summary>
public sealed record ReminderMessage(string ReminderId, DateOnly Day, string UnitId, IReadOnlyList<string> MissingSiteIds);

/// <summary>A coordinator reminds units that have not reported a day: one queued message per unit still missing.</summary>
public sealed partial class ReminderEndpoints(
    CompletenessService completeness,
    QueueSender queue,
    OutboxNotificationSender outbox,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<ReminderEndpoints> logger)
{
    private const int MaxUnitIds = 500;

    public async Task<IResult> SendAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ReminderRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (!CountValidation.TryParseDay(body.Value!.Day, out var day))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        if (day > options.Value.Today(time))
        {
            return Problems.Validation("day", "A day's report cannot be missing before the day has come.");
        }

        var unitIds = body.Value.UnitIds;
        if (unitIds is { Length: > MaxUnitIds } || unitIds?.Any(id => !CatalogImport.IsValidId(id)) == true)
        {
            return Problems.Validation("unitIds", $"Up to {MaxUnitIds} unit ids.");
        }

        var report = await completeness.ComputeAsync(day, cancellationToken);
        if (unitIds is not null)
        {
            var known = report.Units.Select(unit => unit.UnitId).ToHashSet(StringComparer.Ordinal);
            var unknown = unitIds.Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0)
            {
                return Problems.Validation("unitIds", $"No unit with open sites that day: {string.Join(", ", unknown.Take(10))}.");
            }
        }

        var wanted = unitIds?.ToHashSet(StringComparer.Ordinal);
        var queued = 0;
        foreach (var unit in report.Units.Where(unit => unit.Missing > 0 && (wanted is null || wanted.Contains(unit.UnitId))))
        {
            var missing = unit.Sites.Where(site => site.Status == ReportStatus.Missing).Select(site => site.SiteId).ToList();
            await queue.SendAsync(QueueNames.Reminders, new ReminderMessage(Guid.NewGuid().ToString("N"), day, unit.UnitId, missing), cancellationToken);
            queued++;
        }

        LogQueued(logger, queued, day);
        return TypedResults.Accepted((string?)null, new RemindersQueued(queued));
    }

    public async Task<IResult> OutboxAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!CountValidation.TryParseDay(request.Query["day"], out var day))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        return TypedResults.Ok(new OutboxView(await outbox.ReadDayAsync(day, cancellationToken)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queued} reminders queued for {Day}")]
    private static partial void LogQueued(ILogger logger, int queued, DateOnly day);
}

/// <summary>
/// Sends one reminder through the configured <see cref="INotificationSender"/>. The notification id is the message's
/// reminder id, so a redelivered message reaches the sender with the same id and is recorded (or sent) once.
/// </summary>
public sealed partial class ReminderProcessor(
    INotificationSender sender,
    CatalogCache catalogCache,
    FrontlineMetrics metrics,
    ILogger<ReminderProcessor> logger) : IQueueHandler
{
    public string QueueName => QueueNames.Reminders;

    public async Task HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ReminderMessage>(messageText, JsonBody.Options)
            ?? throw new JsonException("A reminder message was empty.");
        if (string.IsNullOrEmpty(message.ReminderId) || string.IsNullOrEmpty(message.UnitId))
        {
            throw new JsonException("A reminder message has no reminder or unit id.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var unit = catalog.Units.GetValueOrDefault(message.UnitId);
        var unitName = unit?.Name ?? message.UnitId;
        var sites = message.MissingSiteIds.Select(id => catalog.Sites.TryGetValue(id, out var site) ? site.Name : id).ToList();
        var text = $"【前线志愿服务】{unitName}：{message.Day:yyyy-MM-dd} 尚有 {sites.Count} 个点位未报送每日数据（{string.Join("、", sites.Take(10))}{(sites.Count > 10 ? "等" : "")}），请尽快报送。";
        await sender.SendAsync(new Notification(message.ReminderId, message.Day, message.UnitId, unitName, unit?.Contact, text), cancellationToken);
        metrics.ReminderSent(sender.Channel);
        LogSent(logger, message.ReminderId, message.UnitId, sender.Channel, dequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {ReminderId} to unit {UnitId} sent through {Channel} (try {DequeueCount})")]
    private static partial void LogSent(ILogger logger, string reminderId, string unitId, string channel, long dequeueCount);
}
