using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Frontline.Storage;

/// <summary>
/// What reached storage, per second, table or queue, and partition: the entities read and written and the queue
/// messages sent, received and deleted. Azure's scalability targets are per partition and per account per second
/// (2,000 and 20,000 table entities; 2,000 messages a queue) and Azurite enforces none of them, so this is how a
/// run on the emulator shows where a design meets them. Switched on by <c>Frontline:Storage:Meter</c>; off, the
/// storage clients carry no policy at all.
/// </summary>
public sealed class StorageMeter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(long Second, string Resource, string Partition), Counts> _counts = new();

    /// <summary>One second of one partition (a table's) or one queue (partition empty).</summary>
    public sealed record Slot(long Second, string Resource, string Partition, long Read, long Written)
    {
        public long Entities => Read + Written;
    }

    public void Record(string resource, string partition, int read, int written)
    {
        if (read == 0 && written == 0)
        {
            return;
        }

        var counts = _counts.GetOrAdd((time.GetUtcNow().ToUnixTimeSeconds(), resource, partition), static _ => new Counts());
        Interlocked.Add(ref counts.Read, read);
        Interlocked.Add(ref counts.Written, written);
    }

    public IReadOnlyList<Slot> Slots() =>
        [.. _counts.Select(entry => new Slot(entry.Key.Second, entry.Key.Resource, entry.Key.Partition, entry.Value.Read, entry.Value.Written))];

    public void Reset() => _counts.Clear();

    /// <summary>The busiest table partition's second: the figure to hold under 2,000 entities.</summary>
    public Slot? BusiestPartition() => Slots().Where(slot => !IsQueue(slot)).MaxBy(slot => slot.Entities);

    /// <summary>The busiest second of the account's tables together: the figure to hold under 20,000 entities.</summary>
    public long BusiestAccountSecond() =>
        Slots().Where(slot => !IsQueue(slot)).GroupBy(slot => slot.Second).Select(second => second.Sum(slot => slot.Entities)).DefaultIfEmpty().Max();

    /// <summary>The busiest queue's second, counting sends, receives and deletes: the figure to hold under 2,000 messages.</summary>
    public Slot? BusiestQueue() => Slots().Where(IsQueue).MaxBy(slot => slot.Entities);

    public static bool IsQueue(Slot slot) => slot.Resource.StartsWith(QueuePrefix, StringComparison.Ordinal);

    internal const string QueuePrefix = "queue:";

    private sealed class Counts
    {
        public long Read;
        public long Written;
    }
}

/// <summary>
/// Reads each Table and Queue request and its answer and tells the meter what they moved. Entities are counted as
/// Azure counts them: each entity a query returns, each entity in a batch, one per point operation.
/// </summary>
internal sealed partial class StorageMeterPolicy(StorageMeter meter, bool queues) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        // Failed requests count too where the partition did the work: a point read that found nothing (404) and a batch
        // refused for an ETag or a duplicate (4xx) still cost the partition what a successful one does.
        if (!message.HasResponse || message.Response.Status >= 500 || (message.Response.Status >= 300 && !IsCountedFailure(message)))
        {
            return;
        }

        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        var method = message.Request.Method;
        // The account name comes first with Azurite (/devstoreaccount1/…) and not on Azure; the resource is the last segment but one or the last.
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            if (queues)
            {
                CountQueue(message, method, segments);
            }
            else
            {
                CountTable(message, method, segments);
            }
        }
        catch (JsonException)
        {
            // An answer the meter cannot read is not counted; the request itself has succeeded and must not fail here.
        }
    }

    private static bool IsCountedFailure(HttpMessage message) =>
        message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Uri.Path.EndsWith("%24batch", StringComparison.Ordinal)
        || (message.Response.Status == 404 && message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.Contains("RowKey", StringComparison.Ordinal));

    private static int? QueueSegments(string[] segments) =>
        Array.IndexOf(segments, "messages") is var index and > 0 ? index : null;

    private void CountQueue(HttpMessage message, RequestMethod method, string[] segments)
    {
        if (QueueSegments(segments) is not { } index)
        {
            return;
        }

        var queue = StorageMeter.QueuePrefix + segments[index - 1];
        if (method == RequestMethod.Post || method == RequestMethod.Delete || method == RequestMethod.Put)
        {
            // A send, a delete, or a visibility update: one message each.
            meter.Record(queue, "", 0, 1);
        }
        else if (method == RequestMethod.Get)
        {
            var received = Occurrences(message.Response.Content.ToString(), "<QueueMessage>");
            meter.Record(queue, "", received, 0);
        }
    }

    private void CountTable(HttpMessage message, RequestMethod method, string[] segments)
    {
        if (segments.Length == 0)
        {
            return;
        }

        var last = segments[^1];
        if (last == "$batch")
        {
            var body = Uri.UnescapeDataString(RequestText(message));
            var operations = BatchOperation().Count(body);
            (string Table, string Partition) target = PointKey().Match(body) is { Success: true } point ? (point.Groups["table"].Value, Unquote(point.Groups["pk"].Value))
                : BatchInsert().Match(body) is { Success: true } insert ? (insert.Groups["table"].Value, PartitionOf(body))
                : ("?", "?");
            meter.Record(target.Table, target.Partition, 0, operations);
            return;
        }

        if (last.Equals("Tables", StringComparison.Ordinal) || last.StartsWith("Tables(", StringComparison.Ordinal))
        {
            return; // Creating or listing tables moves no entities.
        }

        if (PointKey().Match("/" + last) is { Success: true } key)
        {
            var table = key.Groups["table"].Value;
            var partition = Unquote(key.Groups["pk"].Value);
            meter.Record(table, partition, method == RequestMethod.Get ? 1 : 0, method == RequestMethod.Get ? 0 : 1);
            return;
        }

        var tableName = last.TrimEnd(')').TrimEnd('(');
        if (method == RequestMethod.Post)
        {
            meter.Record(tableName, PartitionOf(RequestText(message)), 0, 1);
        }
        else if (method == RequestMethod.Get)
        {
            // A query: each entity it returned, by its own partition.
            using var document = JsonDocument.Parse(message.Response.Content.ToMemory());
            if (document.RootElement.TryGetProperty("value", out var entities))
            {
                foreach (var partition in entities.EnumerateArray().GroupBy(entity => entity.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? "" : ""))
                {
                    meter.Record(tableName, partition.Key, partition.Count(), 0);
                }
            }
        }
    }

    private static string RequestText(HttpMessage message)
    {
        if (message.Request.Content is not { } content)
        {
            return "";
        }

        using var buffer = new MemoryStream();
        content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string PartitionOf(string json) => PartitionProperty().Match(json) is { Success: true } match ? Regex.Unescape(match.Groups["pk"].Value) : "?";

    private static string Unquote(string key) => key.Replace("''", "'", StringComparison.Ordinal);

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"/(?<table>[A-Za-z][A-Za-z0-9]*)\(PartitionKey='(?<pk>(?:[^']|'')*)',RowKey='(?:[^']|'')*'\)")]
    private static partial Regex PointKey();

    [GeneratedRegex(@"^(POST|PUT|MERGE|PATCH|DELETE) https?://", RegexOptions.Multiline)]
    private static partial Regex BatchOperation();

    [GeneratedRegex(@"^POST https?://\S*/(?<table>[A-Za-z][A-Za-z0-9]*)(\?\S*)? HTTP", RegexOptions.Multiline)]
    private static partial Regex BatchInsert();

    [GeneratedRegex(@"""PartitionKey""\s*:\s*""(?<pk>(?:[^""\\]|\\.)*)""")]
    private static partial Regex PartitionProperty();
}
