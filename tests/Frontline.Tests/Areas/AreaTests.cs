using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Areas;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Areas;

/// <summary>
/// The area tree on Azurite: imported by Coordinators row by row, read by anyone a node at a time, each site in one
/// area, and a node's sites read a page at a time whatever the number below it. Each test uses its own codes, because
/// the tests share one store.
/// </summary>
public sealed class AreaTests(AreaTests.App app) : IClassFixture<AreaTests.App>
{
    public sealed class App : FrontlineApp
    {
        public HttpClient Coordinator { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Settings["Frontline:Storage:Meter"] = "true";
            Settings["Frontline:Triggers:Enabled"] = "false";
            await base.InitializeAsync();
            Coordinator = CreateClient(await TokenAsync(["Coordinator"]));
        }

        public override async Task DisposeAsync()
        {
            Coordinator.Dispose();
            await base.DisposeAsync();
        }
    }

    private const string SitesHeader = CatalogImport.SitesHeader + "," + CatalogImport.SiteAreaColumn;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<ImportResult> ImportAreasAsync(string csv)
    {
        var response = await app.Coordinator.PostAsync("/api/areas", Csv(AreaImport.Header + "\n" + csv));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportResult>())!;
    }

    private async Task<ImportResult> ImportSitesAsync(IEnumerable<(string Id, string Area)> sites)
    {
        var rows = sites.Select(site => $"{site.Id},点位{site.Id},testing-point,,,某社区,,,5,,,,{site.Area}");
        var response = await app.Coordinator.PostAsync("/api/sites/import", Csv(SitesHeader + "\n" + string.Join("\n", rows) + "\n"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportResult>())!;
    }

    private async Task<AreaDetail> AreaAsync(string code, string query = "")
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync($"/api/areas/{code}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AreaDetail>())!;
    }

    private async Task<List<string>> AllSitesBelowAsync(string code, int take)
    {
        var sites = new List<string>();
        string? continuation = null;
        do
        {
            var page = await AreaAsync(code, $"?take={take}" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.True(page.Sites.Items.Count <= take);
            sites.AddRange(page.Sites.Items.Select(site => site.SiteId));
            continuation = page.Sites.Continuation;
        }
        while (continuation is not null);
        return sites;
    }

    private static IReadOnlyDictionary<string, string[]> Errors(ImportResult result, int line) => result.Rows.Single(row => row.Line == line).Errors;

    [Fact]
    public async Task A_tree_imported_from_province_to_community_reads_from_the_top_down()
    {
        // Levels as offices write them, in Chinese, and a child before its parent in the sheet.
        var result = await ImportAreasAsync("""
            510104,锦江区,区县,510100
            510000,四川省,省,
            510100,成都市,市,510000
            510104-shahe,沙河街道,街道乡镇,510104
            510104-tazishan,塔子山社区,社区,510104-shahe
            """);

        Assert.Equal(5, result.Imported);
        Assert.Equal(0, result.Rejected);
        using var anonymous = app.CreateClient();
        var top = await anonymous.GetFromJsonAsync<List<AreaSummary>>("/api/areas");
        Assert.Contains(top!, area => area is { Code: "510000", Name: "四川省", Level: AreaLevels.Province, Parent: null });
        var cities = await anonymous.GetFromJsonAsync<List<AreaSummary>>("/api/areas?parent=510000");
        Assert.Equal(["510100"], cities!.Select(city => city.Code));

        var community = await AreaAsync("510104-tazishan");
        Assert.Equal(("塔子山社区", AreaLevels.Community, "510104-shahe"), (community.Name, community.Level, community.Parent));
        Assert.Equal(["510000", "510100", "510104", "510104-shahe"], community.Ancestors.Select(area => area.Code));
        Assert.Equal(["四川省", "成都市", "锦江区", "沙河街道"], community.Ancestors.Select(area => area.Name));
        var district = await AreaAsync("510104");
        Assert.Equal(["510104-shahe"], district.Children.Select(child => child.Code));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/areas/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/areas?parent=999999")).StatusCode);
    }

    [Fact]
    public async Task A_sheet_saved_by_Chinese_Excel_in_GBK_imports_as_its_UTF_8_twin_does()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(54936).GetBytes(AreaImport.Header + "\r\n330000,浙江省（GBK）,省,\r\n330100,杭州市,市,330000\r\n");
        var content = new ByteArrayContent(gbk);
        content.Headers.TryAddWithoutValidation("Content-Type", "text/csv");

        var response = await app.Coordinator.PostAsync("/api/areas", content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<ImportResult>())!.Imported);
        Assert.Equal(["浙江省（GBK）", "杭州市"], (await AreaAsync("330100")).Ancestors.Select(area => area.Name).Append((await AreaAsync("330100")).Name));
    }

    [Fact]
    public async Task The_same_sheet_imported_again_changes_nothing_but_a_name_it_corrects()
    {
        const string Sheet = """
            320000,江苏省,province,
            320100,南京市,city,320000
            320106,鼓楼区,county,320100
            """;
        await ImportAreasAsync(Sheet);
        var before = await AreaAsync("320100");

        var again = await ImportAreasAsync(Sheet);

        Assert.Equal(3, again.Imported);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(await AreaAsync("320100")));
        var renamed = await ImportAreasAsync("320106,南京市鼓楼区,county,320100");
        Assert.Equal(1, renamed.Imported);
        Assert.Equal("南京市鼓楼区", Assert.Single((await AreaAsync("320100")).Children).Name);
        Assert.Equal("南京市鼓楼区", (await AreaAsync("320106")).Name);
    }

    [Fact]
    public async Task Each_bad_row_is_answered_with_its_line_and_field_and_the_good_rows_import()
    {
        var result = await ImportAreasAsync("""
            610000,陕西省,province,
            610100,西安市,city,610000
            610199,无此上级,county,619999
            610100-a,甲街道,town,610100-b
            610100-b,乙街道,town,610100-a
            610100-c,丙社区,community,610100-a
            610000-x,省下的省,province,610000
            610100-town,某街道,town,610100
            610100-up,街道下的区县,county,610100-town
            610100-dup,重复一,town,610100
            610100-dup,重复二,town,610100
            610100-noname,,town,610100
            610100-level,某区,无此级别,610100
            610100-kid,某社区,community,610100-dup
            """);

        Assert.Equal(3, result.Imported);
        Assert.Contains("Unknown parent '619999'", Errors(result, 4)["parent"][0]);
        Assert.Contains("A cycle: 610100-a → 610100-b → 610100-a", Errors(result, 5)["parent"][0]);
        Assert.Contains("A cycle", Errors(result, 6)["parent"][0]);
        Assert.Contains("is refused", Errors(result, 7)["parent"][0]);
        Assert.Contains("Nothing is above a province", Errors(result, 8)["level"][0]);
        Assert.Contains("A county cannot be under a town", Errors(result, 10)["level"][0]);
        Assert.Contains("lines 11, 12", Errors(result, 11)["code"][0]);
        Assert.Contains("lines 11, 12", Errors(result, 12)["code"][0]);
        Assert.Equal(["Required."], Errors(result, 13)["name"]);
        Assert.True(Errors(result, 14).ContainsKey("level"));
        Assert.Contains("The parent '610100-dup' is refused on line 11", Errors(result, 15)["parent"][0]);
        Assert.Equal(["610000", "610100", "610100-town"], result.Rows.Where(row => row.Id is not null).Select(row => row.Id));
        // The refused areas were not written.
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/areas/610100-a")).StatusCode);
        Assert.Equal(["610100-town"], (await AreaAsync("610100")).Children.Select(child => child.Code));

        // The import is in the audit trail with its counts.
        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "areas.imported"), record => record.Details["imported"] == "3" && record.Details["rejected"] == result.Rejected.ToString());
    }

    [Fact]
    public async Task A_sheet_of_only_bad_rows_is_a_problem_naming_each_line_and_field()
    {
        var response = await app.Coordinator.PostAsync("/api/areas", Csv(AreaImport.Header + "\nzz-1,某地,city,no-such-area\nzz-2,,city,\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("lines[2].parent", out _));
        Assert.True(errors.TryGetProperty("lines[3].name", out _));
    }

    [Fact]
    public async Task An_existing_area_keeps_its_parent_and_level()
    {
        await ImportAreasAsync("""
            620000,甘肃省,province,
            620100,兰州市,city,620000
            620200,嘉峪关市,city,620000
            620100-x,某街道,town,620100
            """);

        var moved = await ImportAreasAsync("620100-x,某街道,town,620200\n620100-y,某社区,community,620100-x\n");

        Assert.Contains("keeps its parent", Errors(moved, 2)["parent"][0]);
        // A child of the area still imports: the area as stored is its parent.
        Assert.Equal("620100-y", moved.Rows.Single(row => row.Line == 3).Id);
        Assert.Equal(["620100", "620100-x"], (await AreaAsync("620100-y")).Ancestors.Select(area => area.Code).Skip(1));
    }

    [Fact]
    public async Task Only_a_Coordinator_imports_and_a_refused_import_writes_nothing()
    {
        const string Sheet = AreaImport.Header + "\nzz-refused,某省,province,\n";
        var before = await StorageSnapshot.TakeAsync(app.Storage, [TableNames.Areas], queues: false);
        using var anonymous = app.CreateClient();
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/areas", Csv(Sheet))).StatusCode);
        var refused = await reporter.PostAsync("/api/areas", Csv(Sheet));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(app.Storage, [TableNames.Areas], queues: false));
    }

    [Fact]
    public async Task A_site_is_in_one_area_and_a_sheet_that_puts_it_in_two_is_refused()
    {
        await ImportAreasAsync("""
            xa-root,陕西省（测试）,province,
            xa-city,西安市（测试）,city,xa-root
            xa-jingkai,西安经开区,county,xa-city
            xa-beilin,碑林区,county,xa-city
            """);

        var twice = await ImportSitesAsync([("xa-site-1", "xa-jingkai"), ("xa-site-1", "xa-beilin"), ("xa-site-2", "xa-nowhere"), ("xa-site-3", "xa-jingkai")]);

        Assert.Equal(1, twice.Imported);
        Assert.Contains("a site is in one area", Errors(twice, 2)["area"][0]);
        Assert.Contains("a site is in one area", Errors(twice, 3)["area"][0]);
        Assert.Contains("Unknown area 'xa-nowhere'", Errors(twice, 4)["area"][0]);
        Assert.Equal(["xa-site-3"], await AllSitesBelowAsync("xa-city", 50));

        // Placed again elsewhere, the site moves: it is never listed in two areas.
        await ImportSitesAsync([("xa-site-3", "xa-beilin")]);
        Assert.Empty(await AllSitesBelowAsync("xa-jingkai", 50));
        Assert.Equal(["xa-site-3"], await AllSitesBelowAsync("xa-beilin", 50));
        var city = await AreaAsync("xa-city");
        Assert.Equal((0, 1), (city.SitesHere, city.SitesBelow));
        Assert.Equal([("xa-beilin", 1), ("xa-jingkai", 0)], city.Children.Select(child => (child.Code, child.SitesBelow)));
    }

    [Fact]
    public async Task A_node_lists_exactly_the_sites_below_it_and_reading_it_costs_the_same_however_many_there_are()
    {
        await ImportAreasAsync("""
            gs-root,甘肃省（测试）,province,
            gs-city,兰州市（测试）,city,gs-root
            gs-small,小区县,county,gs-city
            gs-big,大区县,county,gs-city
            gs-big-town,大街道,town,gs-big
            gs-big-town-c1,一社区,community,gs-big-town
            gs-big-town-c2,二社区,community,gs-big-town
            gs-other,另一城市,city,gs-root
            """);
        string[] bigAreas = ["gs-big", "gs-big-town", "gs-big-town-c1", "gs-big-town-c2"];
        var big = Enumerable.Range(0, 300).Select(index => ($"gs-b-{index:D3}", bigAreas[index % 4])).ToList();
        var small = Enumerable.Range(0, 3).Select(index => ($"gs-s-{index}", "gs-small")).ToList();
        await ImportSitesAsync(big);
        await ImportSitesAsync(small);
        await ImportSitesAsync([("gs-elsewhere", "gs-other")]);

        Assert.Equal(big.Select(site => site.Item1).Order(), (await AllSitesBelowAsync("gs-big", 70)).Order());
        Assert.Equal(big.Concat(small).Select(site => site.Item1).Order(), (await AllSitesBelowAsync("gs-city", 200)).Order());
        var city = await AreaAsync("gs-city", "?take=1");
        Assert.Equal(303, city.SitesBelow);
        Assert.Equal([("gs-big", 300), ("gs-small", 3)], city.Children.Select(child => (child.Code, child.SitesBelow)));
        Assert.Equal((75, 75), ((await AreaAsync("gs-big")).SitesHere, (await AreaAsync("gs-big-town-c1")).SitesBelow));

        // One page of 10 from a county of 300 sites costs what it costs from a county of 3: the node, the areas above it,
        // its children and one page. Counted as Azure counts it, entities read from the Areas table.
        var bigRead = await AreasEntitiesReadAsync(() => AreaAsync("gs-big", "?take=10"));
        var smallRead = await AreasEntitiesReadAsync(() => AreaAsync("gs-small", "?take=10"));
        // gs-big: node 1 + 2 above + 1 child + 11 sites (a page and the one that says another follows).
        Assert.Equal(15, bigRead);
        // gs-small: node 1 + 2 above + no child + 3 sites.
        Assert.Equal(6, smallRead);
    }

    [Fact]
    public async Task The_demo_data_places_every_seeded_site_in_the_areas_the_reports_name()
    {
        await using var demo = new FrontlineApp();
        demo.Settings["Frontline:Triggers:Enabled"] = "false";
        await demo.InitializeAsync();

        await demo.Get<Frontline.Seeding.DemoSeeder>().SeedAsync(Path.Combine(Foundation.HostParityTests.RepoRoot(), "seeds"), CancellationToken.None);

        using var anonymous = demo.CreateClient();
        var provinces = await anonymous.GetFromJsonAsync<List<AreaSummary>>("/api/areas");
        Assert.Equal([("320000", 4), ("510000", 4), ("610000", 2), ("620000", 2)], provinces!.Select(area => (area.Code, area.SitesBelow)));
        var yushalu = await anonymous.GetFromJsonAsync<AreaDetail>("/api/areas/510105-yushalu");
        Assert.Equal(["四川省", "成都市", "青羊区", "草市街街道"], yushalu!.Ancestors.Select(area => area.Name));
        Assert.Equal(["cd-yusha-road", "cd-yusha-testing"], yushalu.Sites.Items.Select(site => site.SiteId).Order());
        var catalog = await demo.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        var placed = new List<string>();
        foreach (var province in provinces!)
        {
            placed.AddRange((await anonymous.GetFromJsonAsync<AreaDetail>($"/api/areas/{province.Code}?take=200"))!.Sites.Items.Select(site => site.SiteId));
        }

        Assert.Equal(catalog.Sites.Keys.Order(), placed.Order());
    }

    private async Task<long> AreasEntitiesReadAsync(Func<Task> read)
    {
        var meter = app.Get<StorageMeter>();
        meter.Reset();
        await read();
        return meter.Slots().Where(slot => slot.Resource.EndsWith(TableNames.Areas, StringComparison.Ordinal)).Sum(slot => slot.Read);
    }
}
