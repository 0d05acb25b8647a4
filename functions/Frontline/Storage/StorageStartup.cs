using Frontline.Seeding;
using Frontline.Sites;
using Frontline.Volunteers;
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
    DeploymentStore deployment,
    VolunteerStore volunteers,
    VolunteerDirectory directory,
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
                await BackfillDirectoryAsync(stoppingToken);
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

    /// <summary>Once per store: volunteers saved before the coordinators' directory existed get their rows.</summary>
    private async Task BackfillDirectoryAsync(CancellationToken cancellationToken)
    {
        const string Marker = "volunteer-directory-v1";
        if (await deployment.HasMarkerAsync(Marker, cancellationToken))
        {
            return;
        }

        var added = await directory.BackfillAsync(volunteers.AllAsync(cancellationToken), cancellationToken);
        await deployment.SetMarkerAsync(Marker, cancellationToken);
        LogBackfilled(logger, added);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Volunteer directory backfilled with {Added} rows")]
    private static partial void LogBackfilled(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not answering yet (attempt {Attempt}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}
