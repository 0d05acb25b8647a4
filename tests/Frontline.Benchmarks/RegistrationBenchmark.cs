using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Frontline.Host;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Benchmarks;

/// <summary>
/// Registration intake through the local host's HTTP API, beside raw queue sends; and registration processing
/// through the host's queue listener, beside the raw table writes each registration needs. Same Azurite,
/// same run, same concurrency.
/// </summary>
public static class RegistrationBenchmark
{
    private const int Units = 100;
    private const int Sites = 1000;
    private const int Communities = 50;
    private static readonly int[] Concurrency = [1, 16, 64];

    public static async Task<List<Result>> RunAsync(LocalAzurite azurite, int count)
    {
        var results = new List<Result>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // Intake: a host that serves HTTP only, so the processor does not compete with what is measured.
        await using var intake = new FrontlineApp();
        intake.Settings["Frontline:Triggers:Enabled"] = "false";
        var port = Measure.FreePort();
        intake.UseKestrel(port);
        await intake.InitializeAsync();
        intake.StartServer();
        await SeedCatalogAsync(intake.Get<DeploymentStore>());

        var sample = JsonSerializer.Serialize(SampleMessage(intake.Get<PersonalData>(), 0, today), JsonBody.Options);
        var rawQueue = new QueueClient(azurite.ConnectionString, intake.Storage.QueueName("raw-sends"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await rawQueue.CreateIfNotExistsAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var submitted = 0;
        foreach (var clients in Concurrency)
        {
            var raw = await Measure.RunAsync(count, clients, _ => rawQueue.SendMessageAsync(sample));
            await using var memory = new MemorySampler();
            var offset = submitted;
            var api = await Measure.RunAsync(count, clients, async index =>
            {
                using var response = await http.PostAsJsonAsync("api/registrations", Form(offset + index, today));
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}.");
                }
            });
            submitted += count;
            results.Add(new($"intake, {clients} clients", "requests/s", api.PerSecond, "req/s", "raw queue sends/s", raw.PerSecond, "≥ 80% of raw"));
            results.Add(new($"intake, {clients} clients", "latency p50 / p99", api.P50, "ms", "raw send p50 / p99 (ms)", raw.P50, $"p99 {api.P99:F1} ms vs raw {raw.P99:F1} ms"));
            results.Add(new($"intake, {clients} clients", "peak memory (benchmark + host)", memory.PeakMegabytes, "MB", null, null, "< 400 MB"));
        }

        // Raw table writes a registration needs: its ledger entry and the counters it moves (one batch on the
        // deployment partition: ledger + unit + site + community), and the volunteer row.
        // As many sets as there are registrations to process: Azurite slows as its tables grow, so the baseline
        // must grow its tables as far as the processing does.
        var rawTable = new TableServiceClient(azurite.ConnectionString);
        var volunteers = rawTable.GetTableClient(intake.NamePrefix + "RawVolunteers");
        var ledger = rawTable.GetTableClient(intake.NamePrefix + "RawLedger");
        await volunteers.CreateIfNotExistsAsync();
        await ledger.CreateIfNotExistsAsync();
        var rawWrites = await Measure.RunAsync(submitted, 16, async index =>
        {
            var key = $"k{index:D8}";
            await ledger.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity("deployment", "member|" + key) { ["UnitId"] = "u1" }),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("deployment", $"unit|{index % Units}") { ["Volunteers"] = index }),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("deployment", $"site|{index % Sites}") { ["Assigned"] = index }),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("deployment", $"community|{index % Communities}") { ["Volunteers"] = index }),
            ]);
            await volunteers.UpsertEntityAsync(new TableEntity(key, "volunteer") { ["Name"] = "测试", ["Phone"] = sample[..80], ["Status"] = "assigned" }, TableUpdateMode.Replace);
        });

        // What any queue listener pays per message before its handler does anything: receive in 16s, delete each.
        var drain = new QueueClient(azurite.ConnectionString, intake.Storage.QueueName("raw-drain"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await drain.CreateIfNotExistsAsync();
        await Measure.RunAsync(submitted, 64, _ => drain.SendMessageAsync(sample));
        var drained = 0;
        var drainClock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref drained) < submitted)
            {
                var messages = (await drain.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10))).Value;
                if (messages.Length == 0)
                {
                    break;
                }

                var deleted = await Task.WhenAll(messages.Select(async message =>
                {
                    try
                    {
                        await drain.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        return 1;
                    }
                    catch (Azure.RequestFailedException gone) when (gone.Status == 404)
                    {
                        // Its lease ran out on a starved machine and the other drainer has it now.
                        return 0;
                    }
                }));
                Interlocked.Add(ref drained, deleted.Sum());
            }
        })));
        drainClock.Stop();
        var drainRate = drained / drainClock.Elapsed.TotalSeconds;

        // Processing: a second host on the same storage with its queue listener on, draining what intake queued.
        await using var processing = new FrontlineApp { NamePrefix = intake.NamePrefix };
        await using (var memory = new MemorySampler())
        {
            // The clock runs from the first message the listener settles to the last, so the host's start-up is
            // not counted as processing. The queue's length (one cheap call) is watched, not the catalog: reading
            // the catalog scans a partition that grows with every registration and would load the emulator.
            var queue = intake.Storage.Queue(QueueNames.Registrations);
            var initializing = processing.InitializeAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int? waitingAtStart = null;
            var startedAt = TimeSpan.Zero;
            while (true)
            {
                var waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                if (waitingAtStart is null && waiting < submitted)
                {
                    (waitingAtStart, startedAt) = (waiting, clock.Elapsed);
                }

                if (waiting == 0 || clock.Elapsed > TimeSpan.FromMinutes(20))
                {
                    break;
                }

                await Task.Delay(50);
            }

            var elapsed = clock.Elapsed - startedAt;
            await initializing;
            var store = intake.Get<DeploymentStore>();
            await FrontlineApp.EventuallyAsync(
                async () => (await store.GetCatalogAsync(CancellationToken.None, fresh: true)).Units.Values.Sum(unit => unit.Volunteers),
                total => total >= submitted, TimeSpan.FromMinutes(5));
            var storedPerSecond = (waitingAtStart ?? submitted) / elapsed.TotalSeconds;
            results.Add(new("processing, listener batch 16", "registrations stored/s", storedPerSecond, "reg/s",
                "raw write sets/s (batch of 4 + upsert, 16 workers)", rawWrites.PerSecond, "≥ 50% of raw"));
            results.Add(new("processing, listener batch 16", "registrations stored/s", storedPerSecond, "reg/s",
                "raw queue receive (16) + delete, messages/s", drainRate, "informational: the queue's share"));
            results.Add(new("processing, listener batch 16", "peak memory (benchmark + host)", memory.PeakMegabytes, "MB", null, null, "< 400 MB"));
        }

        return results;
    }

    private static async Task SeedCatalogAsync(DeploymentStore store)
    {
        var skills = Skills.All.ToArray();
        await store.ImportSitesAsync(Enumerable.Range(0, Sites).Select(i => new SiteDefinition(
            $"site-{i:D4}", $"测试点位{i}", SiteTypes.TestingPoint, "测试区", null, $"测试社区{i % Communities}", null, null, 1000,
            [skills[i % skills.Length], skills[(i + 3) % skills.Length]], null, null)), CancellationToken.None);
        await store.ImportUnitsAsync(Enumerable.Range(0, Units).Select(i => new UnitDefinition(
            $"unit-{i:D3}", $"测试单位{i}", null, null, null, [$"site-{i:D4}"])), CancellationToken.None);
    }

    private static object Form(int index, DateOnly today) => new
    {
        name = "测试志愿者",
        phone = $"13{index % 7 + 3}{index:D8}",
        workUnit = $"unit-{index % Units:D3}",
        partyMember = index % 3 != 0,
        partyBranch = "机关党支部",
        homeCommunity = $"测试社区{index % Communities}",
        skills = new[] { Skills.All.ElementAt(index % Skills.All.Count) },
        availableFrom = today.ToString("O"),
        availableTo = today.AddDays(30).ToString("O"),
        consent = true,
    };

    private static RegistrationMessage SampleMessage(PersonalData personalData, int index, DateOnly today) => new(
        personalData.NewRegistrationId(personalData.PhoneHash("13800138000")), DateTimeOffset.UtcNow, "测试志愿者", personalData.Encrypt("13800138000"), personalData.PhoneHash("13800138000"),
        $"unit-{index:D3}", true, "机关党支部", "测试社区1", [Skills.GateControl], today, today.AddDays(30));
}
