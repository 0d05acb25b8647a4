using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Areas;
using Frontline.DailyCounts;
using Frontline.Stats;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Stats;

/// <summary>
/// Figures by area: each report is added to the rows of its site's area and every area above it when it is rolled
/// up, so a province, a city or a district reads its day in one row, and the drill-down steps from the top to a
/// district on Azurite. site-1 is in 南京市 itself, site-2 in 鼓楼区 under it; 玄武区 has no site yet.
/// </summary>
public sealed class AreaFiguresTests : IAsyncLifetime
{
    private readonly CountsApp _app = new();
    private HttpClient _reporter = null!;
    private HttpClient _public = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _reporter = _app.CreateClient(await _app.TokenAsync(["Reporter"], "unit-a"));
        _public = _app.CreateClient();
        using var coordinator = _app.CreateClient(await _app.TokenAsync(["Coordinator"]));
        var imported = await coordinator.PostAsync("/api/areas", new StringContent(AreaImport.Header + """

            320000,江苏省,province,
            320100,南京市,city,320000
            320106,鼓楼区,county,320100
            320102,玄武区,county,320100
            """, Encoding.UTF8, "text/csv"));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        await PlaceAsync(("site-1", "320100"), ("site-2", "320106"));
    }

    public async Task DisposeAsync()
    {
        _reporter.Dispose();
        _public.Dispose();
        await _app.DisposeAsync();
    }

    private async Task PlaceAsync(params (string Site, string Area)[] placements)
    {
        var store = _app.Get<AreaStore>();
        var tree = await store.ReadTreeAsync(CancellationToken.None);
        await store.PlaceAsync([.. placements.Select(placement => new SitePlacement(placement.Site, placement.Site, "testing-point", placement.Area))], tree, CancellationToken.None);
    }

    private async Task<int> PutAsync(string site, long tested, long onDuty = 2)
    {
        var body = new Dictionary<string, object?>
        {
            ["onDuty"] = onDuty, ["partyMembers"] = 1, ["tested"] = tested, ["peopleChecked"] = 0,
            ["vehiclesChecked"] = 0, ["suppliesDelivered"] = 5, ["householdsVisited"] = 0,
        };
        var response = await _reporter.PutAsJsonAsync($"/api/sites/{site}/counts/{CountsApp.Day(0)}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32();
    }

    private Task<AreaDayFigures> AreaAsync(string? area, Func<AreaDayFigures, bool> until) =>
        FrontlineApp.EventuallyAsync(
            async () => (await _public.GetFromJsonAsync<AreaDayFigures>($"/api/stats/areas?day={CountsApp.Day(0)}" + (area is null ? "" : $"&area={area}"), JsonSerializerOptions.Web))!,
            until);

    private static AreaFigures Child(AreaDayFigures figures, string code) => figures.Children.Single(child => child.Code == code);

    [Fact]
    public async Task Each_area_reads_the_sum_of_the_sites_in_it_and_below_it_and_steps_down_from_the_top()
    {
        await PutAsync("site-1", tested: 300);
        await PutAsync("site-2", tested: 200);

        var top = await AreaAsync(null, figures => Child(figures, "320000").Tested == 500);
        Assert.Null(top.Area);
        Assert.Equal(2, Child(top, "320000").Reports);

        var province = await AreaAsync("320000", figures => figures.Area!.Tested == 500);
        Assert.Equal(("江苏省", "province", 2, 4L), (province.Area!.Name, province.Area.Level, province.Area.Reports, province.Area.OnDuty));
        Assert.Equal(["320100"], province.Children.Select(child => child.Code));
        Assert.Equal(500, Child(province, "320100").Tested);

        var city = await AreaAsync("320100", figures => figures.Area!.Tested == 500);
        Assert.Equal(["320000"], city.Ancestors.Select(ancestor => ancestor.Code));
        Assert.Equal(["320102", "320106"], city.Children.Select(child => child.Code));
        Assert.Equal((200L, 1), (Child(city, "320106").Tested, Child(city, "320106").Reports));
        Assert.Equal((0L, 0), (Child(city, "320102").Tested, Child(city, "320102").Reports));
        Assert.Equal(1, Child(city, "320106").SitesBelow);
        Assert.Equal(2, city.Area!.SitesBelow);

        // The public daily series for one area: the same row, day by day.
        var series = await _public.GetFromJsonAsync<DailySeries>($"/api/stats/daily?area=320106&from={CountsApp.Day(1)}&to={CountsApp.Day(0)}", JsonSerializerOptions.Web);
        Assert.Equal("320106", series!.Area);
        Assert.Equal([0L, 200L], series.Days.Select(day => day.Tested));
    }

    [Fact]
    public async Task A_correction_moves_its_areas_sums_and_a_site_moved_between_versions_leaves_its_old_area()
    {
        await PutAsync("site-2", tested: 200);
        await AreaAsync("320100", figures => Child(figures, "320106").Tested == 200);

        await PlaceAsync(("site-2", "320102"));
        await PutAsync("site-2", tested: 250);

        var city = await AreaAsync("320100", figures => Child(figures, "320102").Tested == 250);
        Assert.Equal((0L, 0), (Child(city, "320106").Tested, Child(city, "320106").Reports));
        Assert.Equal(1, Child(city, "320102").Reports);
        Assert.Equal((250L, 1), (city.Area!.Tested, city.Area.Reports));
        var province = await AreaAsync("320000", figures => figures.Area!.Tested == 250);
        Assert.Equal(1, province.Area!.Reports);
    }

    [Fact]
    public async Task A_report_rolled_up_again_is_counted_once_in_every_area()
    {
        var version = await PutAsync("site-2", tested: 200);
        await AreaAsync("320000", figures => figures.Area!.Tested == 200);

        // A redelivered message, and a report rolled up before its site had an area, then again once it has one.
        var current = (await _app.Get<DailyCountStore>().GetCurrentAsync(DateOnly.Parse(CountsApp.Day(0)), "site-2", "unit-a", CancellationToken.None)).Current!;
        Assert.Equal(version, current.Version);
        await _app.Get<RollUpStore>().ApplyAsync(current, ["320000", "320100", "320106"], CancellationToken.None);
        await _app.Get<DailyCountProcessor>().HandleAsync(
            JsonSerializer.Serialize(new CountChanged(current.Day, "site-2", "unit-a", current.Version), JsonSerializerOptions.Web), 2, CancellationToken.None);

        foreach (var area in new[] { "320000", "320100", "320106" })
        {
            var (figures, reports) = await _app.Get<RollUpStore>().ReadAreaDayAsync(current.Day, area, CancellationToken.None);
            Assert.Equal((200L, 1), (figures.Tested, reports));
        }
    }

    [Fact]
    public async Task A_report_from_before_areas_joins_its_areas_whole_at_its_next_version()
    {
        // Rolled up by the code before areas: no area rows, an applied row without its areas.
        var rollUps = _app.Get<RollUpStore>();
        var day = DateOnly.Parse(CountsApp.Day(0));
        await PutAsync("site-1", tested: 300);
        await AreaAsync("320100", figures => figures.Area!.Tested == 300);
        var current = (await _app.Get<DailyCountStore>().GetCurrentAsync(day, "site-1", "unit-a", CancellationToken.None)).Current!;
        await StripAreasAsync(day, current);

        await PutAsync("site-1", tested: 320);

        var city = await AreaAsync("320100", figures => figures.Area!.Tested == 320);
        Assert.Equal(1, city.Area!.Reports);
        var (province, reports) = await rollUps.ReadAreaDayAsync(day, "320000", CancellationToken.None);
        Assert.Equal((320L, 1), (province.Tested, reports));
    }

    /// <summary>Makes the day's rows what the code before areas left: the area rows gone, the applied row without <c>Areas</c>.</summary>
    private async Task StripAreasAsync(DateOnly day, Submission current)
    {
        var table = _app.Storage.Table(Frontline.Storage.TableNames.RollUps);
        var partition = RollUpStore.DayPartition(day);
        foreach (var area in new[] { "320000", "320100" })
        {
            await table.DeleteEntityAsync(partition, "area|" + area);
        }

        var applied = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(partition, $"applied|{current.SiteId}|{current.UnitId}")).Value;
        applied.Remove("Areas");
        await table.UpdateEntityAsync(applied, applied.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
    }

    [Fact]
    public async Task Completeness_and_the_exports_read_for_one_area_cover_only_its_sites()
    {
        await PutAsync("site-1", tested: 300);
        await PutAsync("site-2", tested: 200);
        using var coordinator = _app.CreateClient(await _app.TokenAsync(["Coordinator"]));

        var district = await coordinator.GetFromJsonAsync<Completeness>($"/api/completeness?day={CountsApp.Day(0)}&area=320106", JsonSerializerOptions.Web);
        Assert.Equal("320106", district!.Area);
        var unit = Assert.Single(district.Units);
        Assert.Equal(("unit-a", "site-2"), (unit.UnitId, Assert.Single(unit.Sites).SiteId));
        Assert.Equal((1, 0), (district.Reported, district.Missing));
        var everywhere = await coordinator.GetFromJsonAsync<Completeness>($"/api/completeness?day={CountsApp.Day(0)}", JsonSerializerOptions.Web);
        Assert.True(everywhere!.Units.Count > 1);
        Assert.Null(everywhere.Area);

        var export = await coordinator.GetAsync($"/api/exports/counts.csv?from={CountsApp.Day(0)}&to={CountsApp.Day(0)}&area=320106");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("site-2", csv);
        Assert.DoesNotContain("site-1", csv);
        Assert.Contains("320106", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var city = await coordinator.GetStringAsync($"/api/exports/completeness.csv?day={CountsApp.Day(0)}&area=320100");
        Assert.Contains("site-1", city);
        Assert.Contains("site-2", city);
        Assert.DoesNotContain("site-3", city);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/exports/counts.xlsx?area=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/completeness?day={CountsApp.Day(0)}&area=999999")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_area_is_not_found_and_the_top_lists_the_provinces()
    {
        var unknown = await _public.GetAsync("/api/stats/areas?area=999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync("/api/stats/daily?area=999999")).StatusCode);

        var top = await _public.GetFromJsonAsync<AreaDayFigures>("/api/stats/areas", JsonSerializerOptions.Web);
        Assert.Equal(["320000"], top!.Children.Select(child => child.Code));
        Assert.Empty(top.Ancestors);
    }
}
