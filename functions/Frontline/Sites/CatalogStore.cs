using Azure.Data.Tables;
using Frontline.Storage;
using static Frontline.Sites.DeploymentRows;

namespace Frontline.Sites;

/// <summary>
/// Writes units and sites into the directory, as the CSV importer and the seeds give them. It merges, so a re-import
/// never resets the counters the ledger keeps, and the catalog is read again afterwards, here and (through the
/// catalog's version row) on every other host.
/// </summary>
public sealed class CatalogStore(FrontlineStorage storage, CatalogCache cache, TimeProvider time)
{
    private TableClient Table => storage.Table(TableNames.Deployment);

    public async Task ImportUnitsAsync(IEnumerable<UnitDefinition> units, CancellationToken cancellationToken)
    {
        var list = units.ToList();
        // UpsertMerge leaves the counters alone: re-importing a unit never resets its volunteer count.
        var entities = list.Select(unit => new TableEntity(Partition, UnitPrefix + unit.Id)
        {
            ["Name"] = unit.Name,
            ["Parent"] = unit.Parent,
            ["PartyCommittee"] = unit.PartyCommittee,
            ["Contact"] = unit.Contact,
            ["SiteIds"] = string.Join(';', unit.SiteIds),
            ["Verified"] = true,
        });
        await UpsertInBatchesAsync(entities, cancellationToken);
    }

    public async Task ImportSitesAsync(IEnumerable<SiteDefinition> sites, CancellationToken cancellationToken)
    {
        var entities = sites.Select(site => new TableEntity(Partition, SitePrefix + site.Id)
        {
            ["Name"] = site.Name,
            ["Type"] = site.Type,
            ["District"] = site.District,
            ["Street"] = site.Street,
            ["Community"] = site.Community,
            ["Address"] = site.Address,
            ["Contact"] = site.Contact,
            ["Needed"] = site.Needed,
            ["Duties"] = string.Join(';', site.Duties),
            ["OpenFrom"] = site.OpenFrom?.ToString("O"),
            ["OpenTo"] = site.OpenTo?.ToString("O"),
        });
        await UpsertInBatchesAsync(entities, cancellationToken);
    }

    private async Task UpsertInBatchesAsync(IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var chunk in entities.Chunk(MaxBatch))
        {
            await Table.SubmitTransactionAsync(chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity)), cancellationToken);
        }

        // A new version row (a new ETag): every host reads the whole directory again at its next refresh, and only then.
        await Table.UpsertEntityAsync(new TableEntity(Partition, VersionRowKey) { ["ChangedAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
        cache.Invalidate();
    }
}
