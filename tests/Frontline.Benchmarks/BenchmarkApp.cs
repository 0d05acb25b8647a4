using Frontline.Host;
using Frontline.Tests.Infrastructure;

namespace Frontline.Benchmarks;

/// <summary>
/// A host under test on an Azurite of the benchmark's choosing. Every phase gets a fresh emulator: Azurite's
/// in-memory queue store keeps each message body as an extent and, once a minute, deletes the extents of deleted
/// messages one at a time, re-sorting its whole extent index for each (a Node.js profile put 76% of the emulator's
/// CPU there in a run that shared one emulator across phases). Garbage left by one phase would then stall the
/// next one's measurements, host and baseline alike. Logs are not captured: at a thousand requests a second they
/// would be measured along with the host.
/// </summary>
public sealed class BenchmarkApp : FrontlineApp
{
    private readonly LocalAzurite _azurite;

    public BenchmarkApp(LocalAzurite azurite)
    {
        _azurite = azurite;
        CaptureLogs = false;
    }

    public int? HttpPort { get; init; }

    public override async Task InitializeAsync()
    {
        if (HttpPort is { } port)
        {
            UseKestrel(port);
        }

        await base.InitializeAsync();
        if (HttpPort is not null)
        {
            StartServer();
        }
    }

    /// <summary>A client of the host's Kestrel port: the requests cross a real socket, as a browser's would.</summary>
    public HttpClient HttpClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort ?? throw new InvalidOperationException("Not listening on HTTP.")}/") };

    protected override Task<LocalAzurite> AzuriteForThisApp() => Task.FromResult(_azurite);
}
