using Azure.Storage.Queues.Models;
using Frontline.Http;
using Frontline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Frontline.Queues;

public sealed record PoisonMessageView(string MessageId, DateTimeOffset? InsertedOn, long DequeueCount, string? Reason, string Summary);

public sealed record PoisonQueueView(string Queue, IReadOnlyList<PoisonMessageView> Messages);

public sealed record PoisonQueues(IReadOnlyList<PoisonQueueView> Queues);

public sealed record ReplayAccepted(string Queue, string MessageId, string Status);

/// <summary>
/// The poison queues, for coordinators: what is in each (up to 32 per queue, the most Azure peeks at once), why
/// it failed, and a replay that moves one message back onto its queue. Only the application's own queues.
/// </summary>
public sealed partial class PoisonQueueEndpoints(FrontlineStorage storage, QueueFailures failures, ILogger<PoisonQueueEndpoints> logger)
{
    private const int PeekLimit = 32;
    private const int ReplayRounds = 5;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var queues = new List<PoisonQueueView>();
        foreach (var queue in QueueNames.All)
        {
            var poison = storage.Queue(QueueNames.Poison(queue));
            var peeked = await poison.ExistsAsync(cancellationToken) ? (await poison.PeekMessagesAsync(PeekLimit, cancellationToken)).Value : [];
            var messages = new List<PoisonMessageView>();
            foreach (var message in peeked)
            {
                var text = message.Body.ToString();
                var failure = await failures.FindAsync(queue, text, cancellationToken);
                messages.Add(new PoisonMessageView(message.MessageId, message.InsertedOn, failure?.DequeueCount ?? message.DequeueCount,
                    failure?.Reason, QueueFailures.Summary(text)));
            }

            queues.Add(new PoisonQueueView(queue, messages));
        }

        return TypedResults.Ok(new PoisonQueues(queues));
    }

    /// <summary>Moves one poison message back to its queue: sent there first, then deleted here, so it is never lost.</summary>
    public async Task<IResult> ReplayAsync(HttpRequest request, string queue, string messageId, CancellationToken cancellationToken)
    {
        if (!QueueNames.All.Contains(queue, StringComparer.Ordinal))
        {
            return Problems.NotFound("No such queue.");
        }

        if (messageId.Length is 0 or > 100 || !messageId.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            return Problems.NotFound("No such message in the poison queue.");
        }

        var poison = storage.Queue(QueueNames.Poison(queue));
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return Problems.NotFound("No such message in the poison queue.");
        }

        // Azure cannot fetch a message by id: receive batches (hidden briefly), keep the one, let the others go.
        var held = new List<QueueMessage>();
        try
        {
            for (var round = 0; round < ReplayRounds; round++)
            {
                var batch = (await poison.ReceiveMessagesAsync(PeekLimit, TimeSpan.FromSeconds(30), cancellationToken)).Value;
                if (batch.Length == 0)
                {
                    break;
                }

                var found = batch.FirstOrDefault(message => message.MessageId == messageId);
                held.AddRange(batch.Where(message => message != found));
                if (found is not null)
                {
                    var text = found.Body.ToString();
                    await storage.Queue(queue).SendMessageAsync(found.Body, cancellationToken: cancellationToken);
                    await poison.DeleteMessageAsync(found.MessageId, found.PopReceipt, cancellationToken);
                    await failures.ForgetAsync(queue, text, cancellationToken);
                    LogReplayed(logger, queue, messageId);
                    return TypedResults.Accepted((string?)null, new ReplayAccepted(queue, messageId, "replayed"));
                }
            }
        }
        finally
        {
            foreach (var other in held)
            {
                try
                {
                    await poison.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                }
                catch (Exception exception) when (StorageFaults.IsOutage(exception) || exception is Azure.RequestFailedException)
                {
                    // It becomes visible again by itself when the 30 seconds are up.
                }
            }
        }

        return Problems.NotFound("No such message in the poison queue.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poison message {MessageId} replayed onto {Queue}")]
    private static partial void LogReplayed(ILogger logger, string queue, string messageId);
}
