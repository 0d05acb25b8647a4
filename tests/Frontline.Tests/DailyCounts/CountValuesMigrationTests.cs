using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Frontline.DailyCounts;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.DailyCounts;

/// <summary>
/// Issue 20, "nothing is lost in the move": a store written in round one's shape (seven named figures on every count row:
/// submissions, current rows, applied and summed roll-ups, trend rows) reads the same before and after the migration
/// rewrites it by indicator code, and a second run finds nothing to do.
/// </summary>
public sealed class CountValuesMigrationTests(CountsApp app) : IClassFixture<CountsApp>
{
    private static readonly string[] LegacyProperties = ["OnDuty", "PartyMembers", "Tested", "PeopleChecked", "VehiclesChecked", "SuppliesDelivered", "HouseholdsVisited"];

    private static readonly string[] LegacyCodes = ["on-duty", "party-members", "tested", "people-checked", "vehicles-checked", "supplies-delivered", "households-visited"];

    [Fact]
    public async Task Rows_in_round_ones_shape_read_the_same_before_and_after_the_migration_and_a_second_run_changes_nothing()
    {
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        await SubmitAsync(reporter, "site-1", CountsApp.Day(1), new { onDuty = 3, partyMembers = 2, tested = 900, peopleChecked = 40, vehiclesChecked = 12, suppliesDelivered = 5, householdsVisited = 30, highlight = "锦东庭园完成第一轮全员核酸" });
        await SubmitAsync(reporter, "site-1", CountsApp.Day(), new { onDuty = 4, partyMembers = 3, tested = 1000, peopleChecked = 50, vehiclesChecked = 20, suppliesDelivered = 6, householdsVisited = 36 });
        // A correction: the history keeps both versions and the sums move to the second.
        await SubmitAsync(reporter, "site-1", CountsApp.Day(), new { onDuty = 4, partyMembers = 3, tested = 1100, peopleChecked = 50, vehiclesChecked = 20, suppliesDelivered = 6, householdsVisited = 36 });
        await SubmitAsync(reporter, "site-2", CountsApp.Day(), new { onDuty = 2, partyMembers = 1, tested = 2690, peopleChecked = 0, vehiclesChecked = 0, suppliesDelivered = 8, householdsVisited = 0 });
        await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today, CancellationToken.None), day => day.Total.Tested == 3790);
        // The day before's report and the site's trend too: the queue applies reports in any order, and what is read first must be settled.
        await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today.AddDays(-1), CancellationToken.None), day => day.Total.Tested == 900);
        await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadTrendAsync("site-1", "unit-a", CountsApp.Today, 7, CancellationToken.None), trend => trend.Count >= 1);

        var written = await ReadEverythingAsync();
        var rewrittenToLegacy = await RewriteAsRoundOneAsync();
        Assert.True(rewrittenToLegacy >= 10, $"only {rewrittenToLegacy} rows held figures");

        // Unmigrated rows already read the same figures (round one wrote all seven, so a zero it stored reads as a zero
        // where the new shape leaves out what a site type does not report): hosts serve throughout the migration.
        var unmigrated = await ReadEverythingAsync();
        Assert.Equal(WithoutZeros(written), WithoutZeros(unmigrated));

        var migration = app.Get<CountValuesMigration>();
        var first = await migration.MigrateAsync(CancellationToken.None);

        Assert.Equal(rewrittenToLegacy, first.Rewritten);
        Assert.Equal(unmigrated, await ReadEverythingAsync());
        foreach (var (_, row) in await FigureRowsAsync())
        {
            Assert.DoesNotContain(row.Keys, LegacyProperties.Contains);
            Assert.Contains(row.Keys, name => name.StartsWith(CountFigures.WholePrefix, StringComparison.Ordinal));
        }

        var second = await migration.MigrateAsync(CancellationToken.None);
        Assert.Equal(0, second.Rewritten);
        Assert.Equal(first.Scanned, second.Scanned);

        // New submissions land on migrated rows as on any other.
        await SubmitAsync(reporter, "site-2", CountsApp.Day(), new { values = new Dictionary<string, decimal> { ["on-duty"] = 2, ["party-members"] = 1, ["tested"] = 2700, ["supplies-delivered"] = 8, ["sampling-rounds"] = 8 } });
        var after = await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today, CancellationToken.None), day => day.Total.Tested == 3800);
        Assert.Equal(8m, after.Total["sampling-rounds"]);
        Assert.Equal(4L + 2L, after.Total.OnDuty);
    }

    private static async Task SubmitAsync(HttpClient reporter, string site, string day, object body)
    {
        using var response = await reporter.PutAsJsonAsync($"/api/sites/{site}/counts/{day}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Everything a reader gets from the count rows: histories, day roll-ups, trends, totals, the public series and the export.</summary>
    private async Task<string> ReadEverythingAsync()
    {
        var counts = app.Get<DailyCountStore>();
        var rollUps = app.Get<RollUpStore>();
        var parts = new List<object>();
        foreach (var daysBack in new[] { 0, 1 })
        {
            var day = CountsApp.Today.AddDays(-daysBack);
            foreach (var site in new[] { "site-1", "site-2" })
            {
                parts.Add(await counts.HistoryAsync(day, site, "unit-a", CancellationToken.None));
            }

            var rollUp = await rollUps.ReadDayAsync(day, CancellationToken.None);
            parts.Add(new { rollUp.Total, rollUp.Reports, rollUp.ByUnit, rollUp.BySite, rollUp.Highlights });
        }

        parts.Add(await rollUps.ReadTrendAsync("site-1", "unit-a", CountsApp.Today, 7, CancellationToken.None));
        parts.Add(await rollUps.ReadAllTimeTotalsAsync(CancellationToken.None));
        parts.Add(await rollUps.ReadUnitTotalsAsync(CancellationToken.None));

        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        parts.Add(await app.CreateClient().GetStringAsync($"/api/stats/daily?from={CountsApp.Day(1)}&to={CountsApp.Day()}"));
        parts.Add(await coordinator.GetStringAsync($"/api/exports/counts.csv?from={CountsApp.Day(1)}&to={CountsApp.Day()}"));
        return JsonSerializer.Serialize(parts);
    }

    /// <summary>The reads with every zero value taken out of the values by code: absent and zero mean the same.</summary>
    private static string WithoutZeros(string reads)
    {
        const string zero = @"\\?""[a-z-]+\\?"":0(?=[,}])";
        return System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(reads, "," + zero, ""), zero + ",?", "");
    }

    /// <summary>Every row that holds figures, in either shape.</summary>
    private async Task<List<(string Table, TableEntity Row)>> FigureRowsAsync()
    {
        var rows = new List<(string, TableEntity)>();
        foreach (var table in new[] { TableNames.DailyCounts, TableNames.RollUps })
        {
            await foreach (var entity in app.Get<FrontlineStorage>().Table(table).QueryAsync<TableEntity>())
            {
                if (entity.Keys.Any(name => name.StartsWith(CountFigures.WholePrefix, StringComparison.Ordinal) || LegacyProperties.Contains(name)))
                {
                    rows.Add((table, entity));
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Puts every figure row back as round one's code wrote it: the seven figures as named Int64 properties, all seven on
    /// every row (zeros included), no values by code and no indicator version on submissions.
    /// </summary>
    private async Task<int> RewriteAsRoundOneAsync()
    {
        var storage = app.Get<FrontlineStorage>();
        var count = 0;
        foreach (var (tableName, row) in await FigureRowsAsync())
        {
            var legacy = new TableEntity(row.PartitionKey, row.RowKey);
            foreach (var (name, value) in row)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or "IndicatorVersion" || name.StartsWith(CountFigures.WholePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                legacy[name] = value;
            }

            for (var i = 0; i < LegacyCodes.Length; i++)
            {
                legacy[LegacyProperties[i]] = row.GetInt64(CountFigures.PropertyOf(LegacyCodes[i], tenths: false)) ?? 0L;
            }

            await storage.Table(tableName).UpdateEntityAsync(legacy, row.ETag, TableUpdateMode.Replace);
            count++;
        }

        return count;
    }
}
