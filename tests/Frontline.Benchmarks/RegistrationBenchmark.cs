using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Frontline.Host;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Benchmarks;

/// <summary>
/// Registration intake through the local host's HTTP API, beside raw queue sends; and registration processing
/// through the host's queue listener, beside the raw table writes each registration needs. Each phase runs on a
/// fresh Azurite shared by the host and its raw baseline (see <see cref="BenchmarkApp"/> for why).
/// </summary>
public static class RegistrationBenchmark
{
    private const int Units = 100;
    private const int Sites = 1000;
    private const int Communities = 50;
    private const int Block = 500;
    private const int WarmUp = 200;
    private const string RawSends = "raw-sends";
    private static readonly int[] Concurrency = [1, 16, 64];

    public static async Task<List<Result>> RunAsync(int count, int? onlyClients = null)
    {
        var results = new List<Result>();
        foreach (var clients in onlyClients is { } only ? [only] : Concurrency)
        {
            results.AddRange(await IntakeAsync(count, clients));
        }

        results.AddRange(await ProcessingAsync(count));
        return results;
    }

    /// <summary>
    /// Raw sends and intake requests in alternating blocks (<see cref="Measure.InterleavedAsync"/>) after a warm-up of
    /// both, the queues emptied after every block (Azurite's queue store scans every message of the account on each
    /// operation, so what one block left behind would slow the next).
    /// </summary>
    private static async Task<List<Result>> IntakeAsync(int count, int clients)
    {
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        await using var intake = new BenchmarkApp(azurite) { HttpPort = Measure.FreePort() };
        intake.Settings["Frontline:Triggers:Enabled"] = "false";
        await intake.InitializeAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sample = JsonSerializer.Serialize(SampleMessage(intake.Get<PersonalData>(), today), JsonBody.Options);
        var rawQueue = RawQueue(azurite, intake, RawSends);
        await rawQueue.CreateIfNotExistsAsync();
        var registrations = intake.Storage.Queue(QueueNames.Registrations);
        using var http = intake.HttpClient();
        async Task EmptyQueues()
        {
            await rawQueue.ClearMessagesAsync();
            await registrations.ClearMessagesAsync();
        }

        await Measure.RunAsync(WarmUp, clients, _ => rawQueue.SendMessageAsync(sample));
        await Measure.RunAsync(WarmUp, clients, index => SubmitAsync(http, 1_000_000 + index, today));
        await EmptyQueues();

        var block = Math.Max(Block, clients * 4);
        (Interleaved Raw, Interleaved Api) measured;
        double peakMegabytes;
        await using (var memory = new MemorySampler())
        {
            measured = await Measure.InterleavedAsync(count, clients, block, azurite.ProcessId,
                _ => rawQueue.SendMessageAsync(sample), index => SubmitAsync(http, index, today), EmptyQueues);
            peakMegabytes = memory.PeakMegabytes;
        }

        var hop = await Measure.RunAsync(count, clients, _ => RoundTripAsync(http));
        var (raw, api) = measured;
        var scenario = $"intake, {clients} client{(clients == 1 ? "" : "s")}";
        List<Result> diagnosis = clients == 1
            ? await OneClientDiagnosisAsync(scenario, count, block, azurite, intake, rawQueue, sample, today, EmptyQueues)
            : [];
        return
        [
            // At one client a rate is one request's latency, which on this VM measures its wake-ups (README); what the host
            // itself costs is its CPU time per registration, beside a raw send's (clients and Azurite counted on both sides).
            new(scenario, $"requests/s (blocks of {block}, alternating)", api.PerSecond, "req/s", "raw queue sends/s", raw.PerSecond,
                clients == 1 ? "informational" : "≥ 80% of raw"),
            new(scenario, "CPU per accepted registration (this process + Azurite)", api.CpuMsPerOperation, "ms", "CPU per raw send (ms)", raw.CpuMsPerOperation,
                "≤ 200% of raw"),
            new(scenario, "latency p50", api.P50, "ms", "raw send p50 (ms)", raw.P50, $"p99 {api.P99:F1} ms vs raw {raw.P99:F1} ms"),
            new(scenario, "CPU, cores busy: host and its clients", api.HostCores, "cores", "raw sends: benchmark", raw.HostCores,
                $"Azurite {api.EmulatorCores:F2} vs {raw.EmulatorCores:F2} cores"),
            new(scenario, "peak memory (benchmark + host)", peakMegabytes, "MB", null, null, "< 400 MB"),
            new(scenario, "host round trip without storage (404 problem), p50", hop.P50, "ms", "its requests/s", hop.PerSecond,
                "informational: the HTTP hop alone"),
            .. diagnosis,
        ];
    }

    /// <summary>
    /// With one client a rate is one request's latency, so what the HTTP hop adds shows in full. Two measurements say
    /// where it goes: the host's own queue sender called straight from the benchmark (its send path without the hop),
    /// and the same raw send made after a millisecond's idle: on this paravirtualized VM what has gone idle is slow to
    /// wake, and a request through the host waits twice (client on host, host on Azurite) where a send waits once.
    /// </summary>
    private static async Task<List<Result>> OneClientDiagnosisAsync(
        string scenario, int count, int block, LocalAzurite azurite, BenchmarkApp intake, QueueClient rawQueue, string sample, DateOnly today, Func<Task> emptyQueues)
    {
        var sender = intake.Get<QueueSender>();
        var message = SampleMessage(intake.Get<PersonalData>(), today);
        var (rawBesideSender, senderAlone) = await Measure.InterleavedAsync(count, 1, block, azurite.ProcessId,
            _ => rawQueue.SendMessageAsync(sample), _ => sender.SendAsync(RawSends, message, CancellationToken.None), emptyQueues);

        var afterIdle = new ConcurrentBag<double>();
        var (backToBack, _) = await Measure.InterleavedAsync(count, 1, block, azurite.ProcessId,
            _ => rawQueue.SendMessageAsync(sample),
            async _ =>
            {
                await Task.Delay(1);
                var started = Stopwatch.GetTimestamp();
                await rawQueue.SendMessageAsync(sample);
                afterIdle.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            },
            emptyQueues);
        return
        [
            new(scenario, "the host's queue sender alone, no HTTP", senderAlone.PerSecond, "sends/s", "raw queue sends/s", rawBesideSender.PerSecond,
                "informational: the host's send path"),
            new(scenario, "raw send p50 after 1 ms idle", Measure.Percentiles(afterIdle).P50, "ms", "raw send p50 back to back (ms)", backToBack.P50,
                "informational: a send after 1 ms idle"),
        ];
    }

    /// <summary>What the HTTP hop alone costs: a request the host answers without touching storage.</summary>
    private static async Task RoundTripAsync(HttpClient http)
    {
        using var response = await http.GetAsync("api/benchmark-no-such-route");
        if ((int)response.StatusCode != 404)
        {
            throw new InvalidOperationException($"The host answered {(int)response.StatusCode} for a route it does not have.");
        }
    }

    /// <summary>
    /// A backlog of <paramref name="count"/> registrations, queued through the intake, then drained by a second
    /// host whose queue listener is on; beside the raw table writes the same number of registrations need, and
    /// what Azurite's queue alone takes to receive and delete as many messages.
    /// </summary>
    public static async Task<List<Result>> ProcessingAsync(int count)
    {
        var results = new List<Result>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        await using var intake = new BenchmarkApp(azurite) { HttpPort = Measure.FreePort() };
        intake.Settings["Frontline:Triggers:Enabled"] = "false";
        await intake.InitializeAsync();
        await SeedCatalogAsync(intake.Get<CatalogStore>(), intake.Get<CatalogCache>());
        var sample = JsonSerializer.Serialize(SampleMessage(intake.Get<PersonalData>(), today), JsonBody.Options);

        // Raw table writes a registration needs, as the processor makes them: its ledger entry and the three counters
        // it moves (one batch on the deployment partition: ledger, the unit's tally row of this host, site, roster), then
        // its volunteer row and its coordinator-directory row, side by side, then the day's arrival log (ArrivalLog: a
        // marker check, the unit's, roster's and home community's counts read, and a batch of four in one of the day's
        // eight partitions).
        var rawTable = new TableServiceClient(azurite.ConnectionString);
        var volunteers = rawTable.GetTableClient(intake.NamePrefix + "RawVolunteers");
        var directory = rawTable.GetTableClient(intake.NamePrefix + "RawDirectory");
        var ledger = rawTable.GetTableClient(intake.NamePrefix + "RawLedger");
        var arrivals = rawTable.GetTableClient(intake.NamePrefix + "RawArrivals");
        var arrivalDays = "arrivals|" + today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var table in new[] { volunteers, directory, ledger, arrivals })
        {
            await table.CreateIfNotExistsAsync();
        }

        var rawCpu = new CpuMeter(azurite.ProcessId);
        var rawWrites = await Measure.RunAsync(count, 16, async index =>
        {
            var key = $"k{index:D8}";
            var arrivalDay = $"{arrivalDays}|{index % 8}";
            await ledger.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity("deployment", "member|" + key) { ["UnitId"] = "u1" }),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("deployment", $"tally|unit|{index % Units}|00") { ["Volunteers"] = index }),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("deployment", $"site|{index % Sites}") { ["Assigned"] = index }),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("deployment", $"roster|{index % Sites}|{index % Units}") { ["Assigned"] = index }),
            ]);
            await Task.WhenAll(
                volunteers.UpsertEntityAsync(new TableEntity(key, "volunteer") { ["Name"] = "测试", ["Phone"] = sample[..80], ["Status"] = "assigned" }, TableUpdateMode.Replace),
                directory.UpsertEntityAsync(new TableEntity($"unit-{index % Units:D3}", key) { ["Name"] = "测试", ["PhoneMasked"] = "138****8000", ["Status"] = "assigned" }, TableUpdateMode.Replace));
            await arrivals.GetEntityIfExistsAsync<TableEntity>(arrivalDay, "arrival|" + key);
            await Task.WhenAll(
                arrivals.GetEntityIfExistsAsync<TableEntity>(arrivalDay, $"arrivals|unit|{index % Units}"),
                arrivals.GetEntityIfExistsAsync<TableEntity>(arrivalDay, $"arrivals|roster|{index % Sites}|{index % Units}"),
                arrivals.GetEntityIfExistsAsync<TableEntity>(arrivalDay, $"arrivals|community|{index % Communities}"));
            await arrivals.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(arrivalDay, "arrival|" + key)),
                new(TableTransactionActionType.UpsertReplace, new TableEntity(arrivalDay, $"arrivals|unit|{index % Units}") { ["Count"] = index }),
                new(TableTransactionActionType.UpsertReplace, new TableEntity(arrivalDay, $"arrivals|roster|{index % Sites}|{index % Units}") { ["Count"] = index }),
                new(TableTransactionActionType.UpsertReplace, new TableEntity(arrivalDay, $"arrivals|community|{index % Communities}") { ["Count"] = index }),
            ]);
        });
        var rawCores = rawCpu.Cores();

        // What any queue listener pays per message before its handler does anything: receive in 16s, delete each. On an
        // emulator of its own, so that the deleted messages' garbage does not land on the processing measured next.
        double drainRate;
        await using (var drainEmulator = await SharedAzurite.StartDedicatedAsync())
        {
            var drain = RawQueue(drainEmulator, intake, "raw-drain");
            await drain.CreateIfNotExistsAsync();
            await Measure.RunAsync(count, 64, _ => drain.SendMessageAsync(sample));
            drainRate = await DrainAsync(drain, count);
        }

        // The backlog: one burst through the intake (not measured here).
        using (var http = intake.HttpClient())
        {
            await Measure.RunAsync(count, 64, index => SubmitAsync(http, index, today));
        }

        var registrations = intake.Storage.Queue(QueueNames.Registrations);
        await using var processing = new BenchmarkApp(azurite) { NamePrefix = intake.NamePrefix };
        await using (var memory = new MemorySampler())
        {
            // The clock runs from the first message the listener settles to the last, so the host's start-up is
            // not counted as processing. The queue's length (one cheap call) is watched, not the catalog: reading
            // the catalog scans a partition that grows with every registration and would load the emulator.
            var initializing = processing.InitializeAsync();
            var clock = Stopwatch.StartNew();
            int? waitingAtStart = null;
            var startedAt = TimeSpan.Zero;
            CpuMeter? cpu = null;
            while (true)
            {
                var waiting = (await registrations.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                if (waitingAtStart is null && waiting < count)
                {
                    (waitingAtStart, startedAt, cpu) = (waiting, clock.Elapsed, new CpuMeter(azurite.ProcessId));
                }

                if (waiting == 0 || clock.Elapsed > TimeSpan.FromMinutes(20))
                {
                    break;
                }

                await Task.Delay(50);
            }

            var elapsed = clock.Elapsed - startedAt;
            var cores = cpu?.Cores() ?? default;
            await initializing;
            var catalogCache = intake.Get<CatalogCache>();
            await FrontlineApp.EventuallyAsync(
                async () => (await catalogCache.GetCatalogAsync(CancellationToken.None, fresh: true)).Units.Values.Sum(unit => unit.Volunteers),
                total => total >= count, TimeSpan.FromMinutes(5));
            var storedPerSecond = (waitingAtStart ?? count) / elapsed.TotalSeconds;
            const string scenario = "processing, listener batch 16";
            results.Add(new(scenario, "registrations stored/s", storedPerSecond, "reg/s",
                "raw write sets/s (batch of 5 + 2 upserts + arrival log: 3 reads, batch of 3; 16 workers)", rawWrites.PerSecond, "≥ 50% of raw"));
            results.Add(new(scenario, "registrations stored/s", storedPerSecond, "reg/s",
                "raw queue receive (16) + delete, messages/s", drainRate, "informational: the queue's share"));
            results.Add(new(scenario, "CPU, cores busy: host", cores.Host, "cores", "raw writes: benchmark", rawCores.Host,
                $"Azurite {cores.Emulator:F2} vs {rawCores.Emulator:F2} cores"));
            results.Add(new(scenario, "peak memory (benchmark + host)", memory.PeakMegabytes, "MB", null, null, "< 400 MB"));
        }

        return results;
    }

    private static async Task<double> DrainAsync(QueueClient drain, int count)
    {
        var drained = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref drained) < count)
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
        return drained / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Posts the form as the site does (fetch with a JSON string body, so with a Content-Length).</summary>
    internal static async Task SubmitAsync(HttpClient http, int index, DateOnly today)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(Form(index, today)));
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync("api/registrations", content);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}.");
        }
    }

    private static QueueClient RawQueue(LocalAzurite azurite, FrontlineApp app, string name) =>
        new(azurite.ConnectionString, app.Storage.QueueName(name), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static async Task SeedCatalogAsync(CatalogStore catalogStore, CatalogCache catalogCache)
    {
        var skills = Skills.All.ToArray();
        await catalogStore.ImportSitesAsync(Enumerable.Range(0, Sites).Select(i => new SiteDefinition(
            $"site-{i:D4}", $"测试点位{i}", SiteTypes.TestingPoint, "测试区", null, $"测试社区{i % Communities}", null, null, 1000,
            [skills[i % skills.Length], skills[(i + 3) % skills.Length]], null, null)), CancellationToken.None);
        await catalogStore.ImportUnitsAsync(Enumerable.Range(0, Units).Select(i => new UnitDefinition(
            $"unit-{i:D3}", $"测试单位{i}", null, null, null, [$"site-{i:D4}"])), CancellationToken.None);
    }

    internal static object Form(int index, DateOnly today) => new
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

    private static RegistrationMessage SampleMessage(PersonalData personalData, DateOnly today) => new(
        personalData.NewRegistrationId(personalData.PhoneHash("13800138000")), DateTimeOffset.UtcNow, "测试志愿者", personalData.Encrypt("13800138000"), personalData.PhoneHash("13800138000"),
        "unit-001", true, "机关党支部", "测试社区1", [Skills.GateControl], today, today.AddDays(30));
}
