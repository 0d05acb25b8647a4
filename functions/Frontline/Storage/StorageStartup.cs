using Frontline.Seeding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Storage;

/// <summary>
/// Creates the tables and queues (and seeds the demo data where configured) once storage answers, retrying
/// in the background: a host that starts while storage is down still serves 503s and recovers by itself.
/// </summary>
public sealed partial class StorageStartup(
    FrontlineStorage storage,
    DemoSeeder seeder,
    IOptions<FrontlineOptions> options,
    IHostEnvironment environment,
    ILogger<StorageStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the tables and queues exist.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                _ready.TrySetResult();
                if (options.Value.SeedDemoData)
                {
                    var seeds = Path.GetFullPath(options.Value.SeedsPath, environment.ContentRootPath);
                    await seeder.SeedAsync(seeds, stoppingToken);
                }

                return;
            }
            catch (Exception exception) when (StorageFaults.IsOutage(exception) && !stoppingToken.IsCancellationRequested)
            {
                LogWaiting(logger, attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not answering yet (attempt {Attempt}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}
