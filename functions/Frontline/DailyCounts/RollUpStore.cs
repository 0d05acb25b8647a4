using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.DailyCounts;

/// <summary>
/// Roll-ups of the daily counts, kept current by the counts processor so that dashboards and bulletins read
/// a handful of rows instead of every submission. A day's roll-ups share one partition, so a submission's
/// delta reaches the day total, its unit's and its site's rows in one batch, together with the "applied"
/// row that records which version is in the sums: applying the same version twice changes nothing, and an
/// older version arriving late is ignored. The same batch adds the report to an <c>area|code</c> row for the site's area
/// and each area above it (at most five more entities), so any node of the area tree reads its day in one point read.
/// </summary>
public sealed class RollUpStore(FrontlineStorage storage)
{
    private const string TotalsPartition = "totals";
    private const string AllTimeRow = "all";
    private const string TotalRow = "total";
    private const string UnitPrefix = "unit|";
    private const string SitePrefix = "site|";
    private const string HighlightPrefix = "highlight|";
    private const string AppliedPrefix = "applied|";
    private const string TrendPrefix = "trend|";
    private const string AreaPrefix = "area|";
    private const char AreaSeparator = '|';
    private const int MaxAttempts = 30;

    private TableClient Table => storage.Table(TableNames.RollUps);

    public static string DayPartition(DateOnly day) => "day|" + DailyCountStore.Partition(day);

    /// <summary>When a submission was last applied to the sums (the all-time row's write time), for the health detail.</summary>
    public async Task<DateTimeOffset?> LastAppliedAtAsync(CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TotalsPartition, AllTimeRow, ["PartitionKey"], cancellationToken);
        return response.HasValue && response.Value is { } entity ? entity.Timestamp : null;
    }

    public async Task<CountFigures> ReadAllTimeTotalsAsync(CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TotalsPartition, AllTimeRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? CountFigures.ReadFrom(entity) : CountFigures.Zero;
    }

    /// <summary>
    /// Each unit's all-time sums: one range read of the totals partition. Units' rows start with the submissions
    /// applied since they were added (2026-12); a store with older submissions holds them in the all-time total only.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CountFigures>> ReadUnitTotalsAsync(CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, CountFigures>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TotalsPartition} and RowKey ge {UnitPrefix} and RowKey lt {"unit}"}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            totals[entity.RowKey[UnitPrefix.Length..]] = CountFigures.ReadFrom(entity);
        }

        return totals;
    }

    /// <summary>One point read: a day's total and how many reports it sums (zero when nothing was reported).</summary>
    public async Task<(CountFigures Total, int Reports)> ReadDayTotalAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(DayPartition(day), TotalRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? (CountFigures.ReadFrom(entity), entity.GetInt32("Reports") ?? 0)
            : (CountFigures.Zero, 0);
    }

    /// <summary>
    /// One point read: an area's figures for a day, summed over every site in it or below it, and how many reports
    /// (site and unit) they hold. The same one request for a province of 10,000 sites as for a community.
    /// </summary>
    public async Task<(CountFigures Figures, int Reports)> ReadAreaDayAsync(DateOnly day, string areaCode, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(DayPartition(day), TableKeys.Require(AreaPrefix + areaCode), cancellationToken);
        return entity is null ? (CountFigures.Zero, 0) : (CountFigures.ReadFrom(entity), entity.GetInt32("Reports") ?? 0);
    }

    /// <summary>
    /// One point read: an area's all-time sums over every site in it or below it. Area rows start with the reports
    /// rolled up since they were added (2026-12); a report rolled up before joins them at its next version.
    /// </summary>
    public async Task<CountFigures> ReadAreaTotalAsync(string areaCode, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(TotalsPartition, TableKeys.Require(AreaPrefix + areaCode), cancellationToken);
        return entity is null ? CountFigures.Zero : CountFigures.ReadFrom(entity);
    }

    /// <summary>
    /// Brings the sums up to this submission's version; safe to repeat and to run out of order. <paramref name="areas"/>
    /// are the codes of the areas the site is in, top down: the report's figures are added to each one's row of the day.
    /// </summary>
    public async Task ApplyAsync(Submission current, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        var day = DayPartition(current.Day);
        var highlightKey = $"{HighlightPrefix}{current.SiteId}|{current.UnitId}";
        string[] keys = [TotalRow, UnitPrefix + current.UnitId, SitePrefix + current.SiteId];
        await ApplyToPartitionAsync(day, $"{AppliedPrefix}{current.SiteId}|{current.UnitId}", current,
            applied => [.. Same(keys, current, applied), .. AreaChanges(areas, current, applied)], string.Join(AreaSeparator, areas),
            highlightKey, cancellationToken);
        // All-time sums, in total, per unit and per area: a bulletin's cumulative figures for its units are one range
        // read, and for an area one point read. The areas cost at most five more rows in this partition's batch; the
        // capacity benchmark measures 39 entities a report here against 92 in the day's partition (refused batches
        // included), which stays the first to reach 2,000 a second.
        string[] allTime = [AllTimeRow, UnitPrefix + current.UnitId];
        await ApplyToPartitionAsync(TotalsPartition, $"{AppliedPrefix}{DailyCountStore.Partition(current.Day)}|{current.SiteId}|{current.UnitId}",
            current, applied => [.. Same(allTime, current, applied), .. AreaChanges(areas, current, applied)], string.Join(AreaSeparator, areas), null,
            cancellationToken);
        await ApplyToTrendAsync(current, cancellationToken);
    }

    /// <summary>A change to rows that always hold this report: by the difference from the version applied, one more report if it is the first.</summary>
    private static IEnumerable<SumChange> Same(string[] keys, Submission current, TableEntity? applied)
    {
        var delta = current.Figures - (applied is null ? CountFigures.Zero : CountFigures.ReadFrom(applied));
        return keys.Select(key => new SumChange(key, delta, applied is null ? 1 : 0));
    }

    /// <summary>
    /// The area rows' change. The applied row remembers the areas its version was added to, so a site moved to another
    /// area between two versions takes its figures out of the old areas and puts the new ones in the new: each area
    /// holds exactly the reports of the sites in it when they were last rolled up. An applied row from before areas
    /// has none, so its report joins its areas whole at its next version.
    /// </summary>
    private static IEnumerable<SumChange> AreaChanges(IReadOnlyList<string> areas, Submission current, TableEntity? applied)
    {
        var before = applied?.GetString("Areas") is { Length: > 0 } path ? path.Split(AreaSeparator) : [];
        var old = applied is null ? CountFigures.Zero : CountFigures.ReadFrom(applied);
        foreach (var code in areas)
        {
            yield return before.Contains(code, StringComparer.Ordinal)
                ? new SumChange(AreaPrefix + code, current.Figures - old, 0)
                : new SumChange(AreaPrefix + code, current.Figures, 1);
        }

        foreach (var code in before.Where(code => !areas.Contains(code, StringComparer.Ordinal)))
        {
            yield return new SumChange(AreaPrefix + code, CountFigures.Zero - old, -1);
        }
    }

    /// <summary>One sum row's change in a roll-up's batch.</summary>
    private sealed record SumChange(string Key, CountFigures Delta, int Reports);

    /// <summary>
    /// A unit's figures at a site on the days before <paramref name="day"/> (at most <paramref name="days"/>), as
    /// rolled up: one partition range, where reading each day's submission would be one request per day.
    /// </summary>
    public async Task<IReadOnlyList<CountFigures>> ReadTrendAsync(string siteId, string unitId, DateOnly day, int days, CancellationToken cancellationToken)
    {
        var from = DailyCountStore.Partition(day.AddDays(-days));
        var to = DailyCountStore.Partition(day);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TrendPartition(siteId, unitId)} and RowKey ge {from} and RowKey lt {to}");
        var figures = new List<CountFigures>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: days, cancellationToken: cancellationToken))
        {
            figures.Add(CountFigures.ReadFrom(entity));
        }

        return figures;
    }

    private static string TrendPartition(string siteId, string unitId) => $"{TrendPrefix}{siteId}|{unitId}";

    /// <summary>Keeps the (site, unit) day row at the newest version seen; a late, older version leaves it alone.</summary>
    private async Task ApplyToTrendAsync(Submission current, CancellationToken cancellationToken)
    {
        var partition = TrendPartition(current.SiteId, current.UnitId);
        var rowKey = DailyCountStore.Partition(current.Day);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await GetAsync(partition, rowKey, cancellationToken);
            if (stored is not null && (stored.GetInt32("Version") ?? 0) >= current.Version)
            {
                return;
            }

            var row = new TableEntity(partition, rowKey) { ["Version"] = current.Version };
            current.Figures.WriteTo(row);
            try
            {
                if (stored is null)
                {
                    await Table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await Table.UpdateEntityAsync(row, stored.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (Azure.RequestFailedException conflict) when (conflict.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another processor wrote this day's row first; read again and compare versions.
            }
        }
    }

    /// <summary>One partition read: the day's total, per-unit and per-site sums and highlights (never the applied rows' detail).</summary>
    public async Task<DayRollUp> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var total = CountFigures.Zero;
        var reports = 0;
        var byUnit = new Dictionary<string, CountFigures>(StringComparer.Ordinal);
        var reportsByUnit = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySite = new Dictionary<string, CountFigures>(StringComparer.Ordinal);
        var highlights = new List<Highlight>();
        // "applied|…" sorts before "highlight|", "site|", "total" and "unit|": one range skips the bookkeeping rows.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayPartition(day)} and RowKey ge {HighlightPrefix}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == TotalRow)
            {
                total = CountFigures.ReadFrom(entity);
                reports = entity.GetInt32("Reports") ?? 0;
            }
            else if (entity.RowKey.StartsWith(UnitPrefix, StringComparison.Ordinal))
            {
                byUnit[entity.RowKey[UnitPrefix.Length..]] = CountFigures.ReadFrom(entity);
                reportsByUnit[entity.RowKey[UnitPrefix.Length..]] = entity.GetInt32("Reports") ?? 0;
            }
            else if (entity.RowKey.StartsWith(SitePrefix, StringComparison.Ordinal))
            {
                bySite[entity.RowKey[SitePrefix.Length..]] = CountFigures.ReadFrom(entity);
            }
            else if (entity.RowKey.StartsWith(HighlightPrefix, StringComparison.Ordinal) && entity.GetString("Text") is { Length: > 0 } text)
            {
                highlights.Add(new Highlight(entity.GetString("SiteId") ?? "", entity.GetString("UnitId") ?? "", text));
            }
        }

        return new DayRollUp(day, total, reports, byUnit, bySite, highlights) { ReportsByUnit = reportsByUnit };
    }

    /// <summary>A day's per-unit sums alone: one range of its partition, without the site rows (there may be thousands).</summary>
    public async Task<DayRollUp> ReadDayUnitsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var byUnit = new Dictionary<string, CountFigures>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayPartition(day)} and RowKey ge {UnitPrefix} and RowKey lt {"unit}"}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            byUnit[entity.RowKey[UnitPrefix.Length..]] = CountFigures.ReadFrom(entity);
        }

        return new DayRollUp(day, byUnit.Values.Aggregate(CountFigures.Zero, (sum, figures) => sum + figures), 0, byUnit,
            new Dictionary<string, CountFigures>(), []);
    }

    private async Task ApplyToPartitionAsync(string partition, string appliedKey, Submission current, Func<TableEntity?, IEnumerable<SumChange>> plan,
        string? areas, string? highlightKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var applied = await GetAsync(partition, appliedKey, cancellationToken);
            if (applied is not null && (applied.GetInt32("Version") ?? 0) >= current.Version)
            {
                return;
            }

            var changes = plan(applied).ToList();
            var sums = await Task.WhenAll(changes.Select(change => GetAsync(partition, TableKeys.Require(change.Key), cancellationToken)));

            var appliedRow = new TableEntity(partition, appliedKey) { ["Version"] = current.Version };
            current.Figures.WriteTo(appliedRow);
            if (areas is not null)
            {
                appliedRow["Areas"] = areas;
            }

            var actions = new List<TableTransactionAction>
            {
                applied is null ? new(TableTransactionActionType.Add, appliedRow) : new(TableTransactionActionType.UpdateReplace, appliedRow, applied.ETag),
            };
            for (var i = 0; i < changes.Count; i++)
            {
                var sum = sums[i];
                var row = new TableEntity(partition, changes[i].Key) { ["Reports"] = Math.Max(0, (sum?.GetInt32("Reports") ?? 0) + changes[i].Reports) };
                ((sum is null ? CountFigures.Zero : CountFigures.ReadFrom(sum)) + changes[i].Delta).WriteTo(row);
                actions.Add(sum is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, sum.ETag));
            }

            if (highlightKey is not null)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, highlightKey)
                {
                    ["SiteId"] = current.SiteId,
                    ["UnitId"] = current.UnitId,
                    ["Text"] = current.Highlight ?? "",
                }));
            }

            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another submission of the same day moved a sum first; read again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (attempt * 5))), cancellationToken);
            }
        }
    }

    private async Task<TableEntity?> GetAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
