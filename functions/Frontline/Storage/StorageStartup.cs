using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Storage;

/// <summary>
/// Creates the tables and queues, then runs the features' <see cref="IStorageStartupTask"/>s (back-fills, the demo
/// data where configured), once storage answers, retrying
/// in the background: a host that starts while storage is down still serves 503s and recovers by itself.
/// A failure that waiting will not mend (storage refuses the request: a wrong key, an API version it does not
/// serve), or storage still unreachable after <see cref="StorageOptions.StartupTimeout"/>, stops the host, and
/// <see cref="Hosting.FrontlineProcess"/> ends the process with the reason and a non-zero code.
/// </summary>
public sealed partial class StorageStartup(
    FrontlineStorage storage,
    IEnumerable<IStorageStartupTask> tasks,
    IOptions<StorageOptions> storageOptions,
    ILogger<StorageStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the tables and queues exist.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Why storage could not be set up, once that has stopped the host; null otherwise.</summary>
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SetUpAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Failure = exception;
            _ready.TrySetException(exception);
            LogFailed(logger, exception);
            // Rethrown, so that the generic host stops (BackgroundServiceExceptionBehavior.StopHost).
            throw;
        }
    }

    private async Task SetUpAsync(CancellationToken stoppingToken)
    {
        // Real elapsed time, like the delays between attempts: a test's frozen clock must not stop the wait.
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                _ready.TrySetResult();
                foreach (var task in tasks)
                {
                    await task.RunAsync(stoppingToken);
                }

                return;
            }
            catch (Exception exception) when (StorageFaults.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(started) >= storageOptions.Value.StartupTimeout)
                {
                    throw new InvalidOperationException(
                        $"Storage did not answer within {storageOptions.Value.StartupTimeout} ({StorageOptions.SectionName}:{nameof(StorageOptions.StartupTimeout)}): {exception.Message}",
                        exception);
                }

                LogWaiting(logger, attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Storage could not be set up; the host stops")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not answering yet (attempt {Attempt}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}
