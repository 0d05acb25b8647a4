using System.Collections.Concurrent;
using System.Diagnostics;

namespace Frontline.Benchmarks;

public sealed record Result(string Scenario, string Measure, double Value, string Unit, string? Baseline, double? BaselineValue, string? Target)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;
}

public static class Measure
{
    /// <summary>Runs <paramref name="count"/> operations on <paramref name="concurrency"/> workers; returns ops/s and latencies in ms.</summary>
    public static async Task<(double PerSecond, double P50, double P99)> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(index);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        var sorted = latencies.OrderBy(x => x).ToArray();
        return (count / clock.Elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
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
