using Frontline.Sites;
using Frontline.Storage;
using Microsoft.Extensions.Logging;

namespace Frontline.Volunteers;

/// <summary>Once per store: volunteers saved before the coordinators' directory existed get their rows.</summary>
public sealed partial class VolunteerDirectoryBackfill(
    DeploymentMarkers markers, VolunteerStore volunteers, VolunteerDirectory directory, ILogger<VolunteerDirectoryBackfill> logger) : IStorageStartupTask
{
    private const string Marker = "volunteer-directory-v1";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await markers.HasMarkerAsync(Marker, cancellationToken))
        {
            return;
        }

        var added = await directory.BackfillAsync(volunteers.AllAsync(cancellationToken), cancellationToken);
        await markers.SetMarkerAsync(Marker, cancellationToken);
        LogBackfilled(logger, added);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Volunteer directory backfilled with {Added} rows")]
    private static partial void LogBackfilled(ILogger logger, int added);
}
