using System.Threading.RateLimiting;
using Azure;
using Azure.Data.Tables;
using Frontline.Sites;
using Frontline.Storage;
using Microsoft.Extensions.Logging;

namespace Frontline.DailyCounts;

/// <summary>
/// Rewrites, in place, the rows round one stored with seven named figures (<c>OnDuty</c>, <c>Tested</c>…) into the
/// values-by-code shape (<c>V_on_duty</c>…): submissions and current rows in <c>DailyCounts</c>, and the applied, summed,
/// area and trend rows in <c>RollUps</c>. Until a row is rewritten, <see cref="CountFigures.ReadFrom"/> reads it the same,
/// so hosts serve throughout and the migration can stop and start again anywhere.
/// <para>
/// Idempotent and safe beside live writes: a row already in the new shape is left alone, and each rewrite is an
/// <c>UpdateReplace</c> on the ETag read, so a row a submission moved meanwhile (which it wrote in the new shape) fails
/// with 412 and is skipped. Rewrites go in transactions of one partition and at most 100 rows, paced to
/// <see cref="EntitiesPerSecond"/> so that a big store's migration leaves the partitions' 2,000 and the account's 20,000
/// entities a second to the live traffic. Runs on every start until it has finished once (a marker row), then never again.
/// </para>
/// </summary>
public sealed partial class CountValuesMigration(
    FrontlineStorage storage, DeploymentMarkers markers, ILogger<CountValuesMigration> logger) : IStorageStartupTask
{
    public const string Marker = "count-values-v1";

    /// <summary>Half a partition's budget: at most one partition is written at a time.</summary>
    public const int EntitiesPerSecond = 1_000;

    private const int MaxBatch = 100;

    /// <summary>What the service keeps (keys, timestamp, ETag): not copied as properties.</summary>
    private static readonly HashSet<string> SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await markers.HasMarkerAsync(Marker, cancellationToken))
        {
            return;
        }

        var result = await MigrateAsync(cancellationToken);
        await markers.SetMarkerAsync(Marker, cancellationToken);
        LogMigrated(logger, result.Scanned, result.Rewritten, result.Skipped);
    }

    /// <summary>One pass over both tables, whatever the marker says (a command, or a test, may run it again).</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        using var pace = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = MaxBatch,
            TokensPerPeriod = EntitiesPerSecond / 10,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = MaxBatch,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        var total = new MigrationResult(0, 0, 0);
        foreach (var tableName in new[] { TableNames.DailyCounts, TableNames.RollUps })
        {
            total += await MigrateTableAsync(storage.Table(tableName), pace, cancellationToken);
        }

        return total;
    }

    private static async Task<MigrationResult> MigrateTableAsync(TableClient table, RateLimiter pace, CancellationToken cancellationToken)
    {
        var result = new MigrationResult(0, 0, 0);
        var pending = new List<TableEntity>(MaxBatch);
        // A query returns rows in partition then row order, so a batch fills with one partition's rows and is sent when
        // the partition changes or it holds 100.
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            result = result with { Scanned = result.Scanned + 1 };
            if (!CountFigures.HasLegacyProperties(entity))
            {
                continue;
            }

            if (pending.Count == MaxBatch || (pending.Count > 0 && pending[0].PartitionKey != entity.PartitionKey))
            {
                result += await RewriteAsync(table, pending, pace, cancellationToken);
                pending.Clear();
            }

            pending.Add(entity);
        }

        if (pending.Count > 0)
        {
            result += await RewriteAsync(table, pending, pace, cancellationToken);
        }

        return result;
    }

    private static async Task<MigrationResult> RewriteAsync(TableClient table, List<TableEntity> rows, RateLimiter pace, CancellationToken cancellationToken)
    {
        using (await pace.AcquireAsync(rows.Count, cancellationToken))
        {
            var rewritten = rows.Select(Rewritten).ToList();
            try
            {
                await table.SubmitTransactionAsync(
                    rewritten.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag)), cancellationToken);
                return new MigrationResult(0, rows.Count, 0);
            }
            catch (TableTransactionFailedException failed) when (failed.Status is 404 or 412)
            {
                // A submission moved (or replaced) one of the rows since the scan: it wrote the new shape. Each on its own.
            }
        }

        var result = new MigrationResult(0, 0, 0);
        foreach (var row in rows)
        {
            using var lease = await pace.AcquireAsync(1, cancellationToken);
            try
            {
                await table.UpdateEntityAsync(Rewritten(row), row.ETag, TableUpdateMode.Replace, cancellationToken);
                result = result with { Rewritten = result.Rewritten + 1 };
            }
            catch (RequestFailedException moved) when (moved.Status is 404 or 412)
            {
                result = result with { Skipped = result.Skipped + 1 };
            }
        }

        return result;
    }

    /// <summary>The row with its figures under their codes and every other property as it was.</summary>
    private static TableEntity Rewritten(TableEntity legacy)
    {
        var figures = CountFigures.ReadFrom(legacy);
        var row = new TableEntity(legacy.PartitionKey, legacy.RowKey) { ETag = legacy.ETag };
        foreach (var (name, value) in legacy.Where(property => !SystemProperties.Contains(property.Key)))
        {
            row[name] = value;
        }

        CountFigures.RemoveFrom(row);
        figures.WriteTo(row);
        return row;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Count values migrated: {Scanned} rows read, {Rewritten} rewritten by code, {Skipped} moved meanwhile")]
    private static partial void LogMigrated(ILogger logger, int scanned, int rewritten, int skipped);
}

/// <param name="Scanned">Rows read.</param>
/// <param name="Rewritten">Rows rewritten from the seven named figures to values by code.</param>
/// <param name="Skipped">Rows a submission rewrote between the scan and the rewrite (already in the new shape).</param>
public sealed record MigrationResult(int Scanned, int Rewritten, int Skipped)
{
    public static MigrationResult operator +(MigrationResult left, MigrationResult right) =>
        new(left.Scanned + right.Scanned, left.Rewritten + right.Rewritten, left.Skipped + right.Skipped);
}
