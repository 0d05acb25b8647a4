using System.Globalization;

using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Bulletins;

/// <summary>
/// A series lives in one partition: its bulletins (one row per period, so a period can never get two), a
/// number index row per published issue, and the counter. Publishing writes the bulletin, its index row and
/// the counter in one batch under the counter's ETag: two hosts publishing at once cannot take the same number,
/// and a failed batch takes none, so numbers run without gaps.
/// </summary>
public sealed class BulletinStore(FrontlineStorage storage)
{
    private const string BulletinPrefix = "bulletin|";
    private const string NumberPrefix = "number|";
    private const string CounterRow = "counter";

    private TableClient Table => storage.Table(TableNames.Bulletins);

    private static string Partition(string seriesId) => "series|" + seriesId;

    public async Task<Bulletin?> GetAsync(string seriesId, string periodKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(seriesId), BulletinPrefix + periodKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? Read(entity) : null;
    }

    public async Task<Bulletin?> GetByNumberAsync(string seriesId, int year, int number, CancellationToken cancellationToken)
    {
        var index = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(seriesId), NumberKey(year, number), cancellationToken: cancellationToken);
        return index.HasValue && index.Value?.GetString("PeriodKey") is { } periodKey ? await GetAsync(seriesId, periodKey, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<Bulletin>> ListAsync(string seriesId, CancellationToken cancellationToken) =>
        [.. (await ListWithETagsAsync(seriesId, cancellationToken)).Select(entry => entry.Bulletin)];

    /// <summary>The series' bulletins with their rows' ETags, in one range read: what an editor saves and approves against.</summary>
    public async Task<IReadOnlyList<(Bulletin Bulletin, ETag ETag)>> ListWithETagsAsync(string seriesId, CancellationToken cancellationToken)
    {
        var bulletins = new List<(Bulletin, ETag)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(seriesId)} and RowKey ge {BulletinPrefix} and RowKey lt {"bulletin}"}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            bulletins.Add((Read(entity), entity.ETag));
        }

        return bulletins;
    }

    /// <summary>Stores a draft for its period; false when the period already has a bulletin.</summary>
    public async Task<bool> TryAddDraftAsync(Bulletin draft, CancellationToken cancellationToken) =>
        await TryAddDraftWithETagAsync(draft, cancellationToken) is not null;

    /// <summary>Stores a draft for its period and returns its row's ETag; null when the period already has a bulletin.</summary>
    public async Task<ETag?> TryAddDraftWithETagAsync(Bulletin draft, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.AddEntityAsync(ToEntity(draft), cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Publishes with the next numbers: a new bulletin (when <paramref name="isNew"/>) or an existing draft. False when
    /// another publisher moved the counter or took the period first; the caller reads again and retries.
    /// </summary>
    public async Task<(bool Published, Bulletin Bulletin)> TryPublishAsync(Bulletin bulletin, bool isNew, ETag? draftETag, int totalNumberBefore, Func<int, int, int, string> title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = Partition(bulletin.SeriesId);
        var counter = await Table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
        var lastYear = counter.HasValue ? counter.Value!.GetInt32("Year") ?? 0 : 0;
        var lastNumber = counter.HasValue ? counter.Value!.GetInt32("Number") ?? 0 : 0;
        var lastTotal = counter.HasValue ? counter.Value!.GetInt32("TotalNumber") ?? totalNumberBefore : totalNumberBefore;

        var year = now.Year;
        var number = year == lastYear ? lastNumber + 1 : 1;
        var total = lastTotal + 1;
        var published = bulletin with
        {
            Status = BulletinStatus.Published,
            Year = year,
            Number = number,
            TotalNumber = total,
            Title = title(year, number, total),
            PublishedAt = now,
        };

        var counterRow = new TableEntity(partition, CounterRow) { ["Year"] = year, ["Number"] = number, ["TotalNumber"] = total };
        var actions = new List<TableTransactionAction>
        {
            isNew
                ? new(TableTransactionActionType.Add, ToEntity(published))
                : new(TableTransactionActionType.UpdateReplace, ToEntity(published), draftETag ?? ETag.All),
            new(TableTransactionActionType.Add, new TableEntity(partition, NumberKey(year, number)) { ["PeriodKey"] = published.PeriodKey }),
            counter.HasValue
                ? new(TableTransactionActionType.UpdateReplace, counterRow, counter.Value!.ETag)
                : new(TableTransactionActionType.Add, counterRow),
        };
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return (true, published);
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
        {
            return (false, bulletin);
        }
    }

    /// <summary>A bulletin with the ETag its row has now, for a save or an approval that must not overwrite another editor's.</summary>
    public async Task<(Bulletin Bulletin, ETag ETag)?> GetWithETagAsync(string seriesId, string periodKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(seriesId), BulletinPrefix + periodKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? (Read(entity), entity.ETag) : null;
    }

    /// <summary>Replaces an unpublished bulletin under its ETag; false when another save got there first.</summary>
    public async Task<(bool Saved, ETag ETag)> TryReplaceAsync(Bulletin bulletin, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(bulletin), etag, TableUpdateMode.Replace, cancellationToken);
            return (true, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException changed) when (changed.Status is 412 or 404)
        {
            return (false, default);
        }
    }

    private static string NumberKey(int year, int number) => $"{NumberPrefix}{year:D4}|{number:D4}";

    private static TableEntity ToEntity(Bulletin bulletin) => new(Partition(bulletin.SeriesId), BulletinPrefix + bulletin.PeriodKey)
    {
        ["Status"] = bulletin.Status,
        ["Year"] = bulletin.Year,
        ["Number"] = bulletin.Number,
        ["TotalNumber"] = bulletin.TotalNumber,
        ["Title"] = bulletin.Title,
        ["Headline"] = bulletin.Headline,
        ["Content"] = TableJson.Write(bulletin.Content),
        ["Source"] = bulletin.Source,
        ["Reviewer"] = bulletin.Reviewer,
        ["ComposedAt"] = bulletin.ComposedAt,
        ["PublishedAt"] = bulletin.PublishedAt,
        ["Html"] = bulletin.Html,
        ["CorrectsKey"] = bulletin.CorrectsKey,
        ["EditedBy"] = bulletin.EditedBy,
        ["EditedAt"] = bulletin.EditedAt,
    };

    private static Bulletin Read(TableEntity entity) => new(
        entity.PartitionKey["series|".Length..],
        entity.RowKey[BulletinPrefix.Length..],
        entity.GetString("Status") ?? BulletinStatus.Draft,
        entity.GetInt32("Year"),
        entity.GetInt32("Number"),
        entity.GetInt32("TotalNumber"),
        entity.GetString("Title") ?? "",
        entity.GetString("Source") ?? "",
        entity.GetString("Reviewer"),
        entity.GetDateTimeOffset("ComposedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("PublishedAt"),
        // Bulletins stored before content was kept apart (2026-12) have their headline and HTML only.
        entity.GetString("Content") is { } content
            ? TableJson.Read<BulletinContent>(content)!
            : new BulletinContent(entity.GetString("Headline") ?? "", "", "", [], ""),
        entity.GetString("Html") ?? "",
        entity.GetString("CorrectsKey"),
        entity.GetString("EditedBy"),
        entity.GetDateTimeOffset("EditedAt"));

    internal static string Key(int year, int number) => string.Create(CultureInfo.InvariantCulture, $"{year}-{number}");
}
