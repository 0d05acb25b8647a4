using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Shifts;

/// <summary>A change refused because the volunteer's shifts or the pattern moved since they were read.</summary>
public sealed class ShiftConflictException(string message) : Exception(message);

/// <summary>
/// The <c>Shifts</c> table, keyed for its three reads:
/// <list type="bullet">
/// <item><c>site|{siteId}</c> / <c>pattern</c>: the site's shift pattern, a point read (its ETag is the pattern's).</item>
/// <item><c>volunteer|{phoneHash}</c> / <c>day|{yyyy-MM-dd}</c>: a volunteer's shifts on a day. This row is the source of
/// truth. A volunteer's days are one range read; the overlap check reads the day before and after in the same query.
/// Beside them <c>volunteer|{phoneHash}</c> / <c>writes</c>, a counter every change replaces under its ETag in the
/// same transaction as the day row, so two changes to one person's shifts at once (Monday's night shift and
/// Tuesday's early one, each checked against the other's old state) cannot both land.</item>
/// <item><c>duty|{siteId}|{yyyy-MM-dd}</c> / <c>{phoneHash}</c>: the site's roster for the day, a copy of the day rows
/// at that site, so the duty read is one partition whatever the number of volunteers. It is written after the
/// source row (two partitions cannot share a transaction) and is idempotent: a PUT retried after a failure between
/// the two writes finds the source row already as asked and writes the copy again.</item>
/// </list>
/// The keyed phone hash is the person's key everywhere (as in the Volunteers table); the phone itself is never here.
/// A person a dispatch batch names who is not a registered volunteer is keyed <c>batch|{unitId}|{batchId}|{n}</c>
/// instead (<see cref="Batches.BatchPersonId.ShiftKey"/>), which no phone hash (hex digits) can be.
/// </summary>
public sealed class ShiftStore(FrontlineStorage storage)
{
    private const string PatternRow = "pattern";
    private const string WritesRow = "writes";
    private const string DayPrefix = "day|";

    private TableClient Table => storage.Table(TableNames.Shifts);

    private static string SitePartition(string siteId) => TableKeys.Require("site|" + siteId);

    private static string VolunteerPartition(string phoneHash) => TableKeys.Require("volunteer|" + phoneHash);

    private static string DutyPartition(string siteId, DateOnly day) => TableKeys.Require($"duty|{siteId}|{Text(day)}");

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<(ShiftPattern Pattern, ETag ETag)?> GetPatternAsync(string siteId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(SitePartition(siteId), PatternRow, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        var pattern = new ShiftPattern(siteId, entity.GetString("Kind"), ReadShifts(entity.GetString("Shifts")),
            TableJson.Read<List<string>>(entity.GetString("Handovers")) ?? [], entity.GetString("UpdatedBy") ?? "", entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
        return (pattern, entity.ETag);
    }

    /// <summary>
    /// Writes the pattern; with an ETag, only over the row as read, and with <paramref name="firstOnly"/> only where there
    /// is none (else <see cref="ShiftConflictException"/>).
    /// </summary>
    public async Task<ETag> PutPatternAsync(ShiftPattern pattern, ETag? ifMatch, bool firstOnly, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(SitePartition(pattern.SiteId), PatternRow)
        {
            ["Kind"] = pattern.Kind,
            ["Shifts"] = WriteShifts(pattern.Shifts),
            ["Handovers"] = TableJson.Write(pattern.Handovers),
            ["UpdatedBy"] = pattern.UpdatedBy,
            ["UpdatedAt"] = pattern.UpdatedAt,
        };
        try
        {
            var response = ifMatch is { } etag
                ? await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : firstOnly
                    ? await Table.AddEntityAsync(entity, cancellationToken)
                    : await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException failed) when (failed.Status is 412 or 404 or 409)
        {
            throw new ShiftConflictException("The pattern changed since it was read.");
        }
    }

    /// <summary>
    /// The volunteer's days from <paramref name="from"/> to <paramref name="to"/> and the ETag of their writes counter
    /// (null when they never had a shift): one range read of their partition.
    /// </summary>
    public async Task<(IReadOnlyList<VolunteerDay> Days, ETag? Writes)> ReadVolunteerAsync(string phoneHash, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var partition = VolunteerPartition(phoneHash);
        var days = new List<VolunteerDay>();
        ETag? writes = null;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and ((RowKey ge {DayPrefix + Text(from)} and RowKey le {DayPrefix + Text(to)}) or RowKey eq {WritesRow})");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == WritesRow)
            {
                writes = entity.ETag;
            }
            else
            {
                days.Add(ToDay(entity, DateOnly.ParseExact(entity.RowKey[DayPrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        return (days, writes);
    }

    /// <summary>
    /// Sets the volunteer's shifts on a day (none: the day's row goes) in one transaction of their partition with the
    /// writes counter, under the counter's ETag as read; then their site's roster for the day follows.
    /// </summary>
    public async Task SetDayAsync(string phoneHash, VolunteerDay day, VolunteerDay? previous, ETag? writes, CancellationToken cancellationToken)
    {
        var partition = VolunteerPartition(phoneHash);
        var counter = new TableEntity(partition, WritesRow);
        var actions = new List<TableTransactionAction>
        {
            writes is { } etag ? new(TableTransactionActionType.UpdateReplace, counter, etag) : new(TableTransactionActionType.Add, counter),
        };
        var dayKey = DayPrefix + Text(day.Day);
        if (day.Shifts.Count > 0)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, DayEntity(partition, dayKey, day)));
        }
        else if (previous is not null)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, dayKey), ETag.All));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 412 or 409 or 404)
        {
            throw new ShiftConflictException("Another change to this volunteer's shifts came first; read them again.");
        }

        if (previous is not null && (previous.SiteId != day.SiteId || day.Shifts.Count == 0))
        {
            await DeleteRosterAsync(phoneHash, previous, cancellationToken);
        }

        await CopyToRosterAsync(phoneHash, day, cancellationToken);
    }

    /// <summary>The site's roster row for the volunteer and day, as the source row says (written again on a retry).</summary>
    public async Task CopyToRosterAsync(string phoneHash, VolunteerDay day, CancellationToken cancellationToken)
    {
        if (day.Shifts.Count == 0)
        {
            await DeleteRosterAsync(phoneHash, day, cancellationToken);
            return;
        }

        var entity = DayEntity(DutyPartition(day.SiteId, day.Day), TableKeys.Require(phoneHash), day);
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
        if (current.HasValue && current.Value is { } copied && entity.Keys.Where(key => key is not ("PartitionKey" or "RowKey")).All(key => Equals(copied.GetString(key), entity.GetString(key))))
        {
            // Already as the source says: a retry writes nothing.
            return;
        }

        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task DeleteRosterAsync(string phoneHash, VolunteerDay day, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(DutyPartition(day.SiteId, day.Day), TableKeys.Require(phoneHash), ETag.All, cancellationToken);
        }
        catch (RequestFailedException failed) when (failed.Status == 404)
        {
            // Already gone: deleting is idempotent.
        }
    }

    /// <summary>A site's roster on a day: one partition.</summary>
    public async Task<IReadOnlyList<VolunteerDay>> RosterAsync(string siteId, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = new List<VolunteerDay>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DutyPartition(siteId, day)}"), cancellationToken: cancellationToken))
        {
            rows.Add(ToDay(entity, day));
        }

        return rows;
    }

    private static TableEntity DayEntity(string partition, string row, VolunteerDay day) => new(partition, row)
    {
        ["SiteId"] = day.SiteId,
        ["UnitId"] = day.UnitId,
        ["VolunteerId"] = day.VolunteerId,
        ["Name"] = day.Name,
        ["Shifts"] = WriteShifts(day.Shifts),
    };

    private static VolunteerDay ToDay(TableEntity entity, DateOnly day) => new(day, entity.GetString("SiteId"), entity.GetString("UnitId") ?? "",
        entity.GetString("VolunteerId") ?? "", entity.GetString("Name") ?? "", ReadShifts(entity.GetString("Shifts")));

    /// <summary>Shifts as [[startMinute, minutes], …]: compact, and nothing derived is stored.</summary>
    private static string WriteShifts(IReadOnlyList<PatternShift> shifts) => TableJson.Write(shifts.Select(shift => new[] { shift.StartMinute, shift.Minutes }).ToList());

    private static List<PatternShift> ReadShifts(string? json) =>
        (TableJson.Read<List<int[]>>(json) ?? []).Select(pair => new PatternShift(pair[0], pair[1])).ToList();
}
