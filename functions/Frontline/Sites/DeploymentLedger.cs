using Azure;
using Azure.Data.Tables;
using Frontline.Storage;
using static Frontline.Sites.DeploymentRows;

namespace Frontline.Sites;

/// <summary>
/// The ledger of who is deployed where. A volunteer's arrival, departure or move writes their ledger entry and every
/// counter it changes (unit, site, roster) in one batch transaction of the directory's partition, under
/// the counters' ETags, so a redelivered message or two racing hosts never count a person twice. Changes that reach
/// one host together are committed together (group commit): one batch of up to 100 entities carries many ledger
/// entries and each counter once, planned against <see cref="CatalogCache"/>'s rows. When another host got there first
/// (412), only the refused counter row is read again (a point read), never the whole directory: a full read is some
/// 10,000 entities of the partition that takes every arrival. Each host counts units on its own tally rows
/// (<see cref="DeploymentRows.TallyPrefix"/>, <see cref="WriterSlot"/>), so that hosts do not contend for them.
/// </summary>
public sealed class DeploymentLedger(FrontlineStorage storage, CatalogCache cache, CatalogJournal journal, WriterSlot writerSlot, TimeProvider time) : IDisposable
{
    private const int MaxAttempts = 30;

    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly List<PendingChange> _pending = [];

    /// <summary>
    /// The most entities this host puts in one batch: Azure's 100 while commits go through, halved after each refusal
    /// (down to <see cref="MinBatch"/>) and grown back by <see cref="MinBatch"/> after each success. A refused batch
    /// still costs the partition every entity in it, so when hosts contend a small batch is what fails, not a full one
    /// (at 16 hosts a refused batch averaged some 70 entities, ten times what a registration writes).
    /// </summary>
    private int _batchLimit = MaxBatch;

    private const int MinBatch = 10;

    private TableClient Table => storage.Table(TableNames.Deployment);

    public void Dispose() => _commitGate.Dispose();

    /// <summary>A unit typed on the form that is not in the directory yet: kept under a stable id for its name.</summary>
    public static string UnverifiedUnitId(string name)
    {
        var normalized = name.Trim().ToUpperInvariant();
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalized));
        return "new-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
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
        await cache.EnsureCurrentAsync(cancellationToken);
        var slot = await writerSlot.CurrentAsync(cancellationToken);

        List<PendingChange> batch;
        LedgerPlan plan;
        lock (_pending)
        {
            (plan, batch) = cache.Plan((rows, catalog) =>
            {
                var next = new LedgerPlan(rows, catalog, time.GetUtcNow(), slot);
                var taken = new List<PendingChange>();
                foreach (var change in _pending.DistinctBy(change => change.PhoneHash).ToList())
                {
                    bool added;
                    try
                    {
                        added = next.TryAdd(change, _batchLimit);
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

                    taken.Add(change);
                }

                foreach (var change in taken)
                {
                    _pending.Remove(change);
                }

                return (next, taken);
            });
        }

        if (batch.Count == 0)
        {
            return false;
        }

        try
        {
            var response = await Table.SubmitTransactionAsync(plan.Actions, cancellationToken);
            _batchLimit = Math.Min(MaxBatch, _batchLimit + MinBatch);
            cache.Committed(rows => plan.ApplyTo(rows, response.Value));

            foreach (var change in batch)
            {
                change.Outcome.TrySetResult(plan.Outcomes[change]);
            }

            // Tells the other hosts what changed, within a second, off this path (CatalogJournal).
            journal.Record(plan.CounterRows);
            return false;
        }
        catch (TableTransactionFailedException failure) when (failure.Status is 409 or 412 && conflicts < MaxAttempts)
        {
            _batchLimit = Math.Max(MinBatch, _batchLimit / 2);
            // Only the row that was refused is read again (the failure names it): reading the whole batch's counters
            // after every conflict cost more than the conflicts. Another stale row is caught by its own refusal.
            cache.MarkStale(failure.FailedTransactionActionIndex is { } refused && plan.CounterKeyAt(refused) is { } refusedRow ? [refusedRow] : plan.CounterKeys);
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
}
