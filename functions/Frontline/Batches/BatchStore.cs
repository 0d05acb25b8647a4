using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Batches;

/// <summary>A change refused because a row moved since it was read (its ETag no longer matches).</summary>
public sealed class BatchConflictException(string message) : Exception(message);

/// <summary>
/// Dispatch batches, one partition per unit in the <c>DispatchBatches</c> table:
/// <list type="bullet">
/// <item><c>batch|{batchId}</c>: the batch (dates, its sites and names as JSON, what it replaces and what replaced it,
/// status). A unit's batches are one range read.</item>
/// <item><c>site|{siteId}|{batchId}</c>: the batch's people at one site, while the batch is not withdrawn. A site's
/// batch people are one range read in each partition of the units that serve it (the catalog says which), never a
/// scan.</item>
/// </list>
/// Creating a batch (its row, its site rows and the replaced batch's <c>ReplacedBy</c>) and withdrawing one (status,
/// site rows deleted, the replaced batch freed) are each one transaction in the unit's partition, at most
/// <see cref="BatchValidation.MaxSites"/> + 2 entities, under the ETags of the rows read: two organisers replacing the
/// same batch at once, or withdrawing while another replaces, cannot both succeed.
/// </summary>
public sealed class BatchStore(FrontlineStorage storage)
{
    private const string BatchPrefix = "batch|";
    private const string SitePrefix = "site|";
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    private TableClient Table => storage.Table(TableNames.DispatchBatches);

    /// <summary>The first day and 8 random characters: a unit's batches list in the order they started.</summary>
    public static string NewId(DateOnly from) =>
        from.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetString(IdAlphabet, 8);

    /// <summary>
    /// The same id every time for the same first day and name: for a batch loaded from a file (the demo), so a load
    /// that stopped half-way and runs again finds the batches it stored instead of recording them twice.
    /// </summary>
    public static string StableId(DateOnly from, string name)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return from.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + new string([.. hash.Take(8).Select(b => IdAlphabet[b % IdAlphabet.Length])]);
    }

    /// <summary>The first day an id names, or null when it is not an id this store made.</summary>
    public static DateOnly? DayOf(string? id) =>
        id is { Length: 17 } && id[8] == '-' && id[9..].All(IdAlphabet.Contains)
        && DateOnly.TryParseExact(id[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>Every batch of the unit, withdrawn ones too, each with the ETag of its row: one range read.</summary>
    public async Task<IReadOnlyList<(Batch Batch, ETag ETag)>> ListAsync(string unitId, CancellationToken cancellationToken)
    {
        var batches = new List<(Batch, ETag)>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {unitId} and RowKey gt {BatchPrefix} and RowKey lt {"batch}"}"), cancellationToken: cancellationToken))
        {
            batches.Add((ToBatch(entity), entity.ETag));
        }

        return batches;
    }

    public async Task<(Batch Batch, ETag ETag)?> GetAsync(string unitId, string batchId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(unitId), TableKeys.Require(BatchPrefix + batchId), cancellationToken: cancellationToken);
        return response.HasValue ? (ToBatch(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>The batch people of one unit at one site, batches not withdrawn: one range read in the unit's partition.</summary>
    public async Task<IReadOnlyList<SiteBatchRow>> AtSiteAsync(string unitId, string siteId, CancellationToken cancellationToken)
    {
        var prefix = $"{SitePrefix}{siteId}|";
        var rows = new List<SiteBatchRow>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {unitId} and RowKey gt {prefix} and RowKey lt {prefix[..^1] + "}"}"), cancellationToken: cancellationToken))
        {
            if (ToSiteRow(entity, entity.RowKey[prefix.Length..]) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// The batch people of every unit at every site, batches not withdrawn and not over before
    /// <paramref name="endingFrom"/>, by site id: the site rows of every partition, for the public site list and figures
    /// (<see cref="BatchPeopleCache"/>). One query over the table, which Azure answers partition by partition, so it
    /// puts no partition near its 2,000 entities a second; it reads (and counts against the account's 20,000) every row
    /// of the table, batch rows included, which is why its reader keeps the answer for minutes. Dates are stored as
    /// yyyy-MM-dd, so the string comparison on <c>To</c> is the date's.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SiteBatchRow>>> EverySiteAsync(DateOnly endingFrom, CancellationToken cancellationToken)
    {
        var bySite = new Dictionary<string, List<SiteBatchRow>>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey gt {SitePrefix} and RowKey lt {"site}"} and To ge {endingFrom.ToString("O", CultureInfo.InvariantCulture)}"),
            select: ["PartitionKey", "RowKey", "From", "To", "People", "RegisteredHere", "Placed"], cancellationToken: cancellationToken))
        {
            // site|{siteId}|{batchId}: ids hold no '|' (EntityIds), so the last one ends the site's id.
            var key = entity.RowKey[SitePrefix.Length..];
            var split = key.LastIndexOf('|');
            if (split <= 0 || ToSiteRow(entity, key[(split + 1)..]) is not { } row)
            {
                continue;
            }

            var siteId = key[..split];
            if (!bySite.TryGetValue(siteId, out var rows))
            {
                bySite[siteId] = rows = [];
            }

            rows.Add(row);
        }

        return bySite.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<SiteBatchRow>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Adds the batch and its site rows, and marks the batch it replaces as replaced, only if that row is as read.
    /// </summary>
    public async Task AddAsync(Batch batch, (Batch Batch, ETag ETag)? replaced, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(batch)) };
        actions.AddRange(batch.Sites.Select(site => new TableTransactionAction(TableTransactionActionType.Add, SiteEntity(batch, site))));
        if (replaced is var (old, etag))
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, ToEntity(old with { ReplacedBy = batch.Id }), etag));
        }

        await SubmitAsync(actions, cancellationToken);
    }

    /// <summary>Withdraws the batch (its site rows go, so it counts nowhere) and frees the batch it replaced, under both rows' ETags.</summary>
    public async Task WithdrawAsync(Batch batch, ETag etag, (Batch Batch, ETag ETag)? replaced, DateTimeOffset withdrawnAt, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(batch with { Status = BatchStatus.Withdrawn, WithdrawnAt = withdrawnAt }), etag),
        };
        actions.AddRange(batch.Sites.Select(site => new TableTransactionAction(TableTransactionActionType.Delete, SiteEntity(batch, site), ETag.All)));
        if (replaced is var (old, oldETag))
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, ToEntity(old with { ReplacedBy = null }), oldETag));
        }

        await SubmitAsync(actions, cancellationToken);
    }

    /// <summary>
    /// Stores a batch's names and site counts after a person it lists registered (<see cref="ListedRegistrations"/>):
    /// the batch row under the ETag it was read with, and the site rows whose <c>RegisteredHere</c> moved, in one
    /// transaction, so the readers of the site rows and of the batch never disagree.
    /// </summary>
    public async Task UpdateRegisteredAsync(Batch batch, ETag etag, IEnumerable<BatchSite> movedSites, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(batch), etag) };
        // The site rows hold nothing the batch row does not decide: merged whatever their ETag, under the batch row's.
        actions.AddRange(movedSites.Select(site => new TableTransactionAction(TableTransactionActionType.UpdateMerge, SiteEntity(batch, site), ETag.All)));
        await SubmitAsync(actions, cancellationToken);
    }

    private async Task SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        // One partition, and Azure's 100 entities a transaction, whatever Azurite would accept.
        if (actions.Count > 100 || actions.Select(action => action.Entity.PartitionKey).Distinct().Count() != 1)
        {
            throw new InvalidOperationException($"A batch change of {actions.Count} entities over more than one partition or 100 entities.");
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 412 or 409 or 404)
        {
            throw new BatchConflictException("Another change to the unit's batches came first; read them again.");
        }
    }

    /// <summary>Why the batch would not fit in one table row under Azure's limits, or null.</summary>
    public static string? SizeProblem(Batch batch) => EntityLimits.Problem(ToEntity(batch));

    private static TableEntity ToEntity(Batch batch)
    {
        var entity = new TableEntity(TableKeys.Require(batch.UnitId), TableKeys.Require(BatchPrefix + batch.Id))
        {
            ["From"] = batch.From.ToString("O", CultureInfo.InvariantCulture),
            ["To"] = batch.To.ToString("O", CultureInfo.InvariantCulture),
            ["People"] = batch.People,
            ["Sites"] = TableJson.Write(batch.Sites),
            ["Names"] = TableJson.Write(batch.Names),
            ["Replaces"] = batch.Replaces ?? "",
            ["ReplacedBy"] = batch.ReplacedBy ?? "",
            ["Status"] = batch.Status,
            ["CreatedBy"] = batch.CreatedBy,
            ["CreatedAt"] = batch.CreatedAt,
        };
        if (batch.WithdrawnAt is { } withdrawnAt)
        {
            entity["WithdrawnAt"] = withdrawnAt;
        }

        return entity;
    }

    /// <summary>The row's figures, or null when its dates do not parse (a row this code did not write): skipped, not fatal to the read.</summary>
    private static SiteBatchRow? ToSiteRow(TableEntity entity, string batchId)
    {
        if (!DateOnly.TryParseExact(entity.GetString("From"), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(entity.GetString("To"), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return null;
        }

        var registeredHere = entity.GetInt32("RegisteredHere") ?? 0;
        return new(entity.PartitionKey, batchId, from, to, entity.GetInt32("People") ?? 0, registeredHere, entity.GetInt32("Placed") ?? registeredHere);
    }

    private static TableEntity SiteEntity(Batch batch, BatchSite site) =>
        new(TableKeys.Require(batch.UnitId), TableKeys.Require($"{SitePrefix}{site.SiteId}|{batch.Id}"))
        {
            ["From"] = batch.From.ToString("O", CultureInfo.InvariantCulture),
            ["To"] = batch.To.ToString("O", CultureInfo.InvariantCulture),
            ["People"] = site.People,
            ["RegisteredHere"] = site.RegisteredHere,
            ["Placed"] = site.PlacedOrHere,
        };

    private static Batch ToBatch(TableEntity entity) => new(
        entity.RowKey[BatchPrefix.Length..],
        entity.PartitionKey,
        DateOnly.Parse(entity.GetString("From"), CultureInfo.InvariantCulture),
        DateOnly.Parse(entity.GetString("To"), CultureInfo.InvariantCulture),
        TableJson.Read<List<BatchSite>>(entity.GetString("Sites")) ?? [],
        TableJson.Read<List<BatchPerson>>(entity.GetString("Names")) ?? [],
        NullIfEmpty(entity.GetString("Replaces")),
        NullIfEmpty(entity.GetString("ReplacedBy")),
        entity.GetString("Status"),
        entity.GetString("CreatedBy"),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue) { WithdrawnAt = entity.GetDateTimeOffset("WithdrawnAt") };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>A batch's people at one site, as its site row holds them.</summary>
/// <param name="Placed">Listed people whom the directory has assigned to a site, this one or another (rows written
/// before this was kept hold <paramref name="RegisteredHere"/> in its place).</param>
public sealed record SiteBatchRow(string UnitId, string BatchId, DateOnly From, DateOnly To, int People, int RegisteredHere, int Placed)
{
    public bool IsOnDuty(DateOnly day) => From <= day && day <= To;
}
