using System.Globalization;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Sites;

/// <summary>
/// Who arrived, moved or left on which day, counted per unit, per roster (a unit's people at a site) and per home
/// community (双报到: where they live; kept only here, see <see cref="DeploymentRows.TallyPrefix"/>), signed, so a
/// departure counts -1, so that a bulletin can state the directory's figures as
/// of its period's end: the counters now, less the arrivals after it. A few partitions per day (<c>arrivals|2022-09-15|3</c>
/// in the <c>RollUps</c> table), apart from the deployment partition, so the hottest partition takes no extra entity.
/// A marker row per volunteer makes recording an arrival exactly-once: the processor records it after the ledger's
/// join, and again on a redelivered message, and the marker's Add turns the second into nothing.
/// </summary>
public sealed class ArrivalLog(FrontlineStorage storage)
{
    private const string MarkerPrefix = "arrival|";
    private const string UnitPrefix = "arrivals|unit|";
    private const string RosterPrefix = "arrivals|roster|";
    private const string CommunityPrefix = "arrivals|community|";
    private const int MaxAttempts = 30;

    private TableClient Table => storage.Table(TableNames.RollUps);

    private static string DayPartitions(DateOnly day) => "arrivals|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A day's log is spread over <see cref="Shards"/> partitions by a hash of the event's marker
    /// (for an arrival, the volunteer's phone hash, so a redelivery finds its marker): at the day's peak of 300 arrivals
    /// a second one partition would take 1,800 entities a second, 90 % of Azure's target, and its unit counters would be
    /// contended by every host. A reader sums a unit over the day's partitions.
    /// </summary>
    private static string Partition(DateOnly day, string marker) => $"{DayPartitions(day)}|{DeploymentRows.Bucket(marker, Shards)}";

    private const int Shards = 8;

    /// <summary>A volunteer joined a unit (and a site, unless waitlisted) on that day; once per volunteer, however often it is recorded.</summary>
    public Task RecordAsync(DateOnly day, string phoneHash, string unitId, string? siteId, string? community, CancellationToken cancellationToken) =>
        ApplyAsync(day, MarkerPrefix + phoneHash, Deltas(unitId, siteId, community, +1), cancellationToken);

    /// <summary>A volunteer was moved from one site to another (or off the waitlist): their roster changes, their unit does not.</summary>
    public Task RecordMoveAsync(DateOnly day, string unitId, string? fromSiteId, string toSiteId, CancellationToken cancellationToken) =>
        ApplyAsync(day, $"move|{Guid.NewGuid():N}", [.. Roster(unitId, fromSiteId, -1), .. Roster(unitId, toSiteId, +1)], cancellationToken);

    /// <summary>A volunteer left (withdrew): counted off their unit and roster on that day.</summary>
    public Task RecordLeaveAsync(DateOnly day, string unitId, string? siteId, string? community, CancellationToken cancellationToken) =>
        ApplyAsync(day, $"leave|{Guid.NewGuid():N}", Deltas(unitId, siteId, community, -1), cancellationToken);

    private static List<(string Key, int Delta)> Deltas(string unitId, string? siteId, string? community, int delta) =>
        [(UnitPrefix + unitId, delta), .. Roster(unitId, siteId, delta), .. community is null ? [] : new[] { (CommunityPrefix + DeploymentRows.KeySafe(community), delta) }];

    private static List<(string Key, int Delta)> Roster(string unitId, string? siteId, int delta) =>
        siteId is null ? [] : [(RosterPrefix + Catalog.RosterKey(siteId, unitId), delta)];

    /// <summary>
    /// The event's marker and its counters' changes in one batch of the day's partition, under the counters' ETags: an
    /// event whose marker exists is not counted again. (Moves and departures come from a coordinator's or a volunteer's
    /// request, not from a queue, so their markers are unique; the marker still makes the batch all-or-nothing.)
    /// </summary>
    private async Task ApplyAsync(DateOnly day, string marker, IReadOnlyList<(string Key, int Delta)> deltas, CancellationToken cancellationToken)
    {
        var partition = Partition(day, marker);
        for (var attempt = 0; ; attempt++)
        {
            if ((await Table.GetEntityIfExistsAsync<TableEntity>(partition, marker, ["PartitionKey"], cancellationToken)).HasValue)
            {
                return;
            }

            var counters = await Task.WhenAll(deltas.GroupBy(delta => delta.Key, StringComparer.Ordinal).Select(async change =>
            {
                var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, change.Key, cancellationToken: cancellationToken);
                return (change.Key, Delta: change.Sum(delta => delta.Delta), Row: row.HasValue ? row.Value : null);
            }));
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(partition, marker)) };
            foreach (var (key, delta, row) in counters)
            {
                var next = new TableEntity(partition, key) { ["Count"] = (row?.GetInt32("Count") ?? 0) + delta };
                actions.Add(row is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, row.ETag));
            }

            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another event moved a counter first, or this one was recorded meanwhile: read again.
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
            // The day's shards and the unsharded partition written before them: [arrivals|day, arrivals|day}).
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {DayPartitions(day)} and PartitionKey lt {DayPartitions(day) + "}"} and RowKey ge {"arrivals|"} and RowKey lt {"arrivals}"}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey.StartsWith(UnitPrefix, StringComparison.Ordinal))
                {
                    units[row.RowKey[UnitPrefix.Length..]] = units.GetValueOrDefault(row.RowKey[UnitPrefix.Length..]) + (row.GetInt32("Count") ?? 0);
                }
                else if (row.RowKey.StartsWith(RosterPrefix, StringComparison.Ordinal))
                {
                    rosters[row.RowKey[RosterPrefix.Length..]] = rosters.GetValueOrDefault(row.RowKey[RosterPrefix.Length..]) + (row.GetInt32("Count") ?? 0);
                }
            }
        }

        return (units, rosters);
    }

    /// <summary>Volunteers who reported to each home community (by name, key-safe) on the days <paramref name="from"/> to <paramref name="to"/>, net of departures.</summary>
    public async Task<Dictionary<string, int>> CommunitiesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var communities = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {DayPartitions(day)} and PartitionKey lt {DayPartitions(day) + "}"} and RowKey ge {CommunityPrefix} and RowKey lt {"arrivals|community}"}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var name = row.RowKey[CommunityPrefix.Length..];
                communities[name] = communities.GetValueOrDefault(name) + (row.GetInt32("Count") ?? 0);
            }
        }

        return communities;
    }
}
