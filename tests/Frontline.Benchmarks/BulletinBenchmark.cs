using System.Diagnostics;
using Azure.Data.Tables;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Host;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Benchmarks;

/// <summary>
/// Composing a bulletin over 10,000 sites and 100,000 volunteers, beside a raw read of exactly the partitions and
/// ranges it reads (the directory's unit, site, community and roster rows; two days of roll-ups), in the same run.
/// Allocation is measured with 10,000 and with 100,000 volunteers in the ledger: it must not grow with them.
/// </summary>
public static class BulletinBenchmark
{
    private const int Sites = 10_000;
    private const int Units = 500;
    private const int Rounds = 5;

    /// <summary>
    /// <paramref name="volunteers"/> is 100,000 unless said otherwise: loading them takes most of two hours here, as
    /// Azurite looks up every inserted entity by scanning its partition (the ledger shares the directory's), so each
    /// insert costs in proportion to the rows already there. Composing takes seconds either way.
    /// </summary>
    public static async Task<List<Result>> RunAsync(int volunteers = 100_000)
    {
        var results = new List<Result>();
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        await using var app = new BenchmarkApp(azurite);
        app.Settings["Frontline:Triggers:Enabled"] = "false";
        await app.InitializeAsync();
        var catalogStore = app.Get<CatalogStore>();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var deployment = tables.GetTableClient(app.NamePrefix + TableNames.Deployment);
        var rollUps = tables.GetTableClient(app.NamePrefix + TableNames.RollUps);

        var clock = Stopwatch.StartNew();
        await catalogStore.ImportSitesAsync(Enumerable.Range(0, Sites).Select(i => new SiteDefinition(
            $"site-{i:D5}", $"点位{i}", SiteTypes.TestingPoint, $"区{i % 20}", null, $"社区{i % 400}", null, null, 12, [], null, null)), CancellationToken.None);
        await catalogStore.ImportUnitsAsync(Enumerable.Range(0, Units).Select(u => new UnitDefinition(
            $"unit-{u:D3}", $"单位{u}", null, null, null, Enumerable.Range(0, Sites / Units).Select(k => $"site-{u * (Sites / Units) + k:D5}").ToList())), CancellationToken.None);
        await UpsertAsync(deployment, Enumerable.Range(0, Sites).Select(i => new TableEntity("deployment", $"roster|site-{i:D5}|unit-{i / (Sites / Units):D3}") { ["Assigned"] = 10 }));
        await UpsertAsync(deployment, Enumerable.Range(0, Sites).Select(i => new TableEntity("deployment", $"site|site-{i:D5}") { ["Assigned"] = 10 }));
        await UpsertAsync(deployment, Enumerable.Range(0, Units).Select(u => new TableEntity("deployment", $"unit|unit-{u:D3}") { ["Volunteers"] = volunteers / Units }));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = Period.JustClosed(Cadence.Daily, today);
        foreach (var day in new[] { period.First, period.First.AddDays(-1) })
        {
            var partition = RollUpStore.DayPartition(day);
            var figures = new Dictionary<string, object> { ["OnDuty"] = 10L, ["PartyMembers"] = 8L, ["Tested"] = 300L, ["PeopleChecked"] = 50L, ["VehiclesChecked"] = 20L, ["SuppliesDelivered"] = 5L, ["HouseholdsVisited"] = 7L };
            TableEntity Row(string key) => new(figures) { PartitionKey = partition, RowKey = key };
            await UpsertAsync(rollUps, Enumerable.Range(0, Sites).Select(i => Row($"site|site-{i:D5}"))
                .Concat(Enumerable.Range(0, Units).Select(u => Row($"unit|unit-{u:D3}")))
                .Concat(Enumerable.Range(0, 200).Select(h => new TableEntity(partition, $"highlight|site-{h:D5}|unit-{h / 20:D3}") { ["SiteId"] = $"site-{h:D5}", ["UnitId"] = $"unit-{h / 20:D3}", ["Text"] = "协助核酸检测，秩序井然。" }))
                .Append(Row("total")));
        }

        await AddVolunteersAsync(deployment, 0, volunteers / 10);
        Console.WriteLine($"  bulletin data: {Sites} sites, {Units} units, {volunteers / 10} volunteers loaded in {clock.Elapsed.TotalSeconds:F0} s");
        var service = app.Get<BulletinService>();
        var (_, allocatedAtTenth) = await MeasureComposeAsync(service, period);

        await AddVolunteersAsync(deployment, volunteers / 10, volunteers);
        Console.WriteLine($"  bulletin data: {volunteers} volunteers in the ledger after {clock.Elapsed.TotalSeconds:F0} s");
        // The loading above fills this process; what is left of it is not the composition's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        double composeMs, peakMegabytes;
        long allocatedAtAll;
        await using (var memory = new MemorySampler())
        {
            (composeMs, allocatedAtAll) = await MeasureComposeAsync(service, period);
            peakMegabytes = memory.PeakMegabytes;
        }

        var contributions = tables.GetTableClient(app.NamePrefix + TableNames.Contributions);
        var seriesToday = service.Today(service.DefaultSeries);
        var rawMs = await Measure.MedianAsync(Rounds, () => RawReadAsync(deployment, rollUps, contributions, period, seriesToday));

        results.Add(new($"bulletin, {Sites} sites, {volunteers} volunteers", "compose (median of 5)", composeMs, "ms", "raw read of the same partitions (median of 5)", rawMs, "≤ 1.5× raw"));
        results.Add(new("bulletin, allocation per composition", $"with {volunteers} volunteers", allocatedAtAll / 1048576.0, "MB", $"with {volunteers / 10} volunteers (MB)", allocatedAtTenth / 1048576.0, "does not grow with volunteers"));
        results.Add(new($"bulletin, {Sites} sites, {volunteers} volunteers", "peak memory during composition (benchmark + host)", peakMegabytes, "MB", null, null, "< 400 MB"));
        return results;
    }

    private static async Task<(double Milliseconds, long Allocated)> MeasureComposeAsync(BulletinService service, Period period)
    {
        await service.ComposeAsync(service.DefaultSeries, period, CancellationToken.None);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var median = await Measure.MedianAsync(Rounds, () => service.ComposeAsync(service.DefaultSeries, period, CancellationToken.None));
        return (median, (GC.GetTotalAllocatedBytes(precise: true) - before) / Rounds);
    }

    /// <summary>What a composition reads, read raw: the catalog, the period's and the previous period's roll-ups, each unit's
    /// all-time sums, the unit rows and arrivals of the days after the period, and the period's contributions.</summary>
    private static async Task RawReadAsync(TableClient deployment, TableClient rollUps, TableClient contributions, Period period, DateOnly today)
    {
        static async Task Drain(TableClient table, string filter)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter))
            {
            }
        }

        await Drain(rollUps, TableClient.CreateQueryFilter($"PartitionKey eq {"totals"} and RowKey ge {"unit|"} and RowKey lt {"unit}"}"));
        for (var day = period.Last.AddDays(1); day <= today; day = day.AddDays(1))
        {
            await Drain(rollUps, TableClient.CreateQueryFilter($"PartitionKey eq {RollUpStore.DayPartition(day)} and RowKey ge {"unit|"} and RowKey lt {"unit}"}"));
            await Drain(rollUps, TableClient.CreateQueryFilter($"PartitionKey eq {"arrivals|" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} and RowKey ge {"arrivals|"} and RowKey lt {"arrivals}"}"));
        }

        await Drain(contributions, TableClient.CreateQueryFilter(
            $"PartitionKey ge {period.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} and PartitionKey le {period.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"));

        foreach (var prefix in new[] { "unit|", "site|", "community|", "roster|" })
        {
            var upper = prefix[..^1] + "}";
            await foreach (var _ in deployment.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"deployment"} and RowKey ge {prefix} and RowKey lt {upper}")))
            {
            }
        }

        foreach (var day in period.Days.Concat(period.Previous().Days))
        {
            await foreach (var _ in rollUps.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RollUpStore.DayPartition(day)} and RowKey ge {"highlight|"}")))
            {
            }
        }
    }

    private static Task AddVolunteersAsync(TableClient deployment, int from, int to) =>
        UpsertAsync(deployment, Enumerable.Range(from, to - from).Select(v => new TableEntity("deployment", $"member|{v:x32}")
        {
            ["RegistrationId"] = $"r{v}",
            ["UnitId"] = $"unit-{v % Units:D3}",
            ["SiteId"] = $"site-{v % Sites:D5}",
            ["Community"] = $"社区{v % 400}",
        }));

    internal static async Task UpsertAsync(TableClient table, IEnumerable<TableEntity> entities)
    {
        var batches = entities.GroupBy(entity => entity.PartitionKey).SelectMany(group => group.Chunk(100));
        // Two at a time, each retried: Azurite resets connections when many large batches arrive together on a
        // busy machine, and an upsert batch is safe to send again.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, token) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await table.SubmitTransactionAsync(batch.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)), token);
                    return;
                }
                catch (Exception reset) when (attempt < 6 && reset is AggregateException or Azure.RequestFailedException { Status: 0 })
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), token);
                }
            }
        });
    }
}
