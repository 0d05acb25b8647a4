using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Sites;

/// <summary>
/// The deployment directory: units, sites, per-community counts and the ledger of who is deployed, all in
/// one partition of the <c>Deployment</c> table. One partition is what makes a volunteer's arrival exact:
/// the ledger entry and every counter it moves change in one batch transaction, guarded by ETags, so a
/// redelivered message or two racing hosts can never count a person twice.
/// Arrivals that reach one host together are committed together (group commit): one batch of up to 100
/// entities carries many ledger entries and each counter once, against an in-memory copy of the counters
/// and their ETags that is re-read only when another host got there first (412). Catalog reads are
/// single-partition range queries; the ledger's range is never scanned for them.
/// </summary>
public sealed class DeploymentStore(FrontlineStorage storage, TimeProvider time) : IDisposable
{
    private const string Partition = "deployment";
    private const string UnitPrefix = "unit|";
    private const string SitePrefix = "site|";
    private const string CommunityPrefix = "community|";
    private const string RosterPrefix = "roster|";
    private const string MemberPrefix = "member|";
    private const string MarkerPrefix = "marker|";
    private const int MaxBatch = 100;
    private const int MaxAttempts = 30;
    private static readonly TimeSpan CatalogMaxAge = TimeSpan.FromSeconds(5);

    private readonly object _stateLock = new();
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly List<PendingChange> _pending = [];
    private State? _state;
    private bool _stale;
    private Catalog? _published;
    private Task? _refresh;
    private int _invalidations;

    private TableClient Table => storage.Table(TableNames.Deployment);

    public void Dispose() => _commitGate.Dispose();

    /// <summary>
    /// The catalog as of about five seconds ago (or now, with <paramref name="fresh"/>). When it is older, the
    /// caller still gets it at once and one reload runs in the background: with 10,000 sites a reload is tens of
    /// thousands of rows, and a burst of requests must not each start one.
    /// </summary>
    public async Task<Catalog> GetCatalogAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        if (fresh)
        {
            await ReloadAsync(cancellationToken);
        }

        while (true)
        {
            Task refresh;
            lock (_stateLock)
            {
                if (_state is { } state)
                {
                    if (!fresh && time.GetUtcNow() - state.ReadAt >= CatalogMaxAge)
                    {
                        _refresh ??= StartRefresh();
                    }

                    return _published ??= state.ToCatalog();
                }

                refresh = _refresh ??= StartRefresh();
            }

            await refresh.WaitAsync(cancellationToken);
        }
    }

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
        // No read first: the ledger insert itself is refused when the entry exists, and that path answers
        // with the stored entry.
        var change = new PendingChange(member.PhoneHash, Join: (member, chooseSite), Leave: null, Move: null);
        return (await CommitAsync(change, cancellationToken))!;
    }

    /// <summary>Undoes a join: frees the site place and takes the volunteer out of the unit and community counts.</summary>
    public async Task<bool> LeaveAsync(string phoneHash, CancellationToken cancellationToken)
    {
        if (await FindMemberAsync(phoneHash, cancellationToken) is not { } existing)
        {
            return false;
        }

        var change = new PendingChange(phoneHash, Join: null, Leave: existing, Move: null);
        return await CommitAsync(change, cancellationToken) is not null;
    }

    /// <summary>
    /// Moves a deployed volunteer to another site (or from the waitlist to a site): the ledger entry, both sites'
    /// assigned counts and both rosters change in one batch, under the ledger entry's ETag as it was when
    /// <paramref name="expectedFromSiteId"/> was read. Null when someone else changed the entry first (or it is
    /// gone): the caller reloads and decides again, so two coordinators moving one person never both win.
    /// </summary>
    public async Task<Membership?> MoveAsync(string phoneHash, string? expectedFromSiteId, string toSiteId, CancellationToken cancellationToken)
    {
        if (await FindMemberAsync(phoneHash, cancellationToken) is not { } existing
            || !string.Equals(existing.Membership.SiteId ?? "", expectedFromSiteId ?? "", StringComparison.Ordinal))
        {
            return null;
        }

        if (existing.Membership.SiteId == toSiteId)
        {
            return existing.Membership;
        }

        var change = new PendingChange(phoneHash, Join: null, Leave: null, Move: (existing.Membership, existing.ETag, toSiteId));
        return await CommitAsync(change, cancellationToken);
    }

    public async Task<Membership?> GetMemberAsync(string phoneHash, CancellationToken cancellationToken) =>
        (await FindMemberAsync(phoneHash, cancellationToken))?.Membership;

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

    /// <summary>
    /// Queues the change and commits, together with whatever else is waiting, once this caller holds the
    /// commit gate. Whoever holds the gate commits for everyone waiting, so N concurrent arrivals cost about
    /// one round trip, not N.
    /// </summary>
    private async Task<Membership?> CommitAsync(PendingChange change, CancellationToken cancellationToken)
    {
        lock (_pending)
        {
            _pending.Add(change);
        }

        await _commitGate.WaitAsync(cancellationToken);
        try
        {
            var conflicts = 0;
            while (!change.Outcome.Task.IsCompleted)
            {
                if (await CommitPendingAsync(conflicts, cancellationToken))
                {
                    conflicts++;
                }
            }
        }
        finally
        {
            _commitGate.Release();
        }

        return await change.Outcome.Task;
    }

    /// <summary>Commits one batch of what is waiting; true when another writer got there first.</summary>
    private async Task<bool> CommitPendingAsync(int conflicts, CancellationToken cancellationToken)
    {
        if (_state is null || _stale)
        {
            await ReloadAsync(cancellationToken);
            _stale = false;
        }

        List<PendingChange> batch;
        Plan plan;
        lock (_pending)
        {
            lock (_stateLock)
            {
                plan = new Plan(_state!, _published ??= _state!.ToCatalog(), time.GetUtcNow());
                batch = [];
                foreach (var change in _pending.DistinctBy(change => change.PhoneHash).ToList())
                {
                    bool added;
                    try
                    {
                        added = plan.TryAdd(change, MaxBatch);
                    }
                    catch (Exception exception)
                    {
                        // A change that cannot be planned fails alone (its caller gets the exception). Left in the
                        // queue, it would stand first in every later batch and stop every arrival after it.
                        _pending.Remove(change);
                        change.Outcome.TrySetException(exception);
                        continue;
                    }

                    if (!added)
                    {
                        break;
                    }

                    batch.Add(change);
                }

                foreach (var change in batch)
                {
                    _pending.Remove(change);
                }
            }
        }

        if (batch.Count == 0)
        {
            return false;
        }

        try
        {
            var response = await Table.SubmitTransactionAsync(plan.Actions, cancellationToken);
            lock (_stateLock)
            {
                plan.ApplyTo(_state!, response.Value);
                _published = null;
                _invalidations++;
            }

            foreach (var change in batch)
            {
                change.Outcome.TrySetResult(plan.Outcomes[change]);
            }

            return false;
        }
        catch (TableTransactionFailedException failure) when (failure.Status is 409 or 412 && conflicts < MaxAttempts)
        {
            _stale = true;
            // A ledger entry that already exists is a redelivery: answer it with the stored entry. Anything else
            // means another host moved a counter first: put the batch back, re-read, and go again.
            var failed = failure.FailedTransactionActionIndex is { } index ? plan.ChangeAt(index) : null;
            foreach (var change in batch)
            {
                if (change == failed && failure.Status == 409 && change.Join is not null)
                {
                    var stored = await FindMemberAsync(change.PhoneHash, cancellationToken);
                    if (stored is not null)
                    {
                        change.Outcome.TrySetResult(stored.Value.Membership);
                        continue;
                    }
                }

                if (change == failed && change.Move is not null)
                {
                    // The ledger entry changed since it was read (another coordinator moved them, or they left).
                    change.Outcome.TrySetResult(null);
                    continue;
                }

                lock (_pending)
                {
                    _pending.Add(change);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + conflicts)), cancellationToken);
            return true;
        }
        catch (Exception exception)
        {
            foreach (var change in batch)
            {
                change.Outcome.TrySetException(exception);
            }

            return false;
        }
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

    /// <summary>Runs outside any lock (never inline under <c>_stateLock</c>), and only one at a time.</summary>
    private Task StartRefresh() => Task.Run(async () =>
    {
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        finally
        {
            lock (_stateLock)
            {
                _refresh = null;
            }
        }
    });

    /// <summary>
    /// Reads the catalog's rows. A read that overlapped a write through this store (an import, an edit, a
    /// commit of arrivals or moves) is read again, so it does not put back what the write replaced; after three
    /// tries it is taken anyway, and a counter it left stale is caught by its ETag at the next commit.
    /// </summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            int invalidations;
            lock (_stateLock)
            {
                invalidations = _invalidations;
            }

            var state = new State(time.GetUtcNow());
            foreach (var prefix in (string[])[UnitPrefix, SitePrefix, CommunityPrefix, RosterPrefix])
            {
                await foreach (var entity in RangeAsync(prefix, cancellationToken))
                {
                    state.Rows[entity.RowKey] = entity;
                }
            }

            lock (_stateLock)
            {
                if (invalidations == _invalidations || attempt >= 3)
                {
                    _state = state;
                    _published = null;
                    return;
                }
            }
        }
    }

    private AsyncPageable<TableEntity> RangeAsync(string prefix, CancellationToken cancellationToken)
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

        lock (_stateLock)
        {
            _state = null;
            _published = null;
            _invalidations++;
        }
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

    private static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DateOnly? ParseDay(string? value) => DateOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : null;

    private sealed record PendingChange(
        string PhoneHash,
        (NewMember Member, Func<Catalog, string?> ChooseSite)? Join,
        (Membership Membership, ETag ETag)? Leave,
        (Membership Membership, ETag ETag, string ToSiteId)? Move)
    {
        public TaskCompletionSource<Membership?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The directory's rows (units, sites, communities) with their ETags, as this host last saw them.</summary>
    private sealed class State(DateTimeOffset readAt)
    {
        public DateTimeOffset ReadAt { get; } = readAt;

        public Dictionary<string, TableEntity> Rows { get; } = new(StringComparer.Ordinal);

        public Catalog ToCatalog()
        {
            var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
            var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
            var communities = new Dictionary<string, int>(StringComparer.Ordinal);
            var rosters = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (rowKey, entity) in Rows)
            {
                if (rowKey.StartsWith(UnitPrefix, StringComparison.Ordinal))
                {
                    var id = rowKey[UnitPrefix.Length..];
                    units[id] = new Unit(id, entity.GetString("Name") ?? id, entity.GetString("Parent"), entity.GetString("PartyCommittee"), entity.GetString("Contact"),
                        Split(entity.GetString("SiteIds")), entity.GetInt32("Volunteers") ?? 0, entity.GetBoolean("Verified") ?? false);
                }
                else if (rowKey.StartsWith(SitePrefix, StringComparison.Ordinal))
                {
                    var id = rowKey[SitePrefix.Length..];
                    sites[id] = new Site(id, entity.GetString("Name") ?? id, entity.GetString("Type") ?? SiteTypes.Community, entity.GetString("District"), entity.GetString("Street"),
                        entity.GetString("Community") ?? "", entity.GetString("Address"), entity.GetString("Contact"), entity.GetInt32("Needed") ?? 0, entity.GetInt32("Assigned") ?? 0,
                        Split(entity.GetString("Duties")), ParseDay(entity.GetString("OpenFrom")), ParseDay(entity.GetString("OpenTo")));
                }
                else if (rowKey.StartsWith(RosterPrefix, StringComparison.Ordinal))
                {
                    rosters[rowKey[RosterPrefix.Length..]] = entity.GetInt32("Assigned") ?? 0;
                }
                else
                {
                    communities[entity.GetString("Name") ?? rowKey[CommunityPrefix.Length..]] = entity.GetInt32("Volunteers") ?? 0;
                }
            }

            return new Catalog(units, sites, communities, ReadAt) { Rosters = rosters };
        }
    }

    /// <summary>
    /// One batch being put together: the ledger changes, and each counter once with its new value, chosen against
    /// the state plus what earlier changes in the same batch already took (so two arrivals never share the last place).
    /// </summary>
    private sealed class Plan(State state, Catalog published, DateTimeOffset now)
    {
        private readonly Dictionary<string, (TableEntity Entity, bool IsNew)> _counters = new(StringComparer.Ordinal);
        private readonly List<(PendingChange Change, TableTransactionAction Action)> _ledger = [];
        private readonly Dictionary<string, Unit> _units = new(published.Units, StringComparer.Ordinal);
        private readonly Dictionary<string, Site> _sites = new(published.Sites, StringComparer.Ordinal);
        private readonly Dictionary<string, int> _communities = new(published.Communities, StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rosters = new(published.Rosters, StringComparer.Ordinal);

        public Dictionary<PendingChange, Membership?> Outcomes { get; } = [];

        public List<TableTransactionAction> Actions => [.. _ledger.Select(entry => entry.Action), .. _counters.Select(counter => counter.Value.IsNew
            ? new TableTransactionAction(TableTransactionActionType.Add, counter.Value.Entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, counter.Value.Entity, state.Rows[counter.Key].ETag))];

        public PendingChange? ChangeAt(int index) => index < _ledger.Count ? _ledger[index].Change : null;

        public bool TryAdd(PendingChange change, int maxEntities)
        {
            var rows = new List<(string RowKey, string Property, int Delta, TableEntity? Template)>();
            Membership membership;
            TableTransactionAction ledgerAction;
            if (change.Join is { } join)
            {
                var catalog = new Catalog(_units, _sites, _communities, published.ReadAt) { Rosters = _rosters };
                var unit = catalog.FindUnit(join.Member.WorkUnit);
                var unitId = unit?.Id ?? UnverifiedUnitId(join.Member.WorkUnit);
                var siteId = join.ChooseSite(catalog);
                membership = new Membership(join.Member.PhoneHash, join.Member.RegistrationId, unitId, siteId, join.Member.Community);
                rows.Add((UnitPrefix + unitId, "Volunteers", +1, new TableEntity(Partition, UnitPrefix + unitId) { ["Name"] = join.Member.WorkUnit.Trim(), ["Verified"] = false }));
                if (siteId is not null)
                {
                    rows.Add((SitePrefix + siteId, "Assigned", +1, null));
                    rows.Add((RosterPrefix + Catalog.RosterKey(siteId, unitId), "Assigned", +1, new TableEntity(Partition, RosterPrefix + Catalog.RosterKey(siteId, unitId))));
                }

                if (join.Member.Community is { } community)
                {
                    rows.Add((CommunityPrefix + KeySafe(community), "Volunteers", +1, new TableEntity(Partition, CommunityPrefix + KeySafe(community)) { ["Name"] = community }));
                }

                ledgerAction = new(TableTransactionActionType.Add, new TableEntity(Partition, MemberPrefix + membership.PhoneHash)
                {
                    ["RegistrationId"] = membership.RegistrationId,
                    ["UnitId"] = unitId,
                    ["SiteId"] = siteId,
                    ["Community"] = membership.Community,
                    ["JoinedAt"] = now,
                });
            }
            else if (change.Move is { } move)
            {
                var (moving, etag, toSiteId) = move;
                membership = moving with { SiteId = toSiteId };
                if (moving.SiteId is not null)
                {
                    rows.Add((SitePrefix + moving.SiteId, "Assigned", -1, null));
                    rows.Add((RosterPrefix + Catalog.RosterKey(moving.SiteId, moving.UnitId), "Assigned", -1, null));
                }

                rows.Add((SitePrefix + toSiteId, "Assigned", +1, null));
                rows.Add((RosterPrefix + Catalog.RosterKey(toSiteId, moving.UnitId), "Assigned", +1, new TableEntity(Partition, RosterPrefix + Catalog.RosterKey(toSiteId, moving.UnitId))));
                ledgerAction = new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, MemberPrefix + moving.PhoneHash)
                {
                    ["SiteId"] = toSiteId,
                    ["MovedAt"] = now,
                }, etag);
            }
            else
            {
                var (left, etag) = change.Leave!.Value;
                membership = left;
                rows.Add((UnitPrefix + left.UnitId, "Volunteers", -1, null));
                if (left.SiteId is not null)
                {
                    rows.Add((SitePrefix + left.SiteId, "Assigned", -1, null));
                    rows.Add((RosterPrefix + Catalog.RosterKey(left.SiteId, left.UnitId), "Assigned", -1, null));
                }

                if (left.Community is not null)
                {
                    rows.Add((CommunityPrefix + KeySafe(left.Community), "Volunteers", -1, null));
                }

                ledgerAction = new(TableTransactionActionType.Delete, new TableEntity(Partition, MemberPrefix + left.PhoneHash), etag);
            }

            var newRows = rows.Count(row => !_counters.ContainsKey(row.RowKey));
            if (_ledger.Count + _counters.Count + 1 + newRows > maxEntities)
            {
                return false;
            }

            foreach (var (rowKey, property, delta, template) in rows)
            {
                if (!_counters.TryGetValue(rowKey, out var counter))
                {
                    var exists = state.Rows.ContainsKey(rowKey);
                    if (!exists && template is null)
                    {
                        continue; // The row is gone (a site removed since); nothing to count down.
                    }

                    var current = exists ? state.Rows[rowKey].GetInt32(property) ?? 0 : 0;
                    counter = (exists ? new TableEntity(Partition, rowKey) : template!, !exists);
                    counter.Entity[property] = current;
                    _counters[rowKey] = counter;
                }

                counter.Entity[property] = Math.Max(0, ((int?)counter.Entity[property] ?? 0) + delta);
            }

            _ledger.Add((change, ledgerAction));
            Outcomes[change] = membership;
            if (change.Move is { } moved)
            {
                ProjectMove(moved.Membership, moved.ToSiteId);
            }
            else
            {
                Project(membership, change.Join is null ? -1 : +1, change.Join?.Member.WorkUnit);
            }

            return true;
        }

        /// <summary>After the commit: the new counter values and ETags become the state.</summary>
        public void ApplyTo(State target, IReadOnlyList<Response> responses)
        {
            var index = _ledger.Count;
            foreach (var (rowKey, (entity, _)) in _counters)
            {
                var merged = target.Rows.TryGetValue(rowKey, out var existing) ? existing : new TableEntity(Partition, rowKey);
                foreach (var (key, value) in entity)
                {
                    merged[key] = value;
                }

                if (responses.Count > index && responses[index].Headers.ETag is { } etag)
                {
                    merged.ETag = etag;
                }

                target.Rows[rowKey] = merged;
                index++;
            }
        }

        private void ProjectMove(Membership from, string toSiteId)
        {
            foreach (var (siteId, delta) in new[] { (from.SiteId, -1), (toSiteId, +1) })
            {
                if (siteId is not null && _sites.TryGetValue(siteId, out var site))
                {
                    _sites[siteId] = site with { Assigned = Math.Max(0, site.Assigned + delta) };
                    var roster = Catalog.RosterKey(siteId, from.UnitId);
                    _rosters[roster] = Math.Max(0, _rosters.GetValueOrDefault(roster) + delta);
                }
            }
        }

        /// <summary>Keeps the catalog that later changes in this batch choose from in step with this one.</summary>
        private void Project(Membership membership, int delta, string? typedUnitName)
        {
            _units[membership.UnitId] = _units.TryGetValue(membership.UnitId, out var unit)
                ? unit with { Volunteers = Math.Max(0, unit.Volunteers + delta) }
                : new Unit(membership.UnitId, typedUnitName?.Trim() ?? membership.UnitId, null, null, null, [], Math.Max(0, delta), false);
            if (membership.SiteId is { } siteId && _sites.TryGetValue(siteId, out var site))
            {
                _sites[siteId] = site with { Assigned = Math.Max(0, site.Assigned + delta) };
                var roster = Catalog.RosterKey(siteId, membership.UnitId);
                _rosters[roster] = Math.Max(0, _rosters.GetValueOrDefault(roster) + delta);
            }

            if (membership.Community is { } community)
            {
                _communities[community] = Math.Max(0, _communities.GetValueOrDefault(community) + delta);
            }
        }
    }
}

public sealed record UnitDefinition(string Id, string Name, string? Parent, string? PartyCommittee, string? Contact, IReadOnlyList<string> SiteIds);

public sealed record SiteDefinition(
    string Id, string Name, string Type, string? District, string? Street, string Community, string? Address, string? Contact,
    int Needed, IReadOnlyList<string> Duties, DateOnly? OpenFrom, DateOnly? OpenTo);

public sealed record NewMember(string PhoneHash, string RegistrationId, string WorkUnit, string? Community);

/// <summary>The ledger's record of one deployed volunteer.</summary>
public sealed record Membership(string PhoneHash, string? RegistrationId, string UnitId, string? SiteId, string? Community);
