using Azure;
using Azure.Data.Tables;
using static Frontline.Sites.DeploymentRows;

namespace Frontline.Sites;

/// <summary>A change waiting for the ledger's next batch, and the outcome its caller awaits.</summary>
internal sealed record PendingChange(
    string PhoneHash,
    (NewMember Member, Func<Catalog, string?> ChooseSite)? Join,
    (Membership Membership, ETag ETag)? Leave,
    (Membership Membership, ETag ETag, string ToSiteId)? Move)
{
    public TaskCompletionSource<Membership?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// One batch being put together: the ledger changes, and each counter once with its new value, chosen against
/// the state plus what earlier changes in the same batch already took (so two arrivals never share the last place).
/// </summary>
internal sealed class LedgerPlan(DirectoryRows state, Catalog published, DateTimeOffset now, int writerSlot)
{
    private readonly Dictionary<string, (TableEntity Entity, bool IsNew)> _counters = new(StringComparer.Ordinal);
    private readonly List<(PendingChange Change, TableTransactionAction Action)> _ledger = [];
    private readonly Dictionary<string, Unit> _units = new(published.Units, StringComparer.Ordinal);
    private readonly Dictionary<string, Site> _sites = new(published.Sites, StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rosters = new(published.Rosters, StringComparer.Ordinal);

    public Dictionary<PendingChange, Membership?> Outcomes { get; } = [];

    public List<TableTransactionAction> Actions => [.. _ledger.Select(entry => entry.Action), .. _counters.Select(counter => counter.Value.IsNew
        ? new TableTransactionAction(TableTransactionActionType.Add, counter.Value.Entity)
        : new TableTransactionAction(TableTransactionActionType.UpdateMerge, counter.Value.Entity, state.Rows[counter.Key].ETag))];

    public PendingChange? ChangeAt(int index) => index < _ledger.Count ? _ledger[index].Change : null;

    /// <summary>The counter rows this batch writes.</summary>
    public IReadOnlyCollection<string> CounterKeys => _counters.Keys;

    /// <summary>The counter row of the batch's action at <paramref name="index"/> (counters follow the ledger entries), or null for a ledger entry.</summary>
    public string? CounterKeyAt(int index) => index >= _ledger.Count && index - _ledger.Count < _counters.Count ? _counters.Keys.ElementAt(index - _ledger.Count) : null;

    /// <summary>The counter rows as this batch writes them (changed properties and revision; after the commit, the ETag): what the journal records.</summary>
    public IEnumerable<TableEntity> CounterRows => _counters.Values.Select(counter => counter.Entity);

    public bool TryAdd(PendingChange change, int maxEntities)
    {
        var rows = new List<(string RowKey, string Property, int Delta, TableEntity? Template)>();
        Membership membership;
        TableTransactionAction ledgerAction;
        if (change.Join is { } join)
        {
            var catalog = new Catalog(_units, _sites, published.ReadAt) { Rosters = _rosters };
            var unit = catalog.FindUnit(join.Member.WorkUnit);
            var unitId = unit?.Id ?? DeploymentLedger.UnverifiedUnitId(join.Member.WorkUnit);
            var siteId = join.ChooseSite(catalog);
            membership = new Membership(join.Member.PhoneHash, join.Member.RegistrationId, unitId, siteId, join.Member.Community);
            if (!state.Rows.ContainsKey(UnitPrefix + unitId))
            {
                // A unit typed on the form: its row is made once (with its name), and counts in its tallies like any other.
                rows.Add((UnitPrefix + unitId, "", 0, new TableEntity(Partition, UnitPrefix + unitId) { ["Name"] = join.Member.WorkUnit.Trim(), ["Verified"] = false }));
            }

            var unitTally = UnitTally(unitId, writerSlot);
            rows.Add((unitTally, "Volunteers", +1, new TableEntity(Partition, unitTally)));
            if (siteId is not null)
            {
                rows.Add((SitePrefix + siteId, "Assigned", +1, null));
                rows.Add((RosterPrefix + Catalog.RosterKey(siteId, unitId), "Assigned", +1, new TableEntity(Partition, RosterPrefix + Catalog.RosterKey(siteId, unitId))));
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
            var unitTally = UnitTally(left.UnitId, writerSlot);
            rows.Add((unitTally, "Volunteers", -1, new TableEntity(Partition, unitTally)));
            if (left.SiteId is not null)
            {
                rows.Add((SitePrefix + left.SiteId, "Assigned", -1, null));
                rows.Add((RosterPrefix + Catalog.RosterKey(left.SiteId, left.UnitId), "Assigned", -1, null));
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

                if (exists && delta == 0)
                {
                    continue; // A row made once, made already.
                }

                var current = exists ? state.Rows[rowKey].GetInt32(property) ?? 0 : 0;
                counter = (exists ? new TableEntity(Partition, rowKey) : template!, !exists);
                if (delta != 0)
                {
                    counter.Entity[property] = current;
                }

                counter.Entity[RevisionProperty] = (exists ? Revision(state.Rows[rowKey]) : 0) + 1;
                _counters[rowKey] = counter;
            }

            if (delta != 0)
            {
                // A tally may go below zero (someone counted on another host's tally left through this one); the sum may not.
                var next = ((int?)counter.Entity[property] ?? 0) + delta;
                counter.Entity[property] = rowKey.StartsWith(TallyPrefix, StringComparison.Ordinal) ? next : Math.Max(0, next);
            }
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
    public void ApplyTo(DirectoryRows target, IReadOnlyList<Response> responses)
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
                entity.ETag = etag; // For the journal (CounterRows), so that other hosts commit on the row without a refusal first.
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
    }
}
