using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Frontline.Http;
using Frontline.Storage;
using Microsoft.Extensions.Options;

namespace Frontline.Audit;

/// <summary>
/// The audit trail in <c>AuditTrail</c>: a partition per day of the deployment's calendar (Beijing), so the Admin's
/// read of a day is one partition read, and the row key counts down from the end of time so a partition reads newest
/// first. Sensitive actions are people's deliberate acts (an export, a reassignment, an import), tens an hour at the
/// height of an emergency, so one partition a day stays far below Azure's 2,000 entities a second. Insert only: the
/// application has no code that replaces, merges or deletes a record.
/// </summary>
public sealed class AuditStore(FrontlineStorage storage, IOptions<FrontlineOptions> options) : IAuditTrail
{
    /// <summary>Records and details are ids and counts; past this many entries, or characters in one, they are cut (the entity stays far inside 1 MiB).</summary>
    public const int MaxEntries = 50;

    public const int MaxValueCharacters = 512;

    private TableClient Table => storage.Table(TableNames.AuditTrail);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var day = Day(entry.At);
        var entity = new TableEntity(PartitionOf(day), RowKeyOf(entry.At))
        {
            ["Action"] = entry.Action,
            ["At"] = entry.At,
            ["ActorId"] = Cut(entry.ActorId),
            ["ActorName"] = entry.ActorName is null ? null : Cut(entry.ActorName),
            ["ApplicationId"] = entry.ApplicationId,
            ["ActorRoles"] = string.Join(',', entry.ActorRoles),
            ["Address"] = Cut(entry.Address),
            ["Method"] = entry.Method,
            ["Route"] = entry.Route,
            ["Status"] = entry.Status,
            ["Records"] = TableJson.Write(Bounded(entry.Records)),
            ["Details"] = TableJson.Write(Bounded(entry.Details)),
        };

        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // Two records in the same tick whose random suffixes met: take another suffix. Never an upsert, which
            // would overwrite the first.
            entity.RowKey = RowKeyOf(entry.At);
            await Table.AddEntityAsync(entity, cancellationToken);
        }
    }

    /// <summary>A day's records, newest first, of one action when <paramref name="action"/> is given (filtered by the service).</summary>
    public async IAsyncEnumerable<AuditRecord> ReadDayAsync(DateOnly day, string? action, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = PartitionOf(day);
        var filter = action is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Action eq {action}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, options.Value.Zone()).DateTime);

    private static string PartitionOf(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string RowKeyOf(DateTimeOffset at) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}"[..28];

    private static Dictionary<string, string> Bounded(IReadOnlyDictionary<string, string> values) =>
        values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Take(MaxEntries).ToDictionary(pair => Cut(pair.Key), pair => Cut(pair.Value), StringComparer.Ordinal);

    private static string Cut(string value) => value.Length <= MaxValueCharacters ? value : value[..MaxValueCharacters];

    private static AuditRecord FromEntity(TableEntity entity) => new(
        $"{entity.PartitionKey}-{entity.RowKey}",
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Action") ?? "",
        entity.GetString("ActorId") ?? "",
        entity.GetString("ActorName"),
        entity.GetString("ApplicationId"),
        (entity.GetString("ActorRoles") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        entity.GetString("Address") ?? "",
        entity.GetString("Method") ?? "",
        entity.GetString("Route") ?? "",
        entity.GetInt32("Status") ?? 0,
        TableJson.Read<Dictionary<string, string>>(entity.GetString("Records")) ?? [],
        TableJson.Read<Dictionary<string, string>>(entity.GetString("Details")) ?? []);
}
