using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Areas;

/// <summary>An area as stored: its definition, its path from the top and the sites counted in it and below it.</summary>
public sealed record StoredArea(string Code, string Name, string Level, string? Parent, string Path, int SitesHere, int SitesBelow)
{
    public AreaSummary Summary => new(Code, Name, Level, Parent, SitesHere, SitesBelow);
}

/// <summary>A site's place as a sites import gives it.</summary>
public sealed record SitePlacement(string SiteId, string SiteName, string SiteType, string Area);

/// <summary>
/// The area tree and where sites sit in it, in one partition of the <c>Areas</c> table so that an import writes in
/// batches and a site's move is one transaction:
/// <list type="bullet">
/// <item><c>node|code</c>: the area, its path and its site counts (a point read);</item>
/// <item><c>child|parent|code</c> and <c>top|code</c>: the same area listed under its parent, with its counts, so a
/// node's children are one range read;</item>
/// <item><c>site|siteId</c>: the one area a site is in (one row per site, so a site cannot be in two places);</item>
/// <item><c>under|path|siteId</c>: the site under its area's path, so everything below an area is one key range
/// whatever its depth, read a page at a time.</item>
/// </list>
/// Reading an area is therefore at most seven requests (the node, up to four areas above it, its children, one page
/// of sites), whatever the number of sites below it. The counts are recomputed from the <c>under</c> rows after each
/// placement, so a re-import mends anything a failed one left.
/// </summary>
public sealed class AreaStore(FrontlineStorage storage)
{
    public const string Partition = "areas";
    private const string NodePrefix = "node|";
    private const string ChildPrefix = "child|";
    private const string TopPrefix = "top|";
    private const string SitePrefix = "site|";
    private const string UnderPrefix = "under|";
    private const int MaxBatch = 100;

    private TableClient Table => storage.Table(TableNames.Areas);

    /// <summary>The whole tree: what an import checks its rows against. Imports only; reads of one area never call it.</summary>
    public async Task<Dictionary<string, StoredArea>> ReadTreeAsync(CancellationToken cancellationToken)
    {
        var tree = new Dictionary<string, StoredArea>(StringComparer.Ordinal);
        await foreach (var entity in Range(NodePrefix, cancellationToken))
        {
            var area = ToArea(entity);
            tree[area.Code] = area;
        }

        return tree;
    }

    public async Task ImportAsync(IReadOnlyList<PlannedArea> areas, CancellationToken cancellationToken)
    {
        // Merge: a re-import renames an area and leaves its counts alone.
        var entities = areas.SelectMany(planned => new[]
        {
            Entity(NodePrefix + planned.Area.Code, planned),
            Entity(ListingKey(planned.Area.Code, planned.Area.Parent), planned),
        });
        foreach (var chunk in entities.Chunk(MaxBatch))
        {
            await Table.SubmitTransactionAsync(chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity)), cancellationToken);
        }

        static TableEntity Entity(string rowKey, PlannedArea planned) => new(Partition, TableKeys.Require(rowKey))
        {
            ["Name"] = planned.Area.Name,
            ["Level"] = planned.Area.Level,
            ["Parent"] = planned.Area.Parent ?? "",
            ["Path"] = planned.Path,
        };
    }

    public async Task<StoredArea?> GetAsync(string code, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, NodePrefix + code, cancellationToken: cancellationToken);
        return response.HasValue ? ToArea(response.Value!) : null;
    }

    /// <summary>
    /// The codes of the areas a site is in, from the top down (<c>510000, 510100, 510104</c>): one point read of its
    /// <c>site|</c> row; empty for a site no import has placed.
    /// </summary>
    public async Task<IReadOnlyList<string>> AreasOfSiteAsync(string siteId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Require(SitePrefix + siteId), ["Path"], cancellationToken);
        return response.HasValue && response.Value!.GetString("Path") is { Length: > 0 } path ? AreaPaths.Codes(path) : [];
    }

    /// <summary>The areas directly under <paramref name="parent"/>, or the areas at the top when it is null: one range read.</summary>
    public async Task<IReadOnlyList<AreaSummary>> ChildrenAsync(string? parent, CancellationToken cancellationToken)
    {
        var children = new List<AreaSummary>();
        await foreach (var entity in Range(parent is null ? TopPrefix : $"{ChildPrefix}{parent}|", cancellationToken))
        {
            children.Add(ToArea(entity).Summary);
        }

        return children.OrderBy(child => child.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Every site in the area at <paramref name="path"/> or below it: one range read of the <c>under</c> rows, the
    /// site ids only (a province of 10,000 sites is 10 pages of 1,000). For the readers that already read the whole
    /// catalog (completeness, the exports), to keep the area's part of it.
    /// </summary>
    public async Task<IReadOnlySet<string>> SiteIdsBelowAsync(string path, CancellationToken cancellationToken)
    {
        var sites = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {UnderPrefix + path + AreaPaths.Separator} and RowKey lt {UnderPrefix + AreaPaths.Below(path)}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["SiteId"], cancellationToken: cancellationToken))
        {
            sites.Add(entity.GetString("SiteId"));
        }

        return sites;
    }

    /// <summary>
    /// One page of the sites in the area at <paramref name="path"/> or anywhere below it, in path order: one range read
    /// of at most <paramref name="take"/> rows after the row key <paramref name="after"/>.
    /// </summary>
    public async Task<PlacedSitesPage> SitesBelowAsync(string path, int take, string? after, CancellationToken cancellationToken)
    {
        var from = UnderPrefix + path + AreaPaths.Separator;
        var to = UnderPrefix + AreaPaths.Below(path);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {after} and RowKey lt {to}");
        // One more than a page: when it comes back, the page is not the last, and the continuation is the page's last key.
        var rows = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: take + 1, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
            if (rows.Count > take)
            {
                break;
            }
        }

        var items = rows.Take(take)
            .Select(entity => new PlacedSite(entity.GetString("SiteId"), entity.GetString("Name"), entity.GetString("Type"), entity.GetString("Area")))
            .ToList();
        return new PlacedSitesPage(items, rows.Count > take ? rows[take - 1].RowKey : null);
    }

    /// <summary>Whether <paramref name="continuation"/> is a key this area's listing could have given.</summary>
    public static bool IsContinuationOf(string path, string continuation) =>
        continuation.StartsWith(UnderPrefix + path + AreaPaths.Separator, StringComparison.Ordinal) && TableKeys.IsValid(continuation);

    /// <summary>
    /// Puts each site in its area: its <c>site|</c> row names the area, its <c>under|</c> row moves from the old path to
    /// the new, both in one batch per site group, then the counts are recomputed. A site listed again in the area it is
    /// in only has its name and type refreshed.
    /// </summary>
    public async Task PlaceAsync(IReadOnlyList<SitePlacement> placements, IReadOnlyDictionary<string, StoredArea> tree, CancellationToken cancellationToken)
    {
        if (placements.Count == 0)
        {
            return;
        }

        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in Range(SitePrefix, cancellationToken))
        {
            current[entity.RowKey[SitePrefix.Length..]] = entity.GetString("Path");
        }

        var actions = new List<TableTransactionAction>();
        // One set of actions per site: a batch may not name a row twice.
        foreach (var placement in placements.GroupBy(placement => placement.SiteId, StringComparer.Ordinal).Select(group => group.Last()))
        {
            var path = tree[placement.Area].Path;
            if (current.TryGetValue(placement.SiteId, out var oldPath) && oldPath != path)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(Partition, UnderKey(oldPath, placement.SiteId)), ETag.All));
            }

            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, TableKeys.Require(SitePrefix + placement.SiteId))
            {
                ["Area"] = placement.Area,
                ["Path"] = path,
            }));
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, UnderKey(path, placement.SiteId))
            {
                ["SiteId"] = placement.SiteId,
                ["Name"] = placement.SiteName,
                ["Type"] = placement.SiteType,
                ["Area"] = placement.Area,
            }));
        }

        // A site's actions stay together in one batch: at most three, so a batch of 99 never splits a site.
        foreach (var chunk in actions.Chunk(MaxBatch - MaxBatch % 3))
        {
            await Table.SubmitTransactionAsync(chunk, cancellationToken);
        }

        await RecountAsync(tree, cancellationToken);
    }

    /// <summary>
    /// Counts the sites in and below every area from the <c>under</c> rows and writes the counts that changed, on the
    /// area's node row and on its listing under its parent. Reads every placed site: run by imports, never by a reader.
    /// </summary>
    private async Task RecountAsync(IReadOnlyDictionary<string, StoredArea> tree, CancellationToken cancellationToken)
    {
        var here = new Dictionary<string, int>(StringComparer.Ordinal);
        var below = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {UnderPrefix} and RowKey lt {AreaPaths.Below("under")}"),
            select: ["RowKey", "Area"], cancellationToken: cancellationToken))
        {
            var area = entity.GetString("Area");
            here[area] = here.GetValueOrDefault(area) + 1;
            var path = entity.RowKey[UnderPrefix.Length..entity.RowKey.LastIndexOf(AreaPaths.Separator)];
            foreach (var code in AreaPaths.Codes(path))
            {
                below[code] = below.GetValueOrDefault(code) + 1;
            }
        }

        var changed = tree.Values
            .Where(area => area.SitesHere != here.GetValueOrDefault(area.Code) || area.SitesBelow != below.GetValueOrDefault(area.Code))
            .SelectMany(area => new[] { NodePrefix + area.Code, ListingKey(area.Code, area.Parent) }
                .Select(rowKey => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, rowKey)
                {
                    ["SitesHere"] = here.GetValueOrDefault(area.Code),
                    ["SitesBelow"] = below.GetValueOrDefault(area.Code),
                }, ETag.All)));
        foreach (var chunk in changed.Chunk(MaxBatch))
        {
            await Table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    private static string ListingKey(string code, string? parent) => TableKeys.Require(parent is null ? TopPrefix + code : $"{ChildPrefix}{parent}|{code}");

    private static string UnderKey(string path, string siteId) => TableKeys.Require($"{UnderPrefix}{path}{AreaPaths.Separator}{siteId}");

    private AsyncPageable<TableEntity> Range(string prefix, CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + '}'}"),
            cancellationToken: cancellationToken);

    private static StoredArea ToArea(TableEntity entity)
    {
        var path = entity.GetString("Path");
        var parent = entity.GetString("Parent");
        return new StoredArea(AreaPaths.Codes(path)[^1], entity.GetString("Name"), entity.GetString("Level"), string.IsNullOrEmpty(parent) ? null : parent, path,
            entity.GetInt32("SitesHere") ?? 0, entity.GetInt32("SitesBelow") ?? 0);
    }
}
