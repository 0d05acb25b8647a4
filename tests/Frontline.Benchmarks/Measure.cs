using System.Collections.Concurrent;
using System.Diagnostics;

namespace Frontline.Benchmarks;

public sealed record Result(string Scenario, string Measure, double Value, string Unit, string? Baseline, double? BaselineValue, string? Target)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;
}

/// <summary>
/// One side of an interleaved measurement: its rate, latencies in ms, the cores each process kept busy, and the CPU
/// time one operation cost in ms, this process (host and clients) and Azurite together.
/// </summary>
public sealed record Interleaved(double PerSecond, double P50, double P99, double HostCores, double EmulatorCores, double CpuMsPerOperation);

public static class Measure
{
    /// <summary>Runs <paramref name="count"/> operations on <paramref name="concurrency"/> workers; returns ops/s and latencies in ms.</summary>
    public static async Task<(double PerSecond, double P50, double P99)> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await RunBlockAsync(0, count, concurrency, operation, latencies);
        clock.Stop();
        var (p50, p99) = Percentiles(latencies);
        return (count / clock.Elapsed.TotalSeconds, p50, p99);
    }

    /// <summary>
    /// Two operations measured in alternating blocks of <paramref name="block"/>, <paramref name="count"/> of each in
    /// all, in the order first-second then second-first (so neither always follows the other), with
    /// <paramref name="afterEachBlock"/> run unmeasured after every block: whatever drifts during a run (the
    /// emulator's garbage collection, JIT tiers, the other processes on the machine) falls on both alike. Each side's
    /// rate is its operations over the time its own blocks took.
    /// </summary>
    public static async Task<(Interleaved First, Interleaved Second)> InterleavedAsync(
        int count, int concurrency, int block, int? emulatorProcessId, Func<int, Task> first, Func<int, Task> second, Func<Task> afterEachBlock)
    {
        var sides = new[] { new Side(first), new Side(second) };
        for (var (done, pair) = (0, 0); done < count; done += block, pair++)
        {
            var size = Math.Min(block, count - done);
            foreach (var side in pair % 2 == 0 ? sides : sides.Reverse())
            {
                var cpu = new CpuMeter(emulatorProcessId);
                var clock = Stopwatch.StartNew();
                await RunBlockAsync(done, size, concurrency, side.Operation, side.Latencies);
                clock.Stop();
                var (host, emulator) = cpu.Used();
                side.Time += clock.Elapsed;
                side.HostCpu += host;
                side.EmulatorCpu += emulator;
                await afterEachBlock();
            }
        }

        Interleaved Summary(Side side)
        {
            var (p50, p99) = Percentiles(side.Latencies);
            var seconds = side.Time.TotalSeconds;
            return new(count / seconds, p50, p99, side.HostCpu.TotalSeconds / seconds, side.EmulatorCpu.TotalSeconds / seconds,
                (side.HostCpu + side.EmulatorCpu).TotalMilliseconds / count);
        }

        return (Summary(sides[0]), Summary(sides[1]));
    }

    private sealed class Side(Func<int, Task> operation)
    {
        public Func<int, Task> Operation { get; } = operation;

        public ConcurrentBag<double> Latencies { get; } = [];

        public TimeSpan Time { get; set; }

        public TimeSpan HostCpu { get; set; }

        public TimeSpan EmulatorCpu { get; set; }
    }

    private static async Task RunBlockAsync(int offset, int size, int concurrency, Func<int, Task> operation, ConcurrentBag<double> latencies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, size)).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < size)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(offset + index);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
    }

    /// <summary>The median time of <paramref name="rounds"/> runs, in ms.</summary>
    public static async Task<double> MedianAsync(int rounds, Func<Task> operation)
    {
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(rounds / 2);
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static (double P50, double P99) Percentiles(IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>Samples this process's working set while a phase runs, so each phase reports its own peak.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemorySampler()
    {
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public double PeakMegabytes => _peak / 1024.0 / 1024.0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>
/// CPU time spent by this process (the host under test and the benchmark's clients) and by Azurite while a phase
/// runs: on two cores shared by both, it tells which side bounds a rate.
/// </summary>
public sealed class CpuMeter(int? emulatorProcessId)
{
    private readonly TimeSpan _self = SelfTime();
    private readonly TimeSpan _emulator = EmulatorTime(emulatorProcessId);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>CPU time each side has used since this meter was made.</summary>
    public (TimeSpan Host, TimeSpan Emulator) Used() => (SelfTime() - _self, EmulatorTime(emulatorProcessId) - _emulator);

    /// <summary>Each side's share of one core over the phase, as a fraction (1.0 = one core busy throughout).</summary>
    public (double Host, double Emulator) Cores()
    {
        var (host, emulator) = Used();
        var elapsed = _clock.Elapsed.TotalMilliseconds;
        return (host.TotalMilliseconds / elapsed, emulator.TotalMilliseconds / elapsed);
    }

    private static TimeSpan SelfTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static TimeSpan EmulatorTime(int? processId)
    {
        try
        {
            if (processId is not { } id)
            {
                return TimeSpan.Zero;
            }

            using var emulator = Process.GetProcessById(id);
            return emulator.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }
}
