namespace Frontline.Storage;

/// <summary>
/// Work a feature needs done once storage answers, before the host counts as set up: a back-fill, the demo data.
/// <see cref="StorageStartup"/> runs every registered task in order, retries them with the tables while storage is
/// unreachable, and so needs to know no feature.
/// </summary>
public interface IStorageStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
