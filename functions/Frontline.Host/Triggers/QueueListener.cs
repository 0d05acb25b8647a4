using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Frontline.Queues;
using Frontline.Storage;
using Microsoft.Extensions.Options;

namespace Frontline.Host.Triggers;

/// <summary>Mirrors host.json's <c>extensions.queues</c> in Frontline.Functions; tests shorten the waits.</summary>
public sealed class QueueListenerOptions
{
    public const string SectionName = "Frontline:Queues";

    public int BatchSize { get; set; } = QueueSemantics.BatchSize;

    /// <summary>Fetch the next batch once this few messages are still in flight (host.json <c>newBatchThreshold</c>).</summary>
    public int NewBatchThreshold { get; set; } = QueueSemantics.NewBatchThreshold;

    public int MaxDequeueCount { get; set; } = QueueSemantics.MaxDequeueCount;

    /// <summary>How long a failed message stays hidden before its next try (host.json <c>visibilityTimeout</c>).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = QueueSemantics.VisibilityTimeout;

    public TimeSpan MaxPollingInterval { get; set; } = QueueSemantics.MaxPollingInterval;

    /// <summary>How long a received message stays hidden while it is being handled.</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Runs one queue's handler with the Azure Functions queue-trigger semantics: receive in batches (the next
/// batch once in-flight work drops to the new-batch threshold), hide while working, delete on success, make
/// visible again after a failure, and after the last allowed try copy the message (still base64) to
/// <c>&lt;queue&gt;-poison</c> and delete it.
/// </summary>
public sealed partial class QueueListener(
    IQueueHandler handler,
    QueueFailures failures,
    FrontlineStorage storage,
    IOptions<QueueListenerOptions> options,
    ILogger<QueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var queue = storage.Queue(handler.QueueName);
        var poison = storage.Queue(QueueNames.Poison(handler.QueueName));
        var idle = MinPollingInterval;
        var inFlight = new List<Task>();

        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            if (inFlight.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, settings.ProcessingLease, stoppingToken)).Value;
            }
            catch (Exception exception) when (StorageFaults.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                LogReceiveFailed(logger, handler.QueueName, exception.Message);
                await Task.Delay(settings.MaxPollingInterval, stoppingToken);
                continue;
            }

            if (messages.Length == 0)
            {
                // Back off while the queue is empty, as Functions does, up to the maximum polling interval.
                await Task.Delay(idle, stoppingToken);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = MinPollingInterval;
            inFlight.AddRange(messages.Select(message => Task.Run(() => HandleAsync(queue, poison, message, settings, stoppingToken), CancellationToken.None)));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, QueueListenerOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                // A host died mid-way through its last allowed try: no further try.
                await MoveToPoisonAsync(queue, poison, message, "exceeded the dequeue count before it could be handled", stoppingToken);
                return;
            }

            try
            {
                // The library records why it failed (for the poison-queue console) and rethrows.
                await failures.RunAsync(handler, message.MessageId, message.Body.ToString(), message.DequeueCount, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, exception, handler.QueueName, message.MessageId, message.DequeueCount);
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queue, poison, message, exception.GetType().Name, stoppingToken);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
                }

                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception exception) when (StorageFaults.IsOutage(exception) || stoppingToken.IsCancellationRequested)
        {
            // The message reappears when its lease ends; handlers are idempotent, so the next try is safe.
            LogSettleFailed(logger, handler.QueueName, message.MessageId, exception.Message);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(logger, handler.QueueName, message.MessageId, message.DequeueCount, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed: {Reason}")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} from {Queue} failed on try {DequeueCount}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId} from {Queue}; it will be retried: {Reason}")]
    private static partial void LogSettleFailed(ILogger logger, string queue, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} from {Queue} moved to the poison queue after {DequeueCount} tries: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, long dequeueCount, string reason);
}
