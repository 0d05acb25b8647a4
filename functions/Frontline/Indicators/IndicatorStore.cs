using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Indicators;

/// <summary>
/// The definition set in <c>Indicators</c>, one partition (<c>set</c>), a handful of rows:
/// <list type="bullet">
/// <item><c>current</c>: the latest version whole (its JSON split over <c>Set0</c>, <c>Set1</c>, … within a
/// property's 64 KiB), so that reading what is in force is one point read;</item>
/// <item><c>version|0000000007</c>: each version as it was written, never changed again, so that a submission that
/// recorded version 7 is read against version 7 for ever;</item>
/// <item><c>in-use|{code}</c>: an indicator that has data (submissions or roll-ups hold its values), which may be
/// retired but not deleted.</item>
/// </list>
/// A change writes the new version row and replaces <c>current</c> in one batch, <c>current</c> under the ETag it was
/// read with: of two Admins changing the set at once, one wins and the other is told (<see cref="IndicatorSetChangedException"/>)
/// instead of either change being lost; the version row's insert refuses a number taken twice.
/// </summary>
public sealed class IndicatorStore(FrontlineStorage storage, TimeProvider time)
{
    public const string Partition = "set";
    public const string CurrentRow = "current";
    public const string VersionPrefix = "version|";
    public const string InUsePrefix = "in-use|";

    /// <summary>How long a host serves the current set from memory; a change made here is seen at once, one made elsewhere within this.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Versions never change, so any number may be kept; this bounds the memory.</summary>
    private const int MaxCachedVersions = 64;

    private readonly ConcurrentDictionary<int, IndicatorSet> _versions = new();
    private readonly ConcurrentDictionary<string, bool> _marked = new(StringComparer.Ordinal);
    private volatile Cached? _current;

    private TableClient Table => storage.Table(TableNames.Indicators);

    public static string VersionRow(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The set in force, through the short cache; null before the defaults are seeded.</summary>
    public async Task<IndicatorSet?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && time.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Set;
        }

        return (await ReadCurrentAsync(cancellationToken))?.Set;
    }

    /// <summary>The set in force and the ETag of its row, read from storage (a change must start from what is stored).</summary>
    public async Task<(IndicatorSet Set, ETag ETag)?> ReadCurrentAsync(CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, CurrentRow, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var set = FromEntity(response.Value!);
        _current = new Cached(set, time.GetUtcNow());
        return (set, response.Value!.ETag);
    }

    /// <summary>A version as it was written; null when there is no such version.</summary>
    public async Task<IndicatorSet?> VersionAsync(int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, VersionRow(version), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var set = FromEntity(response.Value!);
        Remember(set);
        return set;
    }

    /// <summary>
    /// The next version (<paramref name="next"/>.Version must be the stored one plus one, or 1 for the first), under
    /// the ETag <paramref name="readWith"/> of the current row as it was read (null: there must be none yet).
    /// </summary>
    /// <exception cref="IndicatorSetChangedException">Someone else wrote a version since it was read.</exception>
    /// <exception cref="IndicatorSetTooLargeException">The set would not fit one table row.</exception>
    /// <param name="inUse">Indicators to mark as having data in the same batch (the seeding's seven figures): all or nothing.</param>
    public async Task WriteAsync(IndicatorSet next, ETag? readWith, CancellationToken cancellationToken, IEnumerable<string>? inUse = null)
    {
        var current = ToEntity(next, CurrentRow);
        var version = ToEntity(next, VersionRow(next.Version));
        if (EntityLimits.Problem(version) is { } tooLarge)
        {
            throw new IndicatorSetTooLargeException(tooLarge);
        }

        List<TableTransactionAction> batch = readWith is { } etag
            ? [new(TableTransactionActionType.Add, version), new(TableTransactionActionType.UpdateReplace, current, etag)]
            : [new(TableTransactionActionType.Add, version), new(TableTransactionActionType.Add, current)];
        batch.AddRange((inUse ?? []).Distinct(StringComparer.Ordinal).Select(code => new TableTransactionAction(
            TableTransactionActionType.UpsertMerge, InUseEntity(code, $"version {next.Version}", next.ChangedAt))));
        try
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
        {
            _current = null;
            throw new IndicatorSetChangedException();
        }

        _current = new Cached(next, time.GetUtcNow());
        Remember(next);
    }

    /// <summary>Whether an indicator has data, so that it may be retired but not deleted.</summary>
    public async Task<bool> IsInUseAsync(string code, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition, InUsePrefix + TableKeys.Require(code), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>
    /// Marks indicators as having data: the rewiring slice calls this the first time a submission carrying a code is
    /// stored. A code already marked is left as it is (insert only), so marking again writes nothing.
    /// </summary>
    public async Task MarkInUseAsync(IEnumerable<string> codes, string why, CancellationToken cancellationToken)
    {
        // A mark is never taken back, so a host remembers the codes it saw marked: a submission then costs no write for them.
        foreach (var code in codes.Distinct(StringComparer.Ordinal).Where(code => !_marked.ContainsKey(code)))
        {
            try
            {
                await Table.AddEntityAsync(InUseEntity(code, why, time.GetUtcNow()), cancellationToken);
            }
            catch (RequestFailedException exists) when (exists.Status == 409)
            {
                // Marked before: the first mark says when the data began.
            }

            _marked.TryAdd(code, true);
        }
    }

    private static TableEntity InUseEntity(string code, string why, DateTimeOffset at) =>
        new(Partition, InUsePrefix + TableKeys.Require(code)) { ["Why"] = why, ["MarkedAt"] = at };

    private void Remember(IndicatorSet set)
    {
        if (_versions.Count >= MaxCachedVersions)
        {
            _versions.Clear();
        }

        _versions[set.Version] = set;
    }

    private static TableEntity ToEntity(IndicatorSet set, string rowKey)
    {
        var entity = new TableEntity(Partition, rowKey)
        {
            ["Version"] = set.Version,
            ["ChangedAt"] = set.ChangedAt,
        };
        TableJson.WriteParts(set, entity, "Set");
        return entity;
    }

    private static IndicatorSet FromEntity(TableEntity entity) =>
        TableJson.ReadParts<IndicatorSet>(entity, "Set") ?? throw new InvalidDataException($"Indicators row {entity.RowKey} holds no set.");

    private sealed record Cached(IndicatorSet Set, DateTimeOffset ReadAt);
}

/// <summary>Another change was stored between reading the set and writing the next version.</summary>
public sealed class IndicatorSetChangedException() : Exception("The indicator set was changed by someone else since it was read.");

/// <summary>The set would not fit one table row (1 MiB, 252 properties).</summary>
public sealed class IndicatorSetTooLargeException(string reason) : Exception(reason);
