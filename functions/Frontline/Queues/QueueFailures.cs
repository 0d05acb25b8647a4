using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using System.Diagnostics;
using Frontline.Storage;
using Frontline.Telemetry;
using Microsoft.Extensions.Logging;

namespace Frontline.Queues;

/// <summary>Why a queue message last failed, without personal data.</summary>
public sealed record QueueFailure(string Queue, string MessageId, long DequeueCount, string Reason, DateTimeOffset FailedAt);

/// <summary>
/// Runs a queue handler for either host and remembers why a message failed: the exception's type and message,
/// with anything that looks like a phone or id number blanked, in the <c>QueueFailures</c> table. Then it
/// rethrows, so the host's own retry and poison semantics are untouched.
/// The record is keyed by queue and a hash of the message text, not by the message id alone: when a message
/// is moved to <c>&lt;queue&gt;-poison</c> (by either host's trigger engine) it gets a new id, and the
/// content is what links the poison copy to its last failure. The original id is kept in the record.
/// </summary>
public sealed partial class QueueFailures(FrontlineStorage storage, TimeProvider time, ILogger<QueueFailures> logger)
{
    private const int MaxReasonLength = 500;

    private TableClient Table => storage.Table(TableNames.QueueFailures);

    public async Task RunAsync(IQueueHandler handler, string messageId, string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        // The handler's span continues the sender's trace (QueueTraceContext); the trigger engine's own span, if any
        // (the Functions worker's invocation), is linked rather than parent, so one trace runs from request to row.
        var invocation = Activity.Current;
        using var activity = QueueTraceContext.Extract(messageText) is { } sender
            ? FrontlineTelemetry.Source.StartActivity($"process {handler.QueueName}", ActivityKind.Consumer, sender,
                links: invocation is null ? null : [new ActivityLink(invocation.Context)])
            : FrontlineTelemetry.Source.StartActivity($"process {handler.QueueName}", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "azure_storage_queues");
        activity?.SetTag("messaging.destination.name", handler.QueueName);
        activity?.SetTag("messaging.message.id", messageId);
        activity?.SetTag("messaging.azure_storage_queues.dequeue_count", dequeueCount);
        try
        {
            await handler.HandleAsync(messageText, dequeueCount, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: its message may quote the message's content.
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            await RecordAsync(handler.QueueName, messageId, messageText, dequeueCount, exception);
            throw;
        }
    }

    public async Task<QueueFailure?> FindAsync(string queue, string messageText, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(queue, ContentKey(messageText), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new QueueFailure(queue, entity.GetString("MessageId") ?? "", entity.GetInt64("DequeueCount") ?? 0, entity.GetString("Reason") ?? "", entity.GetDateTimeOffset("FailedAt") ?? default)
            : null;
    }

    public async Task ForgetAsync(string queue, string messageText, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(queue, ContentKey(messageText), ETag.All, cancellationToken);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Nothing recorded.
        }
    }

    /// <summary>"InvalidOperationException: Version 3 of …": the type, and the message with long digit runs blanked.</summary>
    public static string Reason(Exception exception)
    {
        var message = DigitRuns().Replace(exception.Message, match => new string('#', match.Length));
        var reason = $"{exception.GetType().Name}: {message}".ReplaceLineEndings(" ");
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…";
    }

    /// <summary>
    /// What a message is about, for the console, from a short list of fields that are never personal
    /// (days, site, unit and registration ids, versions); every other field is named, never shown.
    /// </summary>
    public static string Summary(string messageText)
    {
        try
        {
            using var document = JsonDocument.Parse(messageText);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"{document.RootElement.ValueKind}, {messageText.Length} characters";
            }

            var shown = new List<string>();
            var hidden = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (SafeFields.Contains(property.Name) && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    var value = property.Value.ToString();
                    shown.Add($"{property.Name} {(value.Length > 80 ? value[..80] + "…" : value)}");
                }
                else
                {
                    hidden++;
                }
            }

            return shown.Count == 0
                ? $"JSON object with {hidden} fields, {messageText.Length} characters"
                : $"{string.Join(", ", shown)} (+{hidden} fields not shown)";
        }
        catch (JsonException)
        {
            return $"not JSON, {messageText.Length} characters";
        }
    }

    private static readonly HashSet<string> SafeFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "day", "siteId", "unitId", "version", "registrationId", "reminderId", "receivedAt",
    };

    private async Task RecordAsync(string queue, string messageId, string messageText, long dequeueCount, Exception exception)
    {
        var reason = Reason(exception);
        try
        {
            await Table.UpsertEntityAsync(new TableEntity(queue, ContentKey(messageText))
            {
                ["MessageId"] = messageId,
                ["DequeueCount"] = dequeueCount,
                ["Reason"] = reason,
                ["FailedAt"] = time.GetUtcNow(),
            }, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (Exception recordFailure) when (StorageFaults.IsOutage(recordFailure) || recordFailure is RequestFailedException)
        {
            // The handler's own failure matters more; the reason is lost for this try only.
            LogNotRecorded(logger, queue, messageId, recordFailure.Message);
        }
    }

    /// <summary>The message text's SHA-256, hex: the same for a message and its poison copy.</summary>
    public static string ContentKey(string messageText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageText)));

    [GeneratedRegex(@"\d{6,}")]
    private static partial Regex DigitRuns();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The failure of message {MessageId} from {Queue} could not be recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string queue, string messageId, string reason);
}
