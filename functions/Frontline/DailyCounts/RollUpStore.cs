using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.DailyCounts;

/// <summary>The seven figures a unit reports for a site and a day.</summary>
public sealed record CountFigures(long OnDuty, long PartyMembers, long Tested, long PeopleChecked, long VehiclesChecked, long SuppliesDelivered, long HouseholdsVisited)
{
    public static CountFigures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Roll-ups of the daily counts, kept current by the counts processor so that dashboards and bulletins read
/// a handful of entities instead of every submission.
/// </summary>
public sealed class RollUpStore(FrontlineStorage storage)
{
    private const string TotalsPartition = "totals";
    private const string AllTimeRow = "all";

    private TableClient Table => storage.Table(TableNames.RollUps);

    public async Task<CountFigures> ReadAllTimeTotalsAsync(CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TotalsPartition, AllTimeRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? Read(entity) : CountFigures.Zero;
    }

    private static CountFigures Read(TableEntity entity) => new(
        entity.GetInt64("OnDuty") ?? 0, entity.GetInt64("PartyMembers") ?? 0, entity.GetInt64("Tested") ?? 0, entity.GetInt64("PeopleChecked") ?? 0,
        entity.GetInt64("VehiclesChecked") ?? 0, entity.GetInt64("SuppliesDelivered") ?? 0, entity.GetInt64("HouseholdsVisited") ?? 0);
}
