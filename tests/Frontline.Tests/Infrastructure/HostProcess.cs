using System.Collections.Concurrent;
using System.Diagnostics;
using Frontline.Host;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// Frontline.Host as its own operating-system process, on the given storage and name prefix, so that a test can
/// kill it outright (SIGKILL: no shutdown, no finally blocks, messages left mid-way) the way a machine dies.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end by itself, for at most <paramref name="limit"/>, and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public static HostProcess Start(LocalAzurite azurite, string namePrefix, IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Frontline.Host.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        info.Environment["Frontline__Storage__NamePrefix"] = namePrefix;
        info.Environment["Frontline__LocalStorage__StartAzurite"] = "false";
        info.Environment["Frontline__SeedDemoData"] = "false";
        info.Environment["BulletinSchedule"] = "0 0 0 1 1 *";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { host.Output.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { host.Output.Enqueue(line.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
