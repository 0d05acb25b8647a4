using Azure.Data.Tables;
using Frontline.Storage;
using static Frontline.Sites.DeploymentRows;

namespace Frontline.Sites;

/// <summary>One-time work done on a store (the demo data, a back-fill), marked in the directory's partition.</summary>
public sealed class DeploymentMarkers(FrontlineStorage storage, TimeProvider time)
{
    private TableClient Table => storage.Table(TableNames.Deployment);

    public async Task<bool> HasMarkerAsync(string name, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition, MarkerPrefix + name, ["PartitionKey"], cancellationToken)).HasValue;

    public async Task SetMarkerAsync(string name, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition, MarkerPrefix + name) { ["SetAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
}
