using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Frontline.Areas;
using Frontline.Bulletins;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Benchmarks;

/// <summary>
/// Where the design meets Azure's scalability targets, which Azurite does not enforce. Part one counts, with
/// <see cref="StorageMeter"/>, what each operation moves in storage, per partition, on a province-sized catalog
/// (10,000 sites, 500 units). Part two multiplies those counts by the rates of a province's busiest day (stated in
/// <see cref="ProvinceDay"/>) for 1, 4 and 16 instances, and prints the busiest partition's entities per second, the
/// account's and the queue's, beside Azure's targets. Rates on the emulator say nothing about Azure; entity counts do.
/// </summary>
public static partial class CapacityBenchmark
{
    private const int Sites = 10_000;
    private const int Units = 500;
    private const int SitesPerUnit = Sites / Units;
    private const int Sample = 100;

    /// <summary>Azure Table Storage: entities per second for one partition and for an account; Azure Queue Storage: messages per second for one queue.</summary>
    public const int PartitionTarget = 2_000;
    public const int AccountTarget = 20_000;
    public const int QueueTarget = 2_000;

    /// <summary>
    /// The day the numbers are for (Chengdu's call to 13万 party members, DOMAIN.md): 130,000 registrations with a peak
    /// of 300 a second for ten minutes, processed as fast as they come; 10,000 sites reported by 500 units within an
    /// evening hour, at three times the hour's average at its peak (8.3 a second) and rolled up; 100 page views a second
    /// on the public dashboard (stats and daily figures) and 20 on the units' and coordinators' pages (the site list);
    /// every instance that serves reads keeps its catalog no older than 5 seconds.
    /// </summary>
    public static readonly (string Operation, double PerSecond)[] ProvinceDay =
    [
        ("register", 300), ("process a registration", 300), ("report counts", 8.3), ("roll up a report", 8.3),
        ("read stats", 100), ("read daily stats", 100), ("read the site list", 20),
    ];

    public static async Task<List<Result>> RunAsync()
    {
        var perOperation = await CountPerOperationAsync();
        var results = new List<Result>();
        foreach (var (operation, counts) in perOperation)
        {
            // Every partition an operation touches, for the capacity model in the README.
            Console.WriteLine($"{operation}: {string.Join(", ", counts.Partitions.OrderByDescending(partition => partition.Value).Select(partition => $"{partition.Key} {partition.Value:F2} (busiest one {counts.Busiest[partition.Key]:F2})"))}; queue messages {counts.QueueMessages:F2}");
            var busiest = counts.Busiest.DefaultIfEmpty(new("(no table)", 0)).MaxBy(partition => partition.Value);
            results.Add(new("capacity: per operation", $"{operation}: entities per operation (busiest partition: {busiest.Key})",
                counts.Partitions.Values.Sum(), "entities", "in the busiest partition", busiest.Value, $"queue messages {counts.QueueMessages:F1}"));
        }

        foreach (var before in (bool[])[true, false])
        {
            Before = before;
            var design = before ? "before (full read every 5 s)" : "journal";
            foreach (var instances in (int[])[1, 4, 16])
            {
                var load = ProvinceLoad(perOperation, instances);
                var busiest = load.Busiest.MaxBy(partition => partition.Value);
                var scenario = $"capacity: province day, {design}, {instances} instance{(instances == 1 ? "" : "s")}";
                results.Add(new(scenario, $"busiest partition ({busiest.Key}), entities/s",
                    busiest.Value, "entities/s", "Azure's target per partition", PartitionTarget, busiest.Value <= PartitionTarget ? "within" : "over"));
                results.Add(new(scenario, "account, entities/s",
                    load.Partitions.Values.Sum(), "entities/s", "Azure's target per account", AccountTarget, load.Partitions.Values.Sum() <= AccountTarget ? "within" : "over"));
                results.Add(new(scenario, "busiest queue, messages/s",
                    load.QueueMessages, "messages/s", "Azure's target per queue", QueueTarget, load.QueueMessages <= QueueTarget ? "within" : "over"));
            }
        }

        foreach (var instances in (int[])[1, 4, 16])
        {
            results.AddRange(await LiveAsync(instances));
        }

        return results;
    }

    /// <summary>Only the live runs with 1, 4 and 16 hosts (a few minutes), for work on the ledger's contention.</summary>
    public static async Task<List<Result>> LiveOnlyAsync()
    {
        var results = new List<Result>();
        foreach (var instances in (int[])[1, 4, 16])
        {
            results.AddRange(await LiveAsync(instances));
        }

        return results;
    }

    /// <summary>
    /// A live check of the model's per-registration counts with <paramref name="instances"/> hosts in this process, each
    /// with its own catalog and triggers, on one emulator and one shared meter: 400 registrations sent round the hosts,
    /// processed by all of them (their ledgers conflict as instances do), while every host serves the site list and
    /// stats five times a second (so each keeps its catalog current). On 1,000 sites, so that 16 hosts' first full
    /// reads stay short; what is compared is entities per registration, which the catalog's size does not change.
    /// The emulator's speed sets the rates, so its busiest second says little about Azure's; the counts say the rest.
    /// </summary>
    private static async Task<List<Result>> LiveAsync(int instances)
    {
        const int Registrations = 400;
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        var meter = new StorageMeter(TimeProvider.System);
        var hosts = new List<BenchmarkApp>();
        try
        {
            for (var index = 0; index < instances; index++)
            {
                var host = new BenchmarkApp(azurite) { NamePrefix = hosts.FirstOrDefault()?.NamePrefix ?? "t" + Guid.NewGuid().ToString("N")[..10], ConfigureTestServices = services => services.AddSingleton(meter) };
                host.Settings["Frontline:Storage:Meter"] = "true";
                await host.InitializeAsync();
                hosts.Add(host);
                if (index == 0)
                {
                    await SeedAsync(host.Get<CatalogStore>(), sites: 1_000);
                }
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
            var clients = hosts.Select(host => host.CreateClient()).ToList();
            foreach (var host in hosts)
            {
                await host.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
            }

            meter.Reset();
            using var stop = new CancellationTokenSource();
            var readers = clients.Select(client => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    (await client.GetAsync("api/sites")).Dispose();
                    (await client.GetAsync("api/stats")).Dispose();
                    await Task.Delay(200);
                }
            })).ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, Registrations), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (index, token) =>
            {
                var form = RegistrationBenchmark.Form(index, today);
                using var response = await clients[index % clients.Count].PostAsJsonAsync("api/registrations", form, token);
                response.EnsureSuccessStatusCode();
            });
            var queue = hosts[0].Storage.Queue(QueueNames.Registrations);
            await FrontlineApp.EventuallyAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, waiting => waiting == 0, TimeSpan.FromMinutes(10));
            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2)); // the last journal rows
            stop.Cancel();
            await Task.WhenAll(readers);

            var slots = meter.Slots();
            double PerRegistration(Func<StorageMeter.Slot, bool> where) => slots.Where(where).Sum(slot => (double)slot.Entities) / Registrations;
            var deployment = PerRegistration(slot => slot.Resource.EndsWith(TableNames.Deployment, StringComparison.Ordinal));
            var arrivals = PerRegistration(slot => slot.Resource.EndsWith(TableNames.RollUps, StringComparison.Ordinal) && slot.Partition.StartsWith("arrivals|", StringComparison.Ordinal));
            var journal = PerRegistration(slot => slot.Resource.Contains(CatalogJournal.TablePrefix, StringComparison.Ordinal));
            var busiest = meter.BusiestPartition();
            var scenario = $"capacity: live, {instances} host{(instances == 1 ? "" : "s")}, {Registrations} registrations, readers on every host";
            foreach (var client in clients)
            {
                client.Dispose();
            }

            return
            [
                new(scenario, "directory partition, entities per registration (writes, conflict re-reads, version reads)", deployment, "entities", "the model's", 4 + (instances / 5.0 * seconds / Registrations), "informational"),
                new(scenario, "arrival log, entities per registration", arrivals, "entities", "the model's", 8, "informational"),
                new(scenario, "journal, entities per registration (written and read by all hosts)", journal, "entities", null, null, $"{Registrations / seconds:F0} registrations/s on the emulator"),
                new(scenario, $"busiest second of a partition ({busiest?.Resource.Replace(hosts[0].NamePrefix, "", StringComparison.Ordinal)}/{busiest?.Partition})",
                    busiest?.Entities ?? 0, "entities/s", "Azure's target", PartitionTarget, "the emulator's pace"),
            ];
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// What one operation moves: entities per partition class (all of the class's partitions together, for the account),
    /// the class's busiest partition per operation (for the partition's target: a class keyed by volunteer, site or unit
    /// spreads over many), and queue messages (sends, receives, deletes).
    /// </summary>
    public sealed record OperationCounts(Dictionary<string, double> Partitions, Dictionary<string, double> Busiest, double QueueMessages);

    /// <summary>
    /// The rates of <see cref="ProvinceDay"/> times the counts per operation, by partition class. A class whose key is a
    /// volunteer's (a phone hash) spreads over as many partitions as there are volunteers, so it counts as one share of
    /// a thousand. The catalog reload is per instance: <paramref name="instances"/> of them each every 5 seconds.
    /// </summary>
    public static OperationCounts ProvinceLoad(IReadOnlyDictionary<string, OperationCounts> perOperation, int instances)
    {
        var partitions = new Dictionary<string, double>(StringComparer.Ordinal);
        var busiest = new Dictionary<string, double>(StringComparer.Ordinal);
        var queues = new Dictionary<string, double>(StringComparer.Ordinal);
        // Each instance refreshes its catalog every 5 s (the version row and the journal since 10 s before its last look:
        // one row a second from every instance) and writes its own journal row a second; it reads the directory whole
        // every 10 minutes, paced, which on average is the full read's entities over 600 s.
        var journal = "Journal<day>/<minute>";
        var model = new Dictionary<string, OperationCounts>(StringComparer.Ordinal)
        {
            ["refresh the catalog"] = new(new() { ["Deployment/deployment"] = 1, [journal] = 15.0 * instances }, new() { ["Deployment/deployment"] = 1, [journal] = 15.0 * instances }, 0),
            ["write the journal"] = new(new() { [journal] = 1 }, new() { [journal] = 1 }, 0),
        };
        // The trigger engine's receive and delete of each message go through its own queue client, which the meter does not see.
        foreach (var processing in (string[])["process a registration", "roll up a report"])
        {
            model[processing] = perOperation[processing] with { QueueMessages = perOperation[processing].QueueMessages + 2 };
        }
        IEnumerable<(string Operation, double PerSecond)> rates =
            [.. ProvinceDay, ("reload the catalog", FullReadsPerSecond(instances)), ("refresh the catalog", RefreshesPerSecond(instances)), ("write the journal", JournalWritesPerSecond(instances))];
        foreach (var (operation, perSecond) in rates)
        {
            var counts = model.TryGetValue(operation, out var modelled) ? modelled : perOperation[operation];
            foreach (var (partition, entities) in counts.Partitions)
            {
                partitions[partition] = partitions.GetValueOrDefault(partition) + (perSecond * entities);
                busiest[partition] = busiest.GetValueOrDefault(partition) + (perSecond * counts.Busiest[partition]);
            }

            queues[QueueOf(operation)] = queues.GetValueOrDefault(QueueOf(operation)) + (perSecond * counts.QueueMessages);
        }

        return new(partitions, busiest, queues.Values.DefaultIfEmpty().Max());
    }

    /// <summary>The model of the design before the journal (up to commit 23eab93): each instance read the directory whole every 5 s.</summary>
    private static bool Before { get; set; }

    private static double FullReadsPerSecond(int instances) => Before ? instances / 5.0 : instances / 600.0;

    private static double RefreshesPerSecond(int instances) => Before ? 0 : instances / 5.0;

    private static double JournalWritesPerSecond(int instances) => Before ? 0 : instances;

    private static string QueueOf(string operation) => operation switch
    {
        "register" or "process a registration" => QueueNames.Registrations,
        "report counts" or "roll up a report" => QueueNames.DailyCounts,
        _ => "",
    };

    private static async Task<Dictionary<string, OperationCounts>> CountPerOperationAsync()
    {
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        // Two hosts on one storage account, each with its own meter: one takes requests, the other runs the queues.
        await using var front = new BenchmarkApp(azurite) { HttpPort = Measure.FreePort() };
        front.Settings["Frontline:Storage:Meter"] = "true";
        front.Settings["Frontline:Triggers:Enabled"] = "false";
        await front.InitializeAsync();
        await SeedAsync(front.Get<CatalogStore>());
        await PlaceInAreasAsync(front.Get<AreaStore>());
        await using var worker = new BenchmarkApp(azurite) { NamePrefix = front.NamePrefix };
        worker.Settings["Frontline:Storage:Meter"] = "true";
        await worker.InitializeAsync();
        await worker.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        await front.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);

        var frontMeter = front.Get<StorageMeter>();
        var workerMeter = worker.Get<StorageMeter>();
        using var http = front.HttpClient();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var counts = new Dictionary<string, OperationCounts>(StringComparer.Ordinal);

        async Task<OperationCounts> MeasureAsync(StorageMeter meter, int operations, Func<Task> run)
        {
            meter.Reset();
            await run();
            return PerOperation(meter, operations, front.NamePrefix);
        }

        async Task WaitForQueuesAsync()
        {
            foreach (var queue in QueueNames.All)
            {
                await FrontlineApp.EventuallyAsync(async () => (await front.Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount,
                    waiting => waiting == 0, TimeSpan.FromMinutes(5));
            }
        }

        // Registration: the front's request, then the worker's processing of it.
        workerMeter.Reset();
        counts["register"] = await MeasureAsync(frontMeter, Sample, async () =>
        {
            for (var index = 0; index < Sample; index++)
            {
                await RegistrationBenchmark.SubmitAsync(http, index, today);
            }
        });
        await WaitForQueuesAsync();
        counts["process a registration"] = PerOperation(workerMeter, Sample, front.NamePrefix);

        // One refresh of the front's catalog after the worker's commits: the version row and the journal (informational:
        // the province model counts one journal row a second from each instance).
        var cache = front.Get<CatalogCache>();
        var before = (await cache.GetCatalogAsync(CancellationToken.None)).ReadAt;
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        counts["refresh the catalog (measured: after 100 registrations on one other host)"] = await MeasureAsync(frontMeter, 1, async () =>
            await FrontlineApp.EventuallyAsync(() => cache.GetCatalogAsync(CancellationToken.None), catalog => catalog.ReadAt > before, TimeSpan.FromSeconds(30)));

        // A day's counts from a unit's reporter, then their roll-up.
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tokens = new Dictionary<int, string>();
        for (var unit = 0; unit < Sample / SitesPerUnit + 1; unit++)
        {
            tokens[unit] = await front.TokenAsync(["Reporter"], UnitId(unit));
        }

        workerMeter.Reset();
        counts["report counts"] = await MeasureAsync(frontMeter, Sample, async () =>
        {
            for (var index = 0; index < Sample; index++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"api/sites/{SiteId(index)}/counts/{day}")
                {
                    // A testing point's figures: since indicators became data, a figure its type does not report is refused.
                    Content = JsonContent.Create(new
                    {
                        values = new Dictionary<string, decimal> { ["on-duty"] = 8, ["party-members"] = 6, ["tested"] = 300, ["supplies-delivered"] = 12, ["sampling-rounds"] = 1 },
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[index / SitesPerUnit]);
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        });
        await WaitForQueuesAsync();
        counts["roll up a report"] = PerOperation(workerMeter, Sample, front.NamePrefix);

        // Reads, with the catalog in memory (as between reloads).
        foreach (var (operation, path) in new[] { ("read stats", "api/stats"), ("read daily stats", "api/stats/daily"), ("read the site list", "api/sites") })
        {
            await front.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
            counts[operation] = await MeasureAsync(frontMeter, 10, async () =>
            {
                for (var index = 0; index < 10; index++)
                {
                    using var response = await http.GetAsync(path);
                    response.EnsureSuccessStatusCode();
                }
            });
        }

        counts["reload the catalog"] = await MeasureAsync(frontMeter, 3, async () =>
        {
            for (var index = 0; index < 3; index++)
            {
                await front.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
            }
        });
        counts["compose the bulletin"] = await MeasureAsync(frontMeter, 1, () => front.Get<BulletinService>().RunNowAsync(CancellationToken.None));
        using var coordinator = new HttpClient { BaseAddress = http.BaseAddress };
        coordinator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await front.TokenAsync(["Coordinator"]));
        counts["completeness"] = await MeasureAsync(frontMeter, 1, async () =>
        {
            using var answer = await coordinator.GetAsync($"api/completeness?day={day}");
            if (!answer.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"completeness: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        });
        counts["export counts (CSV)"] = await MeasureAsync(frontMeter, 1, async () => (await coordinator.GetAsync($"api/exports/counts.csv?day={day}")).EnsureSuccessStatusCode());
        return counts;
    }

    /// <summary>The meter's totals divided by the operations, by partition class (ids and days replaced by their kind).</summary>
    private static OperationCounts PerOperation(StorageMeter meter, int operations, string namePrefix)
    {
        var partitions = new Dictionary<string, double>(StringComparer.Ordinal);
        var busiest = new Dictionary<string, double>(StringComparer.Ordinal);
        var queue = 0.0;
        foreach (var partition in meter.Slots().GroupBy(slot => (slot.Resource, slot.Partition)))
        {
            var entities = (double)partition.Sum(slot => slot.Entities) / operations;
            if (partition.Key.Resource.StartsWith("queue:", StringComparison.Ordinal))
            {
                queue += entities;
                continue;
            }

            var table = partition.Key.Resource.StartsWith(namePrefix, StringComparison.Ordinal) ? partition.Key.Resource[namePrefix.Length..] : partition.Key.Resource;
            var key = table.StartsWith(CatalogJournal.TablePrefix, StringComparison.Ordinal)
                ? "Journal<day>/<minute>"
                : $"{table}/{PartitionClass(partition.Key.Partition)}";
            partitions[key] = partitions.GetValueOrDefault(key) + entities;
            busiest[key] = Math.Max(busiest.GetValueOrDefault(key), entities);
        }

        return new(partitions, busiest, queue);
    }

    /// <summary>"arrivals|2026-12-04" → "arrivals|&lt;day&gt;"; a phone hash → "&lt;volunteer&gt;"; the benchmark's site and unit ids → "&lt;site&gt;", "&lt;unit&gt;".</summary>
    public static string PartitionClass(string partition) =>
        UnitId().Replace(SiteId().Replace(Day().Replace(PhoneHash().Replace(partition, "<volunteer>"), "<day>"), "<site>"), "<unit>");

    /// <summary>
    /// A province's five levels (1 province, 10 cities, 100 counties, 1,000 towns, 2,000 communities) with the sites
    /// placed in its communities, five each: a report's roll-up then adds it to five area rows of its day and five of
    /// the all-time partition, as on a real province's store.
    /// </summary>
    private static async Task PlaceInAreasAsync(AreaStore store)
    {
        var rows = new List<Dictionary<string, string>>();
        void Add(string code, string level, string parent) => rows.Add(new() { ["code"] = code, ["name"] = code, ["level"] = level, ["parent"] = parent });
        var communities = new List<string>();
        Add("620000", "province", "");
        for (var c = 1; c <= 10; c++)
        {
            var city = $"62{c:D2}00";
            Add(city, "city", "620000");
            for (var k = 1; k <= 10; k++)
            {
                var county = $"62{c:D2}{k:D2}";
                Add(county, "county", city);
                for (var t = 1; t <= 10; t++)
                {
                    var town = $"{county}{t:D3}";
                    Add(town, "town", county);
                    for (var m = 1; m <= 2; m++)
                    {
                        communities.Add($"{town}{m:D3}");
                        Add(communities[^1], "community", town);
                    }
                }
            }
        }

        var planned = AreaImport.Plan(rows, new Dictionary<string, StoredArea>());
        await store.ImportAsync([.. planned.Select(row => row.Value ?? throw new InvalidOperationException("The benchmark's area tree has a bad row."))], CancellationToken.None);
        var tree = await store.ReadTreeAsync(CancellationToken.None);
        await store.PlaceAsync([.. Enumerable.Range(0, Sites).Select(i => new SitePlacement(SiteId(i), $"点位{i}", SiteTypes.TestingPoint, communities[i % communities.Count]))],
            tree, CancellationToken.None);
    }

    private static async Task SeedAsync(CatalogStore catalogStore, int sites = Sites)
    {
        var sitesPerUnit = sites / Units;
        await catalogStore.ImportSitesAsync(Enumerable.Range(0, sites).Select(i => new SiteDefinition(
            SiteId(i), $"点位{i}", SiteTypes.TestingPoint, $"区{i % 20}", null, $"测试社区{i % 50}", null, null, 12, [], null, null)), CancellationToken.None);
        await catalogStore.ImportUnitsAsync(Enumerable.Range(0, Units).Select(u => new UnitDefinition(
            UnitId(u), $"unit-{u:D3}", null, null, null, Enumerable.Range(0, sitesPerUnit).Select(k => SiteId(u * sitesPerUnit + k)).ToList())), CancellationToken.None);
    }

    private static string SiteId(int index) => $"site-{index:D5}";

    private static string UnitId(int index) => $"unit-{index:D3}";


    [GeneratedRegex("^[0-9a-f]{32,64}$")]
    private static partial Regex PhoneHash();

    [GeneratedRegex(@"site-\d{5}")]
    private static partial Regex SiteId();

    [GeneratedRegex(@"unit-\d{3}")]
    private static partial Regex UnitId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex Day();
}
