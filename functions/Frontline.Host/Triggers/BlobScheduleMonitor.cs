using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Storage;

namespace Frontline.Host.Triggers;

/// <summary>
/// Where the timer remembers its last and next run, so that a run missed while every host was down happens when
/// one starts (the SDK's <see cref="ScheduleMonitor.CheckPastDueAsync"/> decides; this class only stores). The blob
/// is the Functions host's own: <c>azure-webjobs-hosts/timers/{hostId}/{timer}/status</c>.
/// Written here because the SDK's own <c>StorageScheduleMonitor</c> in Microsoft.Azure.WebJobs.Extensions 3.0.6 (the
/// newest the NuGet copy serves; 5.x is not served) cannot be constructed beside Host.Storage 5.0.1: it is built on the
/// retired WindowsAzure.Storage client, and starting the host with it fails with "TypeLoadException: Could not load type
/// 'Microsoft.Azure.WebJobs.DistributedLockManagerContainerProvider' from assembly 'Microsoft.Azure.WebJobs.Host.Storage,
/// Version=5.0.1.0'". The SDK's timer, lock and past-due logic are used as they are.
/// </summary>
public sealed partial class BlobScheduleMonitor(BlobContainerClient container, IHostIdProvider hostId, ILogger<BlobScheduleMonitor> logger) : ScheduleMonitor
{
    public BlobScheduleMonitor(IAzureBlobStorageProvider blobs, IHostIdProvider hostId, ILogger<BlobScheduleMonitor> logger)
        : this(ContainerOf(blobs), hostId, logger)
    {
    }

    public override async Task<ScheduleStatus> GetStatusAsync(string timerName)
    {
        try
        {
            var content = await (await StatusBlobAsync(timerName)).DownloadContentAsync();
            return content.Value.Content.ToObjectFromJson<ScheduleStatus>()!;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Never run on this storage: the SDK then records the next occurrence and waits for it.
            return null!;
        }
    }

    public override async Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        var content = BinaryData.FromObjectAsJson(status);
        try
        {
            var blob = await StatusBlobAsync(timerName);
            try
            {
                await blob.UploadAsync(content, overwrite: true);
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                await container.CreateIfNotExistsAsync();
                await blob.UploadAsync(content, overwrite: true);
            }
        }
        catch (Exception exception) when (exception is RequestFailedException || Storage.StorageFaults.IsOutage(exception))
        {
            // As in the SDK's own monitor: the run has happened and only its record is lost; the next start may run it again (operations are idempotent).
            LogNotRecorded(logger, timerName, exception.Message);
        }
    }

    private async Task<BlobClient> StatusBlobAsync(string timerName) =>
        container.GetBlobClient($"timers/{await hostId.GetHostIdAsync(CancellationToken.None)}/{timerName}/status");

    private static BlobContainerClient ContainerOf(IAzureBlobStorageProvider blobs) =>
        blobs.TryCreateHostingBlobContainerClient(out var container)
            ? container
            : throw new InvalidOperationException($"The timers keep their schedule status in blob storage: set {Storage.StorageOptions.ConnectionName}.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The schedule status of {Timer} could not be recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string timer, string reason);
}
