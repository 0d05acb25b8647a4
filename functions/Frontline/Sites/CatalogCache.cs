using Azure;
using Azure.Data.Tables;
using Frontline.Storage;
using Microsoft.Extensions.Logging;
using static Frontline.Sites.DeploymentRows;

namespace Frontline.Sites;

/// <summary>
/// The catalog (units, sites, communities, rosters) as this host last read it, with every row's ETag. Readers get it
/// from memory. Once it is five seconds old it is brought up to date in the background, without reading the whole
/// directory: one point read of the catalog's version row (an import replaces it; then the whole directory is read
/// again) and the journal of counter changes since the last look (<see cref="CatalogJournal"/>). The whole directory
/// is also read every <see cref="FullReadEvery"/>, which mends a journal row lost with its host. The deployment
/// ledger plans its batches against the same rows and ETags, and puts its committed counters back into them.
/// </summary>
public sealed partial class CatalogCache(FrontlineStorage storage, CatalogJournal journal, TimeProvider time, ILogger<CatalogCache> logger)
{
    private static readonly TimeSpan CatalogMaxAge = TimeSpan.FromSeconds(5);

    /// <summary>How far before its last look a host reads the journal again: a row lands a little after the time it carries.</summary>
    private static readonly TimeSpan JournalOverlap = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A page of a full read. Paced at a page a second, a background full read of 10,650 rows (10,000 sites) takes 43
    /// seconds and adds at most 250 entities a second to the directory's partition, which also takes every arrival.
    /// </summary>
    private const int PageSize = 250;

    /// <summary>The whole directory is read at least this often: at province scale, 16 hosts' full reads average 280 entities a second.</summary>
    public static readonly TimeSpan FullReadEvery = TimeSpan.FromMinutes(10);

    private readonly object _stateLock = new();
    private DirectoryRows? _state;
    private readonly HashSet<string> _staleRows = new(StringComparer.Ordinal);
    private Catalog? _published;
    private Task? _refresh;
    private int _invalidations;
    private ETag? _version;
    private DateTimeOffset _journalSeen;

    private TableClient Table => storage.Table(TableNames.Deployment);

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

    /// <summary>After an import: the next reader reads the rows again.</summary>
    internal void Invalidate()
    {
        lock (_stateLock)
        {
            _state = null;
            _published = null;
            _invalidations++;
        }
    }

    /// <summary>
    /// For the ledger: reads the rows when there are none yet, and reads again, one point read each, the rows another
    /// host changed first (<see cref="MarkStale"/>).
    /// </summary>
    internal async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            await ReloadAsync(cancellationToken);
            return;
        }

        string[] stale;
        lock (_stateLock)
        {
            stale = [.. _staleRows];
            _staleRows.Clear();
        }

        if (stale.Length == 0)
        {
            return;
        }

        var rows = await Task.WhenAll(stale.Select(async rowKey =>
            (RowKey: rowKey, Row: await Table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken))));
        lock (_stateLock)
        {
            if (_state is not { } state)
            {
                return; // Invalidated meanwhile: the next call reads everything.
            }

            foreach (var (rowKey, row) in rows)
            {
                if (row.HasValue && row.Value is { } entity)
                {
                    state.Rows[rowKey] = entity;
                }
                else
                {
                    state.Rows.Remove(rowKey);
                }
            }

            _published = null;
            _invalidations++;
        }
    }

    /// <summary>For the ledger: plans against the rows and the catalog they make, under the lock.</summary>
    internal T Plan<T>(Func<DirectoryRows, Catalog, T> plan)
    {
        lock (_stateLock)
        {
            return plan(_state!, _published ??= _state!.ToCatalog());
        }
    }

    /// <summary>For the ledger: a committed batch's new counters and ETags become the rows.</summary>
    internal void Committed(Action<DirectoryRows> apply)
    {
        lock (_stateLock)
        {
            apply(_state!);
            _published = null;
            _invalidations++;
        }
    }

    /// <summary>For the ledger: another host moved one of these counters first; read them again before the next batch.</summary>
    internal void MarkStale(IEnumerable<string> rowKeys)
    {
        lock (_stateLock)
        {
            _staleRows.UnionWith(rowKeys);
        }
    }

    /// <summary>Runs outside any lock (never inline under <c>_stateLock</c>), and only one at a time.</summary>
    private Task StartRefresh() => Task.Run(async () =>
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception exception) when (_state is not null)
        {
            // Readers keep the catalog they have; the next reader past its age tries again.
            LogRefreshFailed(logger, exception);
            throw;
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
    /// Brings the rows up to date: the whole directory when there are none, when an import changed the version row, or
    /// when the last full read is <see cref="FullReadEvery"/> old; otherwise the journal since the last look.
    /// </summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DirectoryRows? state;
        lock (_stateLock)
        {
            state = _state;
        }

        if (state is null)
        {
            await ReloadAsync(cancellationToken);
            return;
        }

        if (now - state.FullReadAt >= FullReadEvery || await ReadVersionAsync(cancellationToken) != _version)
        {
            // Readers keep the catalog they have meanwhile, so the read can take its time: a page a second.
            await ReloadAsync(cancellationToken, paced: true);
            return;
        }

        var since = _journalSeen - JournalOverlap;
        var changes = await journal.ReadSinceAsync(since, cancellationToken);
        lock (_stateLock)
        {
            if (_state != state)
            {
                return; // Read whole or invalidated meanwhile.
            }

            foreach (var change in changes)
            {
                var known = state.Rows.TryGetValue(change.RowKey, out var row);
                if (known && Revision(row!) >= change.Revision)
                {
                    continue; // Seen already, or older than what this host has.
                }

                row ??= new TableEntity(Partition, change.RowKey);
                foreach (var (property, value) in change.Values)
                {
                    row[property] = CatalogJournal.ToTableValue(value);
                }

                // With the commit's ETag the ledger's next batch on this row goes through; without one (a journal row
                // written before ETags were kept) the ETag stays the one last read, and that batch is refused and reads it.
                if (change.ETag is { } etag)
                {
                    row.ETag = etag;
                }

                state.Rows[change.RowKey] = row;
            }

            state.ReadAt = now;
            _published = null;
            _journalSeen = now;
        }
    }

    private async Task<ETag?> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var version = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, VersionRowKey, ["PartitionKey"], cancellationToken);
        return version.HasValue ? version.Value!.ETag : null;
    }

    /// <summary>
    /// Reads the catalog's rows. A read that overlapped a write through this store (an import, an edit, a
    /// commit of arrivals or moves) is read again, so it does not put back what the write replaced; after three
    /// tries it is taken anyway, and a counter it left stale is caught by its ETag at the next commit.
    /// </summary>
    private async Task ReloadAsync(CancellationToken cancellationToken, bool paced = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            int invalidations;
            lock (_stateLock)
            {
                invalidations = _invalidations;
            }

            var state = new DirectoryRows(time.GetUtcNow());
            // The version and the journal's starting point come first, so that a change made during the read is seen at the next refresh.
            var version = await ReadVersionAsync(cancellationToken);
            foreach (var prefix in (string[])[UnitPrefix, SitePrefix, RosterPrefix, TallyPrefix])
            {
                await foreach (var page in RangeAsync(prefix, cancellationToken).AsPages(pageSizeHint: paced ? PageSize : 1_000))
                {
                    foreach (var entity in page.Values)
                    {
                        state.Rows[entity.RowKey] = entity;
                    }

                    if (paced && page.ContinuationToken is not null)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                    }
                }
            }

            lock (_stateLock)
            {
                if (invalidations == _invalidations || attempt >= 3)
                {
                    _state = state;
                    _published = null;
                    _version = version;
                    _journalSeen = state.FullReadAt;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalog could not be brought up to date; readers keep the one they have")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
