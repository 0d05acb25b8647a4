using Frontline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Frontline.Hosting;

/// <summary>
/// Runs a host as a process, and ends that process with a non-zero code and its reason on standard error when the
/// application could not start. Both hosts' entry points go through it.
/// </summary>
/// <remarks>
/// Without it a failure can be silent. A failed background service stops the generic host, which then returns from
/// Run normally, so the process exits with 0. The Functions host treats a worker that exits with 0 as having
/// ended on purpose and shows nothing. A non-zero exit code makes the Functions host log the worker's standard
/// error as the reason it exited. Standard error is written directly because the worker's own loggers may still be
/// waiting for their channel to the host.
/// </remarks>
public static class FrontlineProcess
{
    public const int StartupFailedExitCode = 1;

    public static async Task<int> RunAsync(Func<IHost> build)
    {
        var error = Console.Error;
        IHost host;
        try
        {
            host = build();
        }
        catch (Exception exception) when (exception is not HostAbortedException)
        {
            // HostAbortedException is how WebApplicationFactory stops an entry point once it has the host: not a failure.
            return Fail(error, exception);
        }

        StorageStartup? storage = null;
        try
        {
            // Taken before the run, which disposes the host and its services.
            storage = host.Services.GetService<StorageStartup>();
            await host.RunAsync();
        }
        catch (Exception exception) when (exception is not HostAbortedException)
        {
            // A storage failure early enough cancels the host's own start; the cancellation is not the reason.
            return Fail(error, storage?.Failure ?? exception);
        }

        return storage?.Failure is { } failure ? Fail(error, failure) : 0;
    }

    private static int Fail(TextWriter error, Exception exception)
    {
        // One line per cause. The Functions host reads the worker's standard error line by line: a line with "fail" (or
        // "error") is logged as an error and goes into the reason it gives for the worker's exit; any other line is
        // logged as information and left out of it, and a line with "warn" is a warning. Hence every line says "failed".
        error.WriteLine($"Frontline failed to start: {Describe(exception)}");
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            error.WriteLine($"Frontline failed to start, because: {Describe(inner)}");
        }

        error.Flush();
        return StartupFailedExitCode;
    }

    private static string Describe(Exception exception) =>
        $"{exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}";
}
