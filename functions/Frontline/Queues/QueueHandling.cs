using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frontline.Http;
using Frontline.Storage;
using Frontline.Telemetry;

namespace Frontline.Queues;

/// <summary>
/// A handler for one queue's messages. Messages arrive at least once, in any order, possibly in two
/// hosts at the same time: every handler must leave the same state whether it runs once or five times.
/// Throwing leaves the message for another try; after <see cref="QueueSemantics.MaxDequeueCount"/> tries
/// the host moves it to the poison queue.
/// </summary>
public interface IQueueHandler
{
    string QueueName { get; }

    Task HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken);
}

/// <summary>Sends JSON messages, base64-encoded as Functions expects, each carrying the sender's trace.</summary>
public sealed class QueueSender(FrontlineStorage storage)
{
    public const int MaxMessageBytes = 48 * 1024;

    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
    {
        using var activity = FrontlineTelemetry.Source.StartActivity($"send {queueName}", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "azure_storage_queues");
        activity?.SetTag("messaging.destination.name", queueName);
        var json = JsonSerializer.SerializeToNode(message, JsonBody.Options) as JsonObject
            ?? throw new InvalidOperationException($"A {queueName} message must be a JSON object.");
        QueueTraceContext.Attach(json);
        var text = json.ToJsonString(JsonBody.Options);
        // Azure caps a message at 64 KiB after base64, so 48 KiB before it; refuse here rather than learn it from Azure.
        // Counted in UTF-8 bytes: with the default encoder the JSON is ASCII (\uXXXX escapes), but a relaxed encoder
        // would write a Chinese character as three bytes in one character.
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxMessageBytes)
        {
            throw new InvalidOperationException($"A {queueName} message is {bytes} bytes; the limit is {MaxMessageBytes} before base64.");
        }

        await storage.Queue(queueName).SendMessageAsync(text, visibilityDelay, timeToLive: null, cancellationToken);
    }
}
