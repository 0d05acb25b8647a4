using System.Globalization;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Sites;

/// <summary>
/// Who arrived on which day, counted per unit and per roster (a unit's people at a site), so that a bulletin can state
/// the directory's figures as
/// of its period's end: the counters now, less the arrivals after it. One partition per day (<c>arrivals|2022-09-15</c>
/// in the <c>RollUps</c> table), apart from the deployment partition, so the hottest partition takes no extra entity.
/// A marker row per volunteer makes recording an arrival exactly-once: the processor records it after the ledger's
/// join, and again on a redelivered message, and the marker's Add turns the second into nothing.
/// </summary>
public sealed class ArrivalLog(FrontlineStorage storage)
{
    private const string MarkerPrefix = "arrival|";
    private const string UnitPrefix = "arrivals|unit|";
    private const string RosterPrefix = "arrivals|roster|";
    private const int MaxAttempts = 30;

    private TableClient Table => storage.Table(TableNames.RollUps);

    private static string Partition(DateOnly day) => "arrivals|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task RecordAsync(DateOnly day, string phoneHash, string unitId, string? siteId, CancellationToken cancellationToken)
    {
        var partition = Partition(day);
        for (var attempt = 0; ; attempt++)
        {
            if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, MarkerPrefix + phoneHash, ["PartitionKey"], cancellationToken)).HasValue)
            {
                return;
            }

            var keys = siteId is null ? [UnitPrefix + unitId] : new[] { UnitPrefix + unitId, RosterPrefix + Catalog.RosterKey(siteId, unitId) };
            var counters = await Task.WhenAll(keys.Select(async key =>
            {
                var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
                return (Key: key, Row: row.HasValue ? row.Value : null);
            }));
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(partition, MarkerPrefix + phoneHash)) };
            foreach (var (key, row) in counters)
            {
                var next = new TableEntity(partition, key) { ["Count"] = (row?.GetInt32("Count") ?? 0) + 1 };
                actions.Add(row is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, row.ETag));
            }

            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another arrival moved a counter first, or this one was recorded meanwhile: read again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (attempt * 5))), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Arrivals on the days after <paramref name="lastDay"/> up to <paramref name="today"/>, per unit and per roster
    /// (<see cref="Catalog.RosterKey"/>): one range read a day.
    /// </summary>
    public async Task<(Dictionary<string, int> Units, Dictionary<string, int> Rosters)> AfterAsync(DateOnly lastDay, DateOnly today, CancellationToken cancellationToken)
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        var rosters = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var day = lastDay.AddDays(1); day <= today; day = day.AddDays(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(day)} and RowKey ge {"arrivals|"} and RowKey lt {"arrivals}"}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var (target, key) = row.RowKey.StartsWith(UnitPrefix, StringComparison.Ordinal)
                    ? (units, row.RowKey[UnitPrefix.Length..])
                    : (rosters, row.RowKey[RosterPrefix.Length..]);
                target[key] = target.GetValueOrDefault(key) + (row.GetInt32("Count") ?? 0);
            }
        }

        return (units, rosters);
    }
}
