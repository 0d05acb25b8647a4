using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Frontline.DailyCounts;
using Frontline.Host;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Benchmarks;

/// <summary>
/// Daily-count submissions through the local host's HTTP API (signed-in reporters, every rule checked), beside the
/// raw storage operations one submission needs, at the same concurrency on the same Azurite; and the completeness
/// query over 10,000 sites, beside a raw read of the same day partition.
/// </summary>
public static class DailyCountBenchmark
{
    private const int Sites = 10_000;
    private const int Units = 500;
    private const int SitesPerUnit = Sites / Units;
    private const int Clients = 16;
    private const int Rounds = 5;

    public static async Task<List<Result>> RunAsync(int count)
    {
        var results = new List<Result>();
        count = Math.Min(count, Sites);
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        await using var app = new BenchmarkApp(azurite) { HttpPort = Measure.FreePort() };
        // The roll-up processor would compete for the same emulator with what is measured; it has its own numbers.
        app.Settings["Frontline:Triggers:Enabled"] = "false";
        await app.InitializeAsync();
        var catalogStore = app.Get<CatalogStore>();
        await catalogStore.ImportSitesAsync(Enumerable.Range(0, Sites).Select(i => new SiteDefinition(
            SiteId(i), $"点位{i}", SiteTypes.TestingPoint, $"区{i % 20}", null, $"社区{i % 400}", null, null, 12, [], null, null)), CancellationToken.None);
        await catalogStore.ImportUnitsAsync(Enumerable.Range(0, Units).Select(u => new UnitDefinition(
            UnitId(u), $"单位{u}", null, null, null, Enumerable.Range(0, SitesPerUnit).Select(k => SiteId(u * SitesPerUnit + k)).ToList())), CancellationToken.None);

        using var http = app.HttpClient();
        var tokens = new string[Units];
        for (var u = 0; u < Units; u++)
        {
            tokens[u] = await app.TokenAsync(["Reporter"], UnitId(u));
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        // Twelve indicators a testing point reports (issue 20's measure): the seven defaults that apply to it, and five
        // more an Admin defines through the API, as an office would.
        using (var admin = new HttpClient { BaseAddress = http.BaseAddress })
        {
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(["Admin"]));
            for (var extra = 1; extra <= 5; extra++)
            {
                var definition = $$"""{"nameZh":"测试指标{{extra}}","nameEn":"Benchmark figure {{extra}}","unit":"人次","kind":"count","aggregation":"sum","min":0,"max":100000,"siteTypes":["testing-point"],"required":false,"order":{{200 + extra}}}""";
                (await admin.PutAsync($"api/indicators/bench-{extra}", new StringContent(definition, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            }
        }

        var set = (await app.Get<Frontline.Indicators.IndicatorStore>().CurrentAsync(CancellationToken.None))!;
        var testingPointIndicators = set.For(SiteTypes.TestingPoint);
        var values = testingPointIndicators.ToDictionary(indicator => indicator.Code, indicator => indicator.Kind == "hours" ? 32.5m : indicator.Code == "party-members" ? 6m : 8m);
        var body = new { values, highlight = "协助核酸检测，秩序井然。" };
        var indicatorsLabel = $"{testingPointIndicators.Count} indicators";

        // Raw: what one submission costs storage (read the current row, announce the change on the queue, write
        // current and history in one batch), and a plain upsert, each on tables and a queue of their own.
        var tables = new TableServiceClient(azurite.ConnectionString);
        var rawCounts = tables.GetTableClient(app.NamePrefix + "RawCounts");
        var rawUpserts = tables.GetTableClient(app.NamePrefix + "RawUpserts");
        await rawCounts.CreateIfNotExistsAsync();
        await rawUpserts.CreateIfNotExistsAsync();
        var rawQueue = new QueueClient(azurite.ConnectionString, app.Storage.QueueName("raw-counts"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await rawQueue.CreateIfNotExistsAsync();
        var partition = DailyCountStore.Partition(day);
        // The same row as the store writes: a property per indicator, hours in tenths.
        TableEntity Row(string key)
        {
            var row = new TableEntity(partition, key) { ["Highlight"] = body.highlight };
            foreach (var (code, value) in values)
            {
                row[CountFigures.PropertyOf(code, tenths: !decimal.IsInteger(value))] = (long)(decimal.IsInteger(value) ? value : value * 10);
            }

            return row;
        }

        var rawSet = await Measure.RunAsync(count, Clients, async index =>
        {
            var key = $"{SiteId(index)}|{UnitId(index / SitesPerUnit)}";
            await rawCounts.GetEntityIfExistsAsync<TableEntity>(partition, "c|" + key);
            await rawQueue.SendMessageAsync($$"""{"day":"{{partition}}","siteId":"{{SiteId(index)}}","version":1}""", TimeSpan.FromSeconds(1));
            await rawCounts.SubmitTransactionAsync([new(TableTransactionActionType.Add, Row("c|" + key)), new(TableTransactionActionType.Add, Row($"h|{key}|00001"))]);
        });
        var rawUpsert = await Measure.RunAsync(count, Clients, index => rawUpserts.UpsertEntityAsync(Row($"c|{SiteId(index)}"), TableUpdateMode.Replace));

        await using (var memory = new MemorySampler())
        {
            var api = await Measure.RunAsync(count, Clients, async index =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"api/sites/{SiteId(index)}/counts/{partition}") { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[index / SitesPerUnit]);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Counts answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            });
            results.Add(new($"counts, {Clients} clients, {indicatorsLabel}", "submissions/s", api.PerSecond, "sub/s",
                "raw write set/s (point read + queue send + batch of 2)", rawSet.PerSecond, "≥ 50% of raw"));
            results.Add(new($"counts, {Clients} clients", "submissions/s", api.PerSecond, "sub/s", "raw single upserts/s", rawUpsert.PerSecond, "informational"));
            results.Add(new($"counts, {Clients} clients", "latency p50 / p99", api.P50, "ms", "raw write set p50 (ms)", rawSet.P50, $"p99 {api.P99:F1} ms vs raw {rawSet.P99:F1} ms"));
            results.Add(new($"counts, {Clients} clients", "peak memory (benchmark + host)", memory.PeakMegabytes, "MB", null, null, "< 400 MB"));
        }

        // Completeness over every one of the 10,000 sites: the rest report straight into the store, so the day
        // partition is as full as it gets.
        var counts = app.Get<DailyCountStore>();
        await Parallel.ForEachAsync(Enumerable.Range(count, Sites - count), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (index, token) =>
            await counts.TryWriteAsync(new Submission(day, SiteId(index), UnitId(index / SitesPerUnit), 1, new CountFigures(values), null, "benchmark", DateTimeOffset.UtcNow, false, null), "seed", null, token));
        using var coordinator = new HttpClient { BaseAddress = http.BaseAddress };
        coordinator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(["Coordinator"]));
        await using (var memory = new MemorySampler())
        {
            var reported = 0;
            var query = await Measure.MedianAsync(Rounds, async () =>
            {
                var completeness = (await coordinator.GetFromJsonAsync<Completeness>($"api/completeness?day={partition}"))!;
                reported = completeness.Reported + completeness.Late;
            });
            if (reported != Sites)
            {
                throw new InvalidOperationException($"Completeness saw {reported} of {Sites} sites reported.");
            }

            var dayTable = tables.GetTableClient(app.NamePrefix + TableNames.DailyCounts);
            var raw = await Measure.MedianAsync(Rounds, async () =>
            {
                await foreach (var _ in dayTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"c|"} and RowKey lt {"c}"}")))
                {
                }
            });
            results.Add(new($"completeness, {Sites} sites", "GET /api/completeness (median of 5)", query, "ms", "raw read of the day's current rows (median of 5)", raw, "informational"));
            results.Add(new($"completeness, {Sites} sites", "peak memory (benchmark + host)", memory.PeakMegabytes, "MB", null, null, "< 400 MB"));
        }

        return results;
    }

    private static string SiteId(int index) => $"site-{index:D5}";

    private static string UnitId(int index) => $"unit-{index:D3}";
}
