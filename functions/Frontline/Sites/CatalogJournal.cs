using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;
using Microsoft.Extensions.Logging;

namespace Frontline.Sites;

/// <summary>
/// The directory's counter changes, as each host committed them, so that every host keeps its catalog current by
/// reading what changed since it last looked instead of the whole directory (some 10,000 entities at province scale,
/// from the partition that takes every arrival). One table a day (<c>Journal20221215</c>, dropped two days later in
/// one operation) and one partition a minute, so that no partition takes more than a minute's commits and the hosts'
/// reads spread over time. A row holds a committed batch's counter rows with their new values and revisions: a host
/// applies a row only where its revision is newer than what it has, so reading a row twice, or two rows out of order,
/// changes nothing. A host gathers its commits for a second and writes them as one row (merged: each counter's newest
/// revision), so the journal grows by one row a second a host, however many commits it makes: every host reads every
/// other host's rows, and at 16 hosts that is what keeps the reads of a minute's partition within its target. Rows
/// written after their batches committed can be lost with their host; <see cref="CatalogCache"/> reads the whole
/// directory every <see cref="CatalogCache.FullReadEvery"/> as well, which mends that.
/// </summary>
public sealed partial class CatalogJournal(FrontlineStorage storage, TimeProvider time, ILogger<CatalogJournal> logger)
{
    public const string TablePrefix = "Journal";

    /// <summary>How long a host gathers its commits before it writes them.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);

    private const string RowsProperty = "Rows";

    // A first cut; a row whose JSON is still too long is halved (AppendAsync), since a counter row's size varies with
    // its ETag and properties (the registration benchmark's 400 came to more than a string property takes).
    private const int MaxChangesPerRow = 400;

    /// <summary>A string property holds 64 KiB, UTF-16: 32,768 characters; kept under it with room to spare.</summary>
    public const int MaxRowsCharacters = 30_000;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly Dictionary<string, TableEntity> _pending = new(StringComparer.Ordinal);
    private Task? _flush;

    /// <summary>
    /// Takes a committed batch's counter rows (changed properties and revision) and writes them within
    /// <see cref="FlushDelay"/>, with whatever else this host commits meanwhile. Never waits on storage.
    /// </summary>
    public void Record(IEnumerable<TableEntity> rows)
    {
        lock (_pending)
        {
            foreach (var row in rows)
            {
                if (!_pending.TryGetValue(row.RowKey, out var gathered))
                {
                    _pending[row.RowKey] = new TableEntity(row);
                    continue;
                }

                if (DeploymentRows.Revision(row) >= DeploymentRows.Revision(gathered))
                {
                    foreach (var (key, value) in row)
                    {
                        gathered[key] = value;
                    }
                }
            }

            _flush ??= Task.Run(FlushSoonAsync);
        }
    }

    /// <summary>Writes what is gathered, in rows of at most <see cref="MaxChangesPerRow"/> changes.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<TableEntity> rows;
        lock (_pending)
        {
            rows = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var chunk in rows.Chunk(MaxChangesPerRow))
        {
            await AppendAsync(chunk, cancellationToken);
        }
    }

    private async Task FlushSoonAsync()
    {
        await Task.Delay(FlushDelay, time);
        lock (_pending)
        {
            _flush = null;
        }

        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception exception) when (StorageFaults.IsOutage(exception) || exception is RequestFailedException)
        {
            // The other hosts' full read mends it (CatalogCache.FullReadEvery).
            LogNotWritten(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counter changes could not be written to the catalog journal; other hosts see them at their next full read: {Reason}")]
    private static partial void LogNotWritten(ILogger logger, string reason);

    /// <summary>
    /// A counter row as a commit left it, with the ETag storage gave it then: a host that applies the change can commit
    /// on the row next without a refusal (412) and a point read first, which at 16 hosts was most of the partition's load.
    /// </summary>
    public sealed record Change(string RowKey, long Revision, Dictionary<string, JsonElement> Values, ETag? ETag = null);

    private async Task AppendAsync(TableEntity[] rows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changes = rows.Select(row => new
        {
            k = row.RowKey,
            r = DeploymentRows.Revision(row),
            e = row.ETag == default ? null : row.ETag.ToString(),
            v = row.Keys.Where(key => key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")).ToDictionary(key => key, key => row[key]),
        }).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var json = JsonSerializer.Serialize(changes);
        if (json.Length > MaxRowsCharacters && rows.Length > 1)
        {
            // Two rows instead of one refused: a reader applies rows in any order (revisions decide).
            await AppendAsync(rows[..(rows.Length / 2)], cancellationToken);
            await AppendAsync(rows[(rows.Length / 2)..], cancellationToken);
            return;
        }

        var entity = new TableEntity(Minute(now), $"{now.UtcTicks:D19}-{Guid.NewGuid():N}") { [RowsProperty] = json };
        var table = Table(now);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // The first commit of a day makes its table, and drops the one whose days are past keeping.
            await table.CreateIfNotExistsAsync(cancellationToken);
            await table.AddEntityAsync(entity, cancellationToken);
            try
            {
                await storage.Table(TableName(now - Retention - TimeSpan.FromDays(1))).DeleteAsync(cancellationToken);
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
                // Dropped already, by this host or another.
            }
        }
    }

    /// <summary>What was committed from <paramref name="since"/> on (by the committing host's clock), oldest first.</summary>
    public async Task<IReadOnlyList<Change>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changes = new List<Change>();
        var from = $"{since.UtcTicks:D19}";
        for (var minute = new DateTimeOffset(since.UtcDateTime.Ticks - (since.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero); minute <= now; minute = minute.AddMinutes(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Minute(minute)} and RowKey ge {from}");
            try
            {
                await foreach (var row in Table(minute).QueryAsync<TableEntity>(filter, select: [RowsProperty], cancellationToken: cancellationToken))
                {
                    using var document = JsonDocument.Parse(row.GetString(RowsProperty) ?? "[]");
                    foreach (var change in document.RootElement.EnumerateArray())
                    {
                        changes.Add(new Change(change.GetProperty("k").GetString()!, change.GetProperty("r").GetInt64(),
                            change.GetProperty("v").EnumerateObject().ToDictionary(value => value.Name, value => value.Value.Clone()),
                            change.TryGetProperty("e", out var etag) && etag.GetString() is { } tag ? new ETag(tag) : null));
                    }
                }
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                // No commit yet that day.
            }
        }

        return changes;
    }

    /// <summary>A journal value back as the table type it was: counters and revisions are numbers, names text, flags booleans.</summary>
    public static object? ToTableValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var small) => small,
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private TableClient Table(DateTimeOffset at) => storage.Table(TableName(at));

    private static string TableName(DateTimeOffset at) => TablePrefix + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("HHmm", CultureInfo.InvariantCulture);
}
