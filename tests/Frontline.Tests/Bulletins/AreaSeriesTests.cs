using System.Globalization;
using System.Net.Http.Json;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Seeding;
using Frontline.Sites;
using Frontline.Tests.Foundation;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Bulletins;

/// <summary>
/// A series scoped to a jurisdiction: 成都市's command office reports the sites of 成都市 (510100) whoever serves them, and
/// 南京市's reports 南京市 (320100), from the demo seeds, whose hand sums are the reference. A unit series beside them
/// (四川省地方志办's 政工简讯) still reports its units.
/// </summary>
public sealed class AreaSeriesTests
{
    private static readonly string Seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");

    private static async Task<FrontlineApp> StartAsync(string chengduArea = "510100")
    {
        var app = new FrontlineApp();
        app.Settings["BulletinSchedule"] = "0 0 0 1 1 *";
        void Series(int index, string id, string shortName, string? area, string? unitId)
        {
            app.Settings[$"Frontline:Bulletins:Series:{index}:SeriesId"] = id;
            app.Settings[$"Frontline:Bulletins:Series:{index}:Title"] = "疫情防控工作简报";
            app.Settings[$"Frontline:Bulletins:Series:{index}:ShortName"] = shortName;
            app.Settings[$"Frontline:Bulletins:Series:{index}:Office"] = shortName + "办公室";
            if (area is not null)
            {
                app.Settings[$"Frontline:Bulletins:Series:{index}:AreaCode"] = area;
            }

            if (unitId is not null)
            {
                app.Settings[$"Frontline:Bulletins:Series:{index}:UnitIds:0"] = unitId;
            }
        }

        Series(0, "chengdu", "成都市疫情防控指挥部", chengduArea, null);
        Series(1, "nanjing", "南京市疫情防控应急指挥部", "320100", null);
        Series(2, "zhenggong", "四川省地方志办", null, "sc-difangzhi");
        await app.InitializeAsync();
        await app.Get<DemoSeeder>().SeedAsync(Seeds, CancellationToken.None);
        foreach (var daysBack in new[] { "1", "2" })
        {
            var reports = Csv("daily-counts.csv").Count(row => row["daysBack"] == daysBack);
            await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(Today.AddDays(-int.Parse(daysBack, CultureInfo.InvariantCulture)), CancellationToken.None),
                rollUp => rollUp.Reports == reports);
        }

        // The all-time rows (the units', the areas') are a second batch after the day's: settled once they hold every report.
        var table = app.Storage.Table(Frontline.Storage.TableNames.RollUps);
        await FrontlineApp.EventuallyAsync(
            async () => await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("totals", "all") is { HasValue: true } all ? all.Value!.GetInt32("Reports") : 0,
            reports => reports == Csv("daily-counts.csv").Count);
        return app;
    }

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>The seeds' sites whose area is <paramref name="code"/> or below it, by the parents of seeds/areas.csv.</summary>
    private static HashSet<string> SitesIn(string code)
    {
        var parents = Csv("areas.csv").ToDictionary(row => row["code"], row => row["parent"]);
        bool Below(string area) => area == code || (parents.TryGetValue(area, out var parent) && parent.Length > 0 && Below(parent));
        return Csv("sites.csv").Where(row => Below(row["area"])).Select(row => row["id"]).ToHashSet();
    }

    private static decimal Sum(IEnumerable<Dictionary<string, string>> rows, string code) =>
        rows.Sum(row => row[code].Length == 0 ? 0 : decimal.Parse(row[code], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Chengdus_series_counts_the_sites_of_chengdu_whoever_reports_them_and_nanjings_the_sites_of_nanjing()
    {
        await using var app = await StartAsync();
        var service = app.Get<BulletinService>();
        var period = Period.JustClosed(Cadence.Daily, Today);
        var counts = Csv("daily-counts.csv");

        foreach (var (seriesId, code) in new[] { ("chengdu", "510100"), ("nanjing", "320100") })
        {
            var sites = SitesIn(code);
            Assert.NotEmpty(sites);
            var series = service.Series.Single(series => series.SeriesId == seriesId);
            var figures = await service.FiguresAsync(series, period, CancellationToken.None);
            var yesterday = counts.Where(row => row["daysBack"] == "1" && sites.Contains(row["siteId"])).ToList();
            var before = counts.Where(row => row["daysBack"] == "2" && sites.Contains(row["siteId"])).ToList();

            Assert.Equal(Sum(yesterday, "tested"), figures.Period.Tested);
            Assert.Equal(Sum(before, "tested"), figures.PreviousPeriod.Tested);
            // Every day up to the period's end, from the area's all-time row: here the two seeded days.
            Assert.Equal(Sum(yesterday, "tested") + Sum(before, "tested"), figures.Cumulative.Tested);
            Assert.Equal(yesterday.Count, figures.Reports);
            Assert.Equal(yesterday.Select(row => row["siteId"]).Distinct().Count(), figures.SitesReporting);
            Assert.Equal(counts.Where(row => row["daysBack"] == "1").Count(row => sites.Contains(row["siteId"]) && row["highlight"].Length > 0), figures.Highlights.Count);
            // The area's units: those that own one of its sites or have people at one, and no other.
            var catalog = await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
            var people = catalog.Rosters.Where(roster => roster.Value > 0 && sites.Contains(Catalog.RosterParts(roster.Key).SiteId)).ToList();
            Assert.Equal(catalog.Units.Values.Where(unit => unit.SiteIds.Any(sites.Contains)).Select(unit => unit.Id)
                .Concat(people.Select(roster => Catalog.RosterParts(roster.Key).UnitId)).ToHashSet(), figures.Units.ToHashSet());
            Assert.Superset(counts.Where(row => sites.Contains(row["siteId"])).Select(row => row["unitId"]).ToHashSet(), figures.Units.ToHashSet());
            // Its people are those serving at its sites, whatever their unit.
            Assert.Equal(people.Sum(roster => roster.Value), figures.VolunteersAssigned);
            Assert.Equal(figures.VolunteersAssigned, figures.VolunteersRegistered);
        }

        // Chengdu's sites are reported by two units: 四川省地方志办 (a unit series of its own) and 成都文旅集团.
        var chengdu = await service.FiguresAsync(service.Series.Single(series => series.SeriesId == "chengdu"), period, CancellationToken.None);
        var zhenggong = await service.FiguresAsync(service.Series.Single(series => series.SeriesId == "zhenggong"), period, CancellationToken.None);
        Assert.Contains("cd-wenlv", chengdu.Units);
        Assert.DoesNotContain("cd-wenlv", zhenggong.Units);
        Assert.True(chengdu.Period.Tested > zhenggong.Period.Tested);
        Assert.Equal(Sum(counts.Where(row => row["daysBack"] == "1" && row["unitId"] == "sc-difangzhi"), "tested"), zhenggong.Period.Tested);
    }

    [Fact]
    public async Task An_area_series_carries_the_pieces_written_about_its_sites_whoever_wrote_them_and_no_others()
    {
        await using var app = await StartAsync();
        var service = app.Get<BulletinService>();
        var period = Period.JustClosed(Cadence.Daily, Today);
        var pieces = (await app.Get<Frontline.Bulletins.Contributions.ContributionStore>().ListAsync(period.First, period.Last, CancellationToken.None))
            .ToDictionary(piece => piece.Id);
        foreach (var (seriesId, code) in new[] { ("chengdu", "510100"), ("nanjing", "320100") })
        {
            var draft = await service.ComposeAsync(service.Series.Single(series => series.SeriesId == seriesId), period, CancellationToken.None);
            var carried = draft.Content.Sections.Select(section => section.ContributionId).OfType<string>().Select(id => pieces[id]).ToList();
            // Every piece of the period about the city's sites, and none about another city's, whichever unit sent it.
            Assert.Equal(pieces.Values.Where(piece => SitesIn(code).Contains(piece.SiteId)).Select(piece => piece.Id).Order(),
                carried.Select(piece => piece.Id).Order());
            Assert.NotEmpty(carried);
        }

        // 南京市医保局 has people in Chengdu (so it is one of Chengdu's units), but its piece is about the 沪宁 checkpoint.
        var chengdu = await service.FiguresAsync(service.Series.Single(series => series.SeriesId == "chengdu"), period, CancellationToken.None);
        Assert.False(chengdu.Scope.CoversPiece("nj-yibao", "nj-huning-checkpoint"));
    }

    [Fact]
    public async Task The_published_bulletins_say_each_citys_figures_and_a_report_after_the_period_leaves_them_as_they_were()
    {
        await using var app = await StartAsync();
        var service = app.Get<BulletinService>();
        var period = Period.JustClosed(Cadence.Daily, Today);
        var chengdu = service.Series.Single(series => series.SeriesId == "chengdu");
        var before = await service.FiguresAsync(chengdu, period, CancellationToken.None);

        // A report for today at a Chengdu site reaches the area's all-time row, and is taken off it as a day after the period.
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "sc-difangzhi"));
        using var sent = await reporter.PutAsJsonAsync($"/api/sites/cd-yusha-testing/counts/{Today:O}", new
        {
            values = new Dictionary<string, decimal> { ["on-duty"] = 6, ["party-members"] = 5, ["tested"] = 700, ["supplies-delivered"] = 0, ["sampling-rounds"] = 1 },
        });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadAreaTotalAsync("510100", CancellationToken.None), total => total.Tested == before.Cumulative.Tested + 700);
        Assert.Equal(before.Cumulative, (await service.FiguresAsync(chengdu, period, CancellationToken.None)).Cumulative);

        var results = await service.RunNowAsync(CancellationToken.None);
        using var client = app.CreateClient();
        foreach (var (seriesId, code) in new[] { ("chengdu", "510100"), ("nanjing", "320100") })
        {
            var result = results.Single(result => result.SeriesId == seriesId);
            Assert.Equal("published", result.Outcome);
            var bulletin = (await client.GetFromJsonAsync<BulletinView>($"/api/bulletins/{result.Year}/{result.Number}?series={seriesId}"))!;
            var tested = Sum(Csv("daily-counts.csv").Where(row => row["daysBack"] == "1" && SitesIn(code).Contains(row["siteId"])), "tested");
            Assert.Contains($"协助核酸检测{tested.ToString(CultureInfo.InvariantCulture)}人次", bulletin.Html, StringComparison.Ordinal);
            Assert.Contains($"下沉到{(seriesId == "chengdu" ? "成都市" : "南京市")}", bulletin.Html, StringComparison.Ordinal);
        }

        var listed = (await client.GetFromJsonAsync<List<SeriesView>>("/api/bulletins/series"))!;
        Assert.Equal("510100", listed.Single(series => series.SeriesId == "chengdu").Area);
        Assert.Null(listed.Single(series => series.SeriesId == "zhenggong").Area);
    }

    [Fact]
    public async Task A_series_of_an_area_not_in_the_tree_covers_no_site_and_says_nothing_was_reported()
    {
        await using var app = await StartAsync(chengduArea: "510199");
        var service = app.Get<BulletinService>();
        var chengdu = service.Series.Single(series => series.SeriesId == "chengdu");
        var figures = await service.FiguresAsync(chengdu, Period.JustClosed(Cadence.Daily, Today), CancellationToken.None);
        Assert.Equal((0, 0, 0, CountFigures.Zero), (figures.Reports, figures.SitesOpen, figures.UnitsDispatched, figures.Period));
        var draft = await service.ComposeAsync(chengdu, Period.JustClosed(Cadence.Daily, Today), CancellationToken.None);
        Assert.Contains("未报送工作数据", draft.Content.Figures, StringComparison.Ordinal);
        Assert.Contains(app.LogLines, line => line.Contains("510199", StringComparison.Ordinal) && line.Contains("not in the area tree", StringComparison.Ordinal));
    }

    [Fact]
    public void A_series_scoped_to_both_an_area_and_units_or_to_a_malformed_code_fails_the_start_naming_the_setting()
    {
        var both = new BulletinOptions { Series = [new BulletinSeriesOptions { SeriesId = "chengdu", AreaCode = "510100", UnitIds = ["cd-wenlv"] }] };
        Assert.Contains("set AreaCode or UnitIds, not both", both.Problem(), StringComparison.Ordinal);
        var malformed = new BulletinOptions { Series = [new BulletinSeriesOptions { SeriesId = "chengdu", AreaCode = "成都" }] };
        Assert.Contains("AreaCode must be an area's code", malformed.Problem(), StringComparison.Ordinal);
        Assert.Null(new BulletinOptions { Series = [new BulletinSeriesOptions { SeriesId = "chengdu", AreaCode = "510100" }] }.Problem());
    }

    private static List<Dictionary<string, string>> Csv(string file) => Frontline.Http.Csv.ReadWithHeader(File.ReadAllText(Path.Combine(Seeds, file)));
}
