using System.Globalization;
using System.Security.Cryptography;

using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Bulletins.Contributions;

/// <summary>
/// Contributions by the day they concern: a bulletin's period is a range of partitions, and a contribution's id
/// starts with its day, so finding one is a point read. Paragraphs and people are JSON in one property each,
/// bounded well inside Table Storage's 64 KiB a property by <see cref="ContributionValidation"/>.
/// </summary>
public sealed class ContributionStore(FrontlineStorage storage)
{
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    private TableClient Table => storage.Table(TableNames.Contributions);

    public static string NewId(DateOnly day) =>
        day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetString(IdAlphabet, 10);

    /// <summary>The day an id names, or null when it is not an id this store made.</summary>
    public static DateOnly? DayOf(string id) =>
        id.Length == 19 && id[8] == '-' && id[9..].All(IdAlphabet.Contains)
        && DateOnly.TryParseExact(id[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    public async Task AddAsync(Contribution contribution, CancellationToken cancellationToken) =>
        await Table.AddEntityAsync(ToEntity(contribution), cancellationToken);

    public async Task<(Contribution Contribution, ETag ETag)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (DayOf(id) is not { } day)
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(day), id, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? (Read(entity), entity.ETag) : null;
    }

    /// <summary>The contributions about the days from <paramref name="first"/> to <paramref name="last"/>, oldest first.</summary>
    public async Task<List<Contribution>> ListAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Partition(first)} and PartitionKey le {Partition(last)}");
        var contributions = new List<Contribution>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            contributions.Add(Read(entity));
        }

        return contributions.OrderBy(contribution => contribution.SubmittedAt).ThenBy(contribution => contribution.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes a new status under the row's ETag; false when the row changed since it was read.</summary>
    public async Task<bool> TrySetStatusAsync(Contribution contribution, ETag etag, string status, string? usedIn, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ToEntity(contribution with { Status = status, UsedIn = usedIn }), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException changed) when (changed.Status is 412 or 404)
        {
            return false;
        }
    }

    private static string Partition(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(Contribution contribution) => new(Partition(contribution.Day), contribution.Id)
    {
        ["UnitId"] = contribution.UnitId,
        ["UnitName"] = contribution.UnitName,
        ["SiteId"] = contribution.SiteId,
        ["SiteName"] = contribution.SiteName,
        ["Title"] = contribution.Title,
        ["Paragraphs"] = TableJson.Write(contribution.Paragraphs),
        ["People"] = TableJson.Write(contribution.People),
        ["Quote"] = contribution.Quote,
        ["QuoteBy"] = contribution.QuoteBy,
        ["SubmittedBy"] = contribution.SubmittedBy,
        ["SubmittedByName"] = contribution.SubmittedByName,
        ["SubmittedAt"] = contribution.SubmittedAt,
        ["Status"] = contribution.Status,
        ["UsedIn"] = contribution.UsedIn,
        ["ContributedBy"] = contribution.ContributedBy,
    };

    private static Contribution Read(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("UnitId") ?? "",
        entity.GetString("UnitName") ?? "",
        entity.GetString("SiteId") ?? "",
        entity.GetString("SiteName") ?? "",
        DateOnly.ParseExact(entity.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        entity.GetString("Title") ?? "",
        TableJson.Read<List<string>>(entity.GetString("Paragraphs")) ?? [],
        TableJson.Read<List<ContributionPerson>>(entity.GetString("People")) ?? [],
        entity.GetString("Quote"),
        entity.GetString("QuoteBy"),
        entity.GetString("SubmittedBy") ?? "",
        entity.GetString("SubmittedByName"),
        entity.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Status") ?? ContributionStatus.Submitted,
        entity.GetString("UsedIn"),
        entity.GetString("ContributedBy"));
}
