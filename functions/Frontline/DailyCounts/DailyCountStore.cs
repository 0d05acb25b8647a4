using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.DailyCounts;

/// <summary>A unit's counts for a site and a day, as last submitted.</summary>
public sealed record Submission(
    DateOnly Day,
    string SiteId,
    string UnitId,
    int Version,
    CountFigures Figures,
    string? Highlight,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    bool Flagged,
    string? FlagReason,
    int IndicatorVersion = 0);

/// <summary>
/// Daily counts, one partition per day: a day's completeness is one partition read. Each (site, unit) has a
/// current row and immutable history rows, written together in one batch under the current row's ETag, so a
/// correction never loses a version and two racing submissions never both become version N.
/// </summary>
public sealed class DailyCountStore(FrontlineStorage storage)
{
    private const string CurrentPrefix = "c|";
    private const string HistoryPrefix = "h|";
    private const string ReopenPrefix = "reopen|";

    private TableClient Table => storage.Table(TableNames.DailyCounts);

    public static string Partition(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<(Submission? Current, ETag ETag, string? BodyHash)> GetCurrentAsync(DateOnly day, string siteId, string unitId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(day), CurrentKey(siteId, unitId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? (Read(day, entity), entity.ETag, entity.GetString("BodyHash")) : (null, default, null);
    }

    /// <summary>Writes version <c>submission.Version</c>; false when another submission got there first.</summary>
    public async Task<bool> TryWriteAsync(Submission submission, string bodyHash, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var current = ToEntity(CurrentKey(submission.SiteId, submission.UnitId), submission);
        current["BodyHash"] = bodyHash;
        var history = ToEntity(TableKeys.Require($"{HistoryPrefix}{submission.SiteId}|{submission.UnitId}|{submission.Version:D5}"), submission);
        TableTransactionAction currentAction = ifMatch is { } etag
            ? new(TableTransactionActionType.UpdateReplace, current, etag)
            : new(TableTransactionActionType.Add, current);
        try
        {
            await Table.SubmitTransactionAsync([currentAction, new(TableTransactionActionType.Add, history)], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Submission>> HistoryAsync(DateOnly day, string siteId, string unitId, CancellationToken cancellationToken)
    {
        var prefix = $"{HistoryPrefix}{siteId}|{unitId}|";
        var versions = new List<Submission>();
        await foreach (var entity in RangeAsync(day, prefix, cancellationToken))
        {
            versions.Add(Read(day, entity));
        }

        return versions;
    }

    /// <summary>Every current submission of the day: one partition, one range.</summary>
    public async Task<IReadOnlyList<Submission>> DayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var submissions = new List<Submission>();
        await foreach (var entity in RangeAsync(day, CurrentPrefix, cancellationToken))
        {
            submissions.Add(Read(day, entity));
        }

        return submissions;
    }

    public async Task ReopenAsync(DateOnly day, string siteId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition(day), TableKeys.Require(ReopenPrefix + siteId)) { ["By"] = by, ["At"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> IsReopenedAsync(DateOnly day, string siteId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition(day), ReopenPrefix + siteId, ["PartitionKey"], cancellationToken)).HasValue;

    /// <summary>A digest of what was submitted, so the same body again is recognised as no change.</summary>
    public static string BodyHash(ValidCounts counts)
    {
        // Codes and values (not the indicator version: the same figures sent again under a newer set are no change).
        var text = string.Join('|', counts.Figures.Named().Select(figure => string.Create(CultureInfo.InvariantCulture, $"{figure.Code}={figure.Value}")))
            + "|" + (counts.Highlight ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string CurrentKey(string siteId, string unitId) => TableKeys.Require($"{CurrentPrefix}{siteId}|{unitId}");

    private AsyncPageable<TableEntity> RangeAsync(DateOnly day, string prefix, CancellationToken cancellationToken)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition(day)} and RowKey ge {prefix} and RowKey lt {upper}"),
            cancellationToken: cancellationToken);
    }

    private static TableEntity ToEntity(string rowKey, Submission submission)
    {
        var entity = new TableEntity(Partition(submission.Day), rowKey)
        {
            ["SiteId"] = submission.SiteId,
            ["UnitId"] = submission.UnitId,
            ["Version"] = submission.Version,
            ["Highlight"] = submission.Highlight,
            ["SubmittedBy"] = submission.SubmittedBy,
            ["SubmittedAt"] = submission.SubmittedAt,
            ["Flagged"] = submission.Flagged,
            ["FlagReason"] = submission.FlagReason,
            ["IndicatorVersion"] = submission.IndicatorVersion,
        };
        submission.Figures.WriteTo(entity);
        // A site type with many indicators must still fit one row (252 properties, 1 MiB); the indicator set's own
        // bound (IndicatorEditing) keeps it so, and this says so loudly if that ever changes.
        if (EntityLimits.Problem(entity) is { } tooLarge)
        {
            throw new InvalidOperationException($"A count row for {submission.SiteId} would not fit Azure's limits: {tooLarge}");
        }

        return entity;
    }

    private static Submission Read(DateOnly day, TableEntity entity) => new(
        day,
        entity.GetString("SiteId") ?? "",
        entity.GetString("UnitId") ?? "",
        entity.GetInt32("Version") ?? 0,
        CountFigures.ReadFrom(entity),
        entity.GetString("Highlight"),
        entity.GetString("SubmittedBy") ?? "",
        entity.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue,
        entity.GetBoolean("Flagged") ?? false,
        entity.GetString("FlagReason"),
        // Rows from before indicators were data hold none: they were checked against the seven figures, version 1's.
        entity.GetInt32("IndicatorVersion") ?? 1);
}
