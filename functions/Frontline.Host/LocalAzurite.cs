using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Frontline.Host;

/// <summary>
/// Azurite, the storage emulator, as a child process: the run command's storage (kept on disk in
/// <c>.azurite/</c>) and the tests' (in memory, on free ports). Disposing it stops it, so Ctrl+C on the
/// host stops Azurite too.
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>Azurite's published development account; not a secret.</summary>
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process? _process;
    private int _disposed;

    private LocalAzurite(Process? process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The emulator's process when this instance started it: the benchmarks read its CPU time.</summary>
    public int? ProcessId => _process?.Id;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }


    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>The emulator's npm folder, found from the host's source or output folder.</summary>
    public static string FindEmulatorRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "functions", "Frontline.Host", "storage-emulator");
            if (Directory.Exists(Path.Combine(candidate, "node_modules", "azurite")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Azurite is not installed: build functions/Frontline.Host once (it runs npm ci in storage-emulator/).");
    }

    /// <summary>Starts Azurite; with no <paramref name="dataDirectory"/> it keeps everything in memory.</summary>
    public static async Task<LocalAzurite> StartAsync(string emulatorRoot, string? dataDirectory, int blobPort = 0, int queuePort = 0, int tablePort = 0)
    {
        blobPort = blobPort == 0 ? FreePort() : blobPort;
        queuePort = queuePort == 0 ? FreePort() : queuePort;
        tablePort = tablePort == 0 ? FreePort() : tablePort;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = emulatorRoot,
        };
        start.Environment["FRONTLINE_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var argument in new[]
        {
            "--require", Path.Combine(emulatorRoot, "exit-with-parent.cjs"),
            Path.Combine(emulatorRoot, "node_modules", "azurite", "dist", "src", "azurite.js"),
            "--disableTelemetry", "--silent", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (dataDirectory is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataDirectory);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new LocalAzurite(process, blobPort, queuePort, tablePort);
        await azurite.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        return azurite;
    }

    /// <summary>An Azurite someone else already runs on these ports, left running when this host stops.</summary>
    public static LocalAzurite Existing(int blobPort, int queuePort, int tablePort) => new(null, blobPort, queuePort, tablePort);

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!(IsListening(BlobPort) && IsListening(QueuePort) && IsListening(TablePort)))
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before it listened.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Azurite did not start listening within a minute.");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
