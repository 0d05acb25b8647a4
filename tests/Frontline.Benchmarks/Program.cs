using System.Globalization;
using System.Text;
using System.Text.Json;


namespace Frontline.Benchmarks;

/// <summary>dotnet run -c Release --project tests/Frontline.Benchmarks -- [--count N] [--scenario all|registration|processing|capacity|capacity-live|counts|areas|bulletin] [--clients 1|16|64] [--volunteers N]</summary>
public static class BenchmarkProgram
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static async Task Main(string[] args)
    {
        var count = args.SkipWhile(arg => arg != "--count").Skip(1).Select(int.Parse).FirstOrDefault(2000);
        Console.WriteLine($"Frontline benchmarks: {count} operations per measurement, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var scenario = args.SkipWhile(arg => arg != "--scenario").Skip(1).FirstOrDefault("all");
        var results = new List<Result>();
        if (scenario is "all" or "registration")
        {
            var clients = args.SkipWhile(arg => arg != "--clients").Skip(1).Select(int.Parse).Cast<int?>().FirstOrDefault();
            results.AddRange(await RegistrationBenchmark.RunAsync(count, clients));
        }

        if (scenario is "capacity")
        {
            results.AddRange(await CapacityBenchmark.RunAsync());
        }

        if (scenario is "capacity-live")
        {
            results.AddRange(await CapacityBenchmark.LiveOnlyAsync());
        }

        if (scenario is "processing")
        {
            results.AddRange(await RegistrationBenchmark.ProcessingAsync(count));
        }

        if (scenario is "all" or "counts")
        {
            results.AddRange(await DailyCountBenchmark.RunAsync(count));
        }

        if (scenario is "all" or "areas")
        {
            results.AddRange(await AreaBenchmark.RunAsync());
        }

        if (scenario is "all" or "bulletin")
        {
            var volunteers = args.SkipWhile(arg => arg != "--volunteers").Skip(1).Select(int.Parse).FirstOrDefault(100_000);
            results.AddRange(await BulletinBenchmark.RunAsync(volunteers));
        }

        var table = new StringBuilder()
            .AppendLine("| scenario | measure | value | baseline (same run) | baseline value | ratio | target |")
            .AppendLine("|---|---|---:|---|---:|---:|---|");
        foreach (var result in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Scenario} | {result.Measure} | {Number(result.Value)} {result.Unit} | {result.Baseline ?? ""} | {(result.BaselineValue is { } b ? Number(b) : "")} | {(result.Ratio is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "")} | {result.Target ?? ""} |");
        }

        Console.WriteLine();
        Console.WriteLine(table);
        var folder = Path.Combine(Directory.GetCurrentDirectory(), "benchmark-results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"benchmark-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}", count, results }, JsonOptions));
        Console.WriteLine($"Written to {file}");
    }

    // Small values (CPU milliseconds per operation) need more than one decimal to be compared.
    private static string Number(double value) => value.ToString(Math.Abs(value) < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
