using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Sites;

/// <summary>
/// The deployment directory: units, sites, per-community counts and the ledger of who is deployed, all in
/// one partition of the <c>Deployment</c> table. One partition is what makes a volunteer's arrival exact:
/// the ledger entry and every counter it moves change in one batch transaction, guarded by ETags, so a
/// redelivered message or two racing processors can never count a person twice. Reads of the whole
/// catalog are single-partition range queries (the ledger's range is never scanned for them).
/// Azure serves one partition at up to 2,000 entities/s; a join writes at most 4, so ~500 arrivals/s,
/// far above the 130,000-in-days bursts the reports describe.
/// </summary>
public sealed class DeploymentStore(FrontlineStorage storage, TimeProvider time)
{
    private const string Partition = "deployment";
    private const string UnitPrefix = "unit|";
    private const string SitePrefix = "site|";
    private const string CommunityPrefix = "community|";
    private const string MemberPrefix = "member|";
    private const string MarkerPrefix = "marker|";
    private const int MaxBatch = 100;
    private static readonly TimeSpan CatalogMaxAge = TimeSpan.FromSeconds(5);

    private Snapshot? _cached;

    private TableClient Table => storage.Table(TableNames.Deployment);

    public async Task<Catalog> GetCatalogAsync(CancellationToken cancellationToken, bool fresh = false) =>
        (await GetSnapshotAsync(fresh ? TimeSpan.Zero : CatalogMaxAge, cancellationToken)).Catalog;

    public async Task ImportUnitsAsync(IEnumerable<UnitDefinition> units, CancellationToken cancellationToken)
    {
        // UpsertMerge leaves the counters alone: re-importing a unit never resets its volunteer count.
        var entities = units.Select(unit => new TableEntity(Partition, UnitPrefix + unit.Id)
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

    /// <summary>
    /// Records that a volunteer joined: their unit's count, their community's count and, when
    /// <paramref name="chooseSite"/> picks one, the site's assigned count, all once. Returns the ledger entry,
    /// which is the earlier one when this volunteer had already joined (a redelivered message).
    /// </summary>
    public async Task<Membership> JoinAsync(NewMember member, Func<Catalog, string?> chooseSite, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await FindMemberAsync(member.PhoneHash, cancellationToken) is { } existing)
            {
                return existing.Membership;
            }

            var snapshot = await GetSnapshotAsync(attempt == 0 ? CatalogMaxAge : TimeSpan.Zero, cancellationToken);
            var catalog = snapshot.Catalog;
            var unit = catalog.FindUnit(member.WorkUnit);
            var unitId = unit?.Id ?? UnverifiedUnitId(member.WorkUnit);
            var siteId = chooseSite(catalog);
            var membership = new Membership(member.PhoneHash, member.RegistrationId, unitId, siteId, member.Community);

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(Partition, MemberPrefix + member.PhoneHash)
                {
                    ["RegistrationId"] = member.RegistrationId,
                    ["UnitId"] = unitId,
                    ["SiteId"] = siteId,
                    ["Community"] = member.Community,
                    ["JoinedAt"] = time.GetUtcNow(),
                }),
            };
            if (unit is null)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, UnitPrefix + unitId)
                {
                    ["Name"] = member.WorkUnit.Trim(),
                    ["Verified"] = false,
                    ["Volunteers"] = 1,
                }));
            }
            else
            {
                actions.Add(Counter(snapshot, UnitPrefix + unitId, "Volunteers", unit.Volunteers + 1));
            }

            if (siteId is not null)
            {
                actions.Add(Counter(snapshot, SitePrefix + siteId, "Assigned", catalog.Sites[siteId].Assigned + 1));
            }

            if (member.Community is not null)
            {
                actions.Add(CommunityCounter(snapshot, member.Community, +1));
            }

            if (await TrySubmitAsync(actions, attempt, cancellationToken))
            {
                return membership;
            }
        }
    }

    /// <summary>Undoes a join: frees the site place and takes the volunteer out of the unit and community counts.</summary>
    public async Task<bool> LeaveAsync(string phoneHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await FindMemberAsync(phoneHash, cancellationToken) is not { } existing)
            {
                return false;
            }

            var snapshot = await GetSnapshotAsync(attempt == 0 ? CatalogMaxAge : TimeSpan.Zero, cancellationToken);
            var catalog = snapshot.Catalog;
            var member = existing.Membership;
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Delete, new TableEntity(Partition, MemberPrefix + phoneHash), existing.ETag),
            };
            if (catalog.Units.TryGetValue(member.UnitId, out var unit))
            {
                actions.Add(Counter(snapshot, UnitPrefix + unit.Id, "Volunteers", Math.Max(0, unit.Volunteers - 1)));
            }

            if (member.SiteId is not null && catalog.Sites.TryGetValue(member.SiteId, out var site))
            {
                actions.Add(Counter(snapshot, SitePrefix + site.Id, "Assigned", Math.Max(0, site.Assigned - 1)));
            }

            if (member.Community is not null)
            {
                actions.Add(CommunityCounter(snapshot, member.Community, -1));
            }

            if (await TrySubmitAsync(actions, attempt, cancellationToken))
            {
                return true;
            }
        }
    }

    public async Task<Membership?> GetMemberAsync(string phoneHash, CancellationToken cancellationToken) =>
        (await FindMemberAsync(phoneHash, cancellationToken))?.Membership;

    /// <summary>Sets a marker once; false when it was already set (seeding runs only into an empty store).</summary>
    public async Task<bool> HasMarkerAsync(string name, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition, MarkerPrefix + name, ["PartitionKey"], cancellationToken)).HasValue;

    public async Task SetMarkerAsync(string name, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition, MarkerPrefix + name) { ["SetAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>A unit typed on the form that is not in the directory yet: kept under a stable id for its name.</summary>
    public static string UnverifiedUnitId(string name)
    {
        var normalized = name.Trim().ToUpperInvariant();
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalized));
        return "new-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> actions, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            _cached = null;
            return true;
        }
        catch (TableTransactionFailedException failure) when (failure.Status is 409 or 412 && attempt < 20)
        {
            // Another arrival moved a counter (412) or created the same unit or community (409) first:
            // read again and retry with a jittered pause so racing processors spread out.
            _cached = null;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (attempt * 10))), cancellationToken);
            return false;
        }
    }

    private static TableTransactionAction Counter(Snapshot snapshot, string rowKey, string property, int value) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, rowKey) { [property] = value }, snapshot.ETags[rowKey]);

    private static TableTransactionAction CommunityCounter(Snapshot snapshot, string community, int delta)
    {
        var rowKey = CommunityPrefix + KeySafe(community);
        return snapshot.ETags.TryGetValue(rowKey, out var etag)
            ? new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, rowKey) { ["Volunteers"] = Math.Max(0, snapshot.Catalog.Communities.GetValueOrDefault(community) + delta) }, etag)
            : new(TableTransactionActionType.Add, new TableEntity(Partition, rowKey) { ["Name"] = community, ["Volunteers"] = Math.Max(0, delta) });
    }

    /// <summary>Row keys may not hold / \ # ? or control characters, and Azurite does not always say so.</summary>
    private static string KeySafe(string value)
    {
        Span<char> forbidden = ['/', '\\', '#', '?'];
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (forbidden.Contains(chars[i]) || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private async Task<(Membership Membership, ETag ETag)?> FindMemberAsync(string phoneHash, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, MemberPrefix + phoneHash, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return (new Membership(phoneHash, entity.GetString("RegistrationId"), entity.GetString("UnitId") ?? "", entity.GetString("SiteId"), entity.GetString("Community")), entity.ETag);
    }

    private async Task<Snapshot> GetSnapshotAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.Catalog.ReadAt < maxAge)
        {
            return cached;
        }

        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
        var communities = new Dictionary<string, int>(StringComparer.Ordinal);
        var readAt = time.GetUtcNow();

        await foreach (var entity in RangeAsync(UnitPrefix, cancellationToken))
        {
            etags[entity.RowKey] = entity.ETag;
            var id = entity.RowKey[UnitPrefix.Length..];
            units[id] = new Unit(id, entity.GetString("Name") ?? id, entity.GetString("Parent"), entity.GetString("PartyCommittee"), entity.GetString("Contact"),
                Split(entity.GetString("SiteIds")), entity.GetInt32("Volunteers") ?? 0, entity.GetBoolean("Verified") ?? false);
        }

        await foreach (var entity in RangeAsync(SitePrefix, cancellationToken))
        {
            etags[entity.RowKey] = entity.ETag;
            var id = entity.RowKey[SitePrefix.Length..];
            sites[id] = new Site(id, entity.GetString("Name") ?? id, entity.GetString("Type") ?? SiteTypes.Community, entity.GetString("District"), entity.GetString("Street"),
                entity.GetString("Community") ?? "", entity.GetString("Address"), entity.GetString("Contact"), entity.GetInt32("Needed") ?? 0, entity.GetInt32("Assigned") ?? 0,
                Split(entity.GetString("Duties")), ParseDay(entity.GetString("OpenFrom")), ParseDay(entity.GetString("OpenTo")));
        }

        await foreach (var entity in RangeAsync(CommunityPrefix, cancellationToken))
        {
            etags[entity.RowKey] = entity.ETag;
            communities[entity.GetString("Name") ?? entity.RowKey[CommunityPrefix.Length..]] = entity.GetInt32("Volunteers") ?? 0;
        }

        var snapshot = new Snapshot(new Catalog(units, sites, communities, readAt), etags);
        _cached = snapshot;
        return snapshot;
    }

    private Azure.AsyncPageable<TableEntity> RangeAsync(string prefix, CancellationToken cancellationToken)
    {
        // '}' follows '|' in ASCII, so [prefix, prefix with '}') is exactly the rows under that prefix.
        var upper = prefix[..^1] + "}";
        return Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {upper}"),
            cancellationToken: cancellationToken);
    }

    private async Task UpsertInBatchesAsync(IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var chunk in entities.Chunk(MaxBatch))
        {
            await Table.SubmitTransactionAsync(chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity)), cancellationToken);
        }

        _cached = null;
    }

    private static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DateOnly? ParseDay(string? value) => DateOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : null;

    private sealed record Snapshot(Catalog Catalog, IReadOnlyDictionary<string, ETag> ETags);
}

public sealed record UnitDefinition(string Id, string Name, string? Parent, string? PartyCommittee, string? Contact, IReadOnlyList<string> SiteIds);

public sealed record SiteDefinition(
    string Id, string Name, string Type, string? District, string? Street, string Community, string? Address, string? Contact,
    int Needed, IReadOnlyList<string> Duties, DateOnly? OpenFrom, DateOnly? OpenTo);

public sealed record NewMember(string PhoneHash, string RegistrationId, string WorkUnit, string? Community);

/// <summary>The ledger's record of one deployed volunteer.</summary>
public sealed record Membership(string PhoneHash, string? RegistrationId, string UnitId, string? SiteId, string? Community);
