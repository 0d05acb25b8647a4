using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// Everything a request could have written, as one comparable string: every row of the chosen tables with its ETag
/// (so an update shows even when the keys stay), and the message count of every queue and poison queue (Azure's
/// approximate count includes messages that are still invisible, such as the delayed counts announcement).
/// </summary>
public static class StorageSnapshot
{
    public static async Task<string> TakeAsync(FrontlineStorage storage, IEnumerable<string>? tables = null, bool queues = true)
    {
        var lines = new List<string>();
        foreach (var table in tables ?? TableNames.All)
        {
            await foreach (var entity in storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                lines.Add($"{table}/{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
            }
        }

        if (queues)
        {
            foreach (var queue in QueueNames.All.SelectMany(name => new[] { name, QueueNames.Poison(name) }))
            {
                var properties = await storage.Queue(queue).GetPropertiesAsync();
                lines.Add($"queue {queue}: {properties.Value.ApproximateMessagesCount}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
