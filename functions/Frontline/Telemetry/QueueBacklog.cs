using System.Diagnostics.Metrics;
using Azure;
using Frontline.Storage;

namespace Frontline.Telemetry;

/// <summary>One queue's backlog: what waits, how long the oldest has waited, and what failed for good.</summary>
public sealed record QueueState(string Queue, long Depth, double OldestAgeSeconds, long Poison);

/// <summary>
/// Each queue's depth, its oldest message's age and its poison count, read from storage: for the health detail on
/// demand, and for the metrics when an exporter collects them. Reads are two per queue and its poison queue; a sample
/// is kept for <see cref="MaxAge"/> so that an exporter collecting every few seconds from many instances does not turn
/// into a steady load on the queues.
/// </summary>
public sealed class QueueBacklog(FrontlineStorage storage, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _sampling = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<QueueState> Queues)? _last;

    public void Dispose() => _sampling.Dispose();

    /// <summary>When the queues were last read from storage.</summary>
    public DateTimeOffset? SampledAt => _last?.At;

    /// <summary>
    /// Every queue's state as read within the last 30 s, or read now when <paramref name="now"/> (the health detail: a
    /// person pressing refresh wants the queues as they are, and nine reads a view cost nothing).
    /// </summary>
    public async Task<IReadOnlyList<QueueState>> ReadAsync(CancellationToken cancellationToken, bool now = false)
    {
        if (!now && _last is { } fresh && time.GetUtcNow() - fresh.At < MaxAge)
        {
            return fresh.Queues;
        }

        await _sampling.WaitAsync(cancellationToken);
        try
        {
            if (!now && _last is { } sampled && time.GetUtcNow() - sampled.At < MaxAge)
            {
                return sampled.Queues;
            }

            var queues = await Task.WhenAll(QueueNames.All.Select(queue => ReadQueueAsync(queue, cancellationToken)));
            _last = (time.GetUtcNow(), queues);
            return queues;
        }
        finally
        {
            _sampling.Release();
        }
    }

    /// <summary>
    /// The metrics' view: the last sample, refreshed in the background when it is old (a gauge's callback cannot wait
    /// for storage). The first collection after a start reports nothing and starts the first read.
    /// </summary>
    internal IEnumerable<Measurement<double>> Observe(Func<QueueState, double> value)
    {
        if (_last is not { } sampled || time.GetUtcNow() - sampled.At >= MaxAge)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await ReadAsync(CancellationToken.None);
                }
                catch (RequestFailedException)
                {
                    // Storage did not answer; the next collection tries again, and the health detail says so.
                }
            });
        }

        return _last?.Queues.Select(queue => new Measurement<double>(value(queue), new KeyValuePair<string, object?>("queue", queue.Queue))) ?? [];
    }

    private async Task<QueueState> ReadQueueAsync(string queue, CancellationToken cancellationToken)
    {
        var client = storage.Queue(queue);
        var properties = await client.GetPropertiesAsync(cancellationToken);
        // Peeking shows the next visible message: in a backlog, the oldest waiting (a message being retried is hidden
        // until its visibility timeout ends, and is then the oldest again).
        var peeked = await client.PeekMessagesAsync(1, cancellationToken);
        var oldest = peeked.Value.FirstOrDefault()?.InsertedOn is { } inserted ? Math.Max(0, (time.GetUtcNow() - inserted).TotalSeconds) : 0;
        var poison = await storage.Queue(QueueNames.Poison(queue)).GetPropertiesAsync(cancellationToken);
        return new QueueState(queue, properties.Value.ApproximateMessagesCount, oldest, poison.Value.ApproximateMessagesCount);
    }
}
