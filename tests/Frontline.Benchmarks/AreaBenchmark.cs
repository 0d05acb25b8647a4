using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Frontline.Areas;
using Frontline.DailyCounts;
using Frontline.Stats;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Benchmarks;

/// <summary>
/// A province's day over 10,000 sites: the drill-down request (<c>GET /api/stats/areas?area=…</c>) beside a raw read of
/// exactly the rows it needs (the area, its children's listing, one roll-up row per area shown), and beside what the
/// same figures would cost without the area rows: every site's row of the day and every site's place under the
/// province, summed. The tree is Gansu's shape (1 province, 14 cities, 6 counties each, 5 towns each); the day's rows
/// are written as the roll-up writes them (site rows and area rows), since the benchmark measures the read.
/// </summary>
public static class AreaBenchmark
{
    private const int Sites = 10_000;
    private const int Cities = 14;
    private const int CountiesPerCity = 6;
    private const int TownsPerCounty = 5;
    private const int Rounds = 21;
    private const string Province = "620000";

    public static async Task<List<Result>> RunAsync()
    {
        await using var azurite = await SharedAzurite.StartDedicatedAsync();
        await using var app = new BenchmarkApp(azurite);
        app.Settings["Frontline:Triggers:Enabled"] = "false";
        await app.InitializeAsync();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var rollUps = tables.GetTableClient(app.NamePrefix + TableNames.RollUps);
        var areasTable = tables.GetTableClient(app.NamePrefix + TableNames.Areas);

        // The tree through the importer, the sites through the placement the sites import uses.
        var sheet = new StringBuilder(AreaImport.Header).Append('\n').Append(Province).Append(",甘肃省,province,\n");
        var towns = new List<(string Code, string Path)>();
        for (var c = 1; c <= Cities; c++)
        {
            var city = $"62{c:D2}00";
            sheet.Append(city).Append(",市").Append(c).Append(",city,").Append(Province).Append('\n');
            for (var k = 1; k <= CountiesPerCity; k++)
            {
                var county = $"62{c:D2}{k:D2}";
                sheet.Append(county).Append(",区县").Append(c).Append('-').Append(k).Append(",county,").Append(city).Append('\n');
                for (var t = 1; t <= TownsPerCounty; t++)
                {
                    var town = $"{county}{t:D3}";
                    sheet.Append(town).Append(",街道").Append(town).Append(",town,").Append(county).Append('\n');
                    towns.Add((town, string.Join('|', Province, city, county, town)));
                }
            }
        }

        using (var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"])))
        {
            var imported = await coordinator.PostAsync("/api/areas", new StringContent(sheet.ToString(), Encoding.UTF8, "text/csv"));
            imported.EnsureSuccessStatusCode();
        }

        var store = app.Get<AreaStore>();
        var tree = await store.ReadTreeAsync(CancellationToken.None);
        var placed = Enumerable.Range(0, Sites).Select(i => (Site: $"site-{i:D5}", Town: towns[i % towns.Count])).ToList();
        await store.PlaceAsync([.. placed.Select(site => new SitePlacement(site.Site, site.Site, "testing-point", site.Town.Code))], tree, CancellationToken.None);

        // The day's rows as the roll-up leaves them: each site's, and each area's sum of the sites below it.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var partition = RollUpStore.DayPartition(day);
        var sums = new Dictionary<string, (long Tested, int Reports)>(StringComparer.Ordinal);
        var rows = new List<TableEntity>();
        foreach (var (site, town) in placed)
        {
            var tested = 100 + (site.GetHashCode() & 0xff);
            rows.Add(Figures(new TableEntity(partition, "site|" + site) { ["Reports"] = 1 }, tested));
            foreach (var code in town.Path.Split('|'))
            {
                var sum = sums.GetValueOrDefault(code);
                sums[code] = (sum.Tested + tested, sum.Reports + 1);
            }
        }

        rows.AddRange(sums.Select(sum => Figures(new TableEntity(partition, "area|" + sum.Key) { ["Reports"] = sum.Value.Reports }, sum.Value.Tested)));
        await BulletinBenchmark.UpsertAsync(rollUps, rows);
        Console.WriteLine($"  areas: {tree.Count} areas, {Sites} sites placed, {rows.Count} roll-up rows written");

        using var client = app.CreateClient();
        var url = $"/api/stats/areas?area={Province}&day={day:yyyy-MM-dd}";
        var answer = await client.GetFromJsonAsync<AreaDayFigures>(url, System.Text.Json.JsonSerializerOptions.Web);
        if (answer!.Area!.Tested != sums[Province].Tested || answer.Area.Reports != Sites || answer.Children.Count != Cities)
        {
            throw new InvalidOperationException($"The province read {answer.Area.Tested} over {answer.Area.Reports} reports; {sums[Province].Tested} over {Sites} were written.");
        }

        var requestMs = await Measure.MedianAsync(Rounds, () => client.GetStringAsync(url));
        var rawMs = await Measure.MedianAsync(Rounds, () => RawDrillDownAsync(areasTable, rollUps, partition));
        var siteBySiteMs = await Measure.MedianAsync(5, async () =>
        {
            var total = await SiteBySiteAsync(areasTable, rollUps, partition);
            if (total != sums[Province].Tested)
            {
                throw new InvalidOperationException("The site-by-site sum differs from the area row.");
            }
        });

        return
        [
            new($"area drill-down, a province of {Sites} sites", $"GET /api/stats/areas (median of {Rounds})", requestMs, "ms",
                $"raw reads it needs: the area, its {Cities} cities' listing, {Cities + 1} roll-up rows (median of {Rounds})", rawMs, "≤ 2× raw"),
            new($"area drill-down, a province of {Sites} sites", "raw reads with area rows (17 requests)", rawMs, "ms",
                $"site by site without area rows: {Sites} site rows and {Sites} placements (median of 5)", siteBySiteMs, "informational"),
        ];
    }

    private static TableEntity Figures(TableEntity row, long tested)
    {
        row["OnDuty"] = 4L;
        row["PartyMembers"] = 2L;
        row["Tested"] = tested;
        row["PeopleChecked"] = 30L;
        row["VehiclesChecked"] = 0L;
        row["SuppliesDelivered"] = 5L;
        row["HouseholdsVisited"] = 3L;
        return row;
    }

    /// <summary>What the endpoint reads, read raw: the province's node, its children's listing, its row and each child's row of the day.</summary>
    private static async Task RawDrillDownAsync(TableClient areas, TableClient rollUps, string partition)
    {
        await areas.GetEntityIfExistsAsync<TableEntity>(AreaStore.Partition, "node|" + Province);
        var children = new List<string>();
        await foreach (var child in areas.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AreaStore.Partition} and RowKey ge {"child|" + Province + "|"} and RowKey lt {"child|" + Province + "}"}")))
        {
            children.Add(child.RowKey[(child.RowKey.LastIndexOf('|') + 1)..]);
        }

        await Task.WhenAll(children.Prepend(Province).Select(code => rollUps.GetEntityIfExistsAsync<TableEntity>(partition, "area|" + code)));
    }

    /// <summary>The province's figures without area rows: which sites are under it, then every site's row of the day.</summary>
    private static async Task<long> SiteBySiteAsync(TableClient areas, TableClient rollUps, string partition)
    {
        var below = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var placement in areas.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AreaStore.Partition} and RowKey ge {"under|" + Province + "|"} and RowKey lt {"under|" + Province + "}"}"), select: ["SiteId"]))
        {
            below.Add(placement.GetString("SiteId"));
        }

        long tested = 0;
        await foreach (var row in rollUps.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"site|"} and RowKey lt {"site}"}")))
        {
            if (below.Contains(row.RowKey[5..]))
            {
                tested += row.GetInt64("Tested") ?? 0;
            }
        }

        return tested;
    }
}
