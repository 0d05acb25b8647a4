using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>The public dashboard: figures first, then the lazily loaded charts, their tables, and the sites short first.</summary>
[Collection(nameof(SiteCollection))]
public sealed class DashboardTests(SiteFixture site)
{
    private static string Number(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"));

    [Fact]
    public async Task The_dashboard_is_reachable_from_the_home_page_and_shows_figures_charts_tables_and_short_sites_first_on_a_phone()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var stats = JsonDocument.Parse(await client.GetStringAsync("/api/stats")).RootElement;
        var units = JsonDocument.Parse(await client.GetStringAsync("/api/units")).RootElement.EnumerateArray()
            .Where(unit => unit.GetProperty("peopleDispatched").GetInt32() > 0 && (!unit.TryGetProperty("verified", out var verified) || verified.GetBoolean()))
            .ToList();
        var sites = JsonDocument.Parse(await client.GetStringAsync("/api/sites")).RootElement.EnumerateArray().Where(s => s.GetProperty("open").GetBoolean()).ToList();
        var mostShort = sites.Max(s => Math.Max(0, s.GetProperty("needed").GetInt32() - s.GetProperty("assigned").GetInt32()));
        var page = await site.NewPageAsync();
        var scripts = new List<string>();
        page.Request += (_, request) => { if (request.ResourceType == "script") scripts.Add(request.Url); };

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "数据看板" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("数据看板");
        await Assertions.Expect(page.Locator("[data-stat=volunteersRegistered]")).ToHaveTextAsync(Number(stats.GetProperty("volunteersRegistered").GetInt32()));
        await Assertions.Expect(page.Locator("#daily-chart")).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#units-chart")).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 30_000 });
        Assert.True(await page.Locator("#daily-chart canvas").CountAsync() > 0, "the daily chart draws on a canvas");
        Assert.Contains(scripts, url => url.Contains("/assets/charts-", StringComparison.Ordinal));

        // The charts are pictures; the tables say the same to screen readers.
        await Assertions.Expect(page.Locator("#daily-chart")).ToHaveAttributeAsync("aria-hidden", "true");
        await Assertions.Expect(page.Locator("#daily-table tbody tr")).ToHaveCountAsync(14);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "每日工作量（数据表）" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#units-table tbody tr")).ToHaveCountAsync(units.Count);
        var top = units.OrderByDescending(unit => unit.GetProperty("peopleDispatched").GetInt32()).First();
        await Assertions.Expect(page.Locator("#units-table tbody tr").First).ToContainTextAsync(top.GetProperty("name").GetString()!);
        await Assertions.Expect(page.Locator("#units-summary")).ToContainTextAsync(top.GetProperty("name").GetString()!);

        // Choosing another figure redraws the chart and its summary.
        await page.GetByLabel("显示指标").SelectOptionAsync("tested");
        await Assertions.Expect(page.Locator("#daily-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("协助核酸检测合计|还没有"));
        // The choices and the table's columns are the indicators as defined, named with their units.
        await Assertions.Expect(page.GetByLabel("显示指标").Locator("option[value=tested]")).ToHaveTextAsync("协助核酸检测（人次）");
        await Assertions.Expect(page.Locator("#daily-table thead th").Nth(2)).ToHaveTextAsync("在岗人数（人）");

        await Assertions.Expect(page.Locator("#site-list > li")).ToHaveCountAsync(sites.Count);
        var first = page.Locator("#site-list > li").First;
        await Assertions.Expect(first.Locator("[data-testid=site-state]")).ToHaveTextAsync(mostShort > 0 ? $"缺 {Number(mostShort)} 人" : "已满员");

        // Sighted readers can open the same table; it scrolls inside its box instead of widening the page.
        var showTable = page.Locator("#daily-heading ~ .table-toggle");
        await showTable.ClickAsync();
        await Assertions.Expect(showTable).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.True((await page.Locator("#daily-table").BoundingBoxAsync())!.Width > 200, "the table shows at full size");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the dashboard must fit a phone's width");
    }

    [Fact]
    public async Task The_seeded_daily_counts_reach_the_chart_table_and_the_dashboard_speaks_english()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var series = JsonDocument.Parse(await client.GetStringAsync("/api/stats/daily")).RootElement;
        var page = await site.NewPageAsync(locale: "en");
        await page.GotoAsync("/dashboard.html");
        await page.ClickAsync("#language-switch");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Volunteers by dispatching unit" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#daily-table thead")).ToContainTextAsync("People on duty (people)");
        var last = series.GetProperty("days").EnumerateArray().Last();
        await Assertions.Expect(page.Locator("#daily-table tbody tr").Last.Locator("th")).ToHaveTextAsync(last.GetProperty("day").GetString()!);
        await Assertions.Expect(page.Locator("#site-list > li").First.Locator("[data-testid=site-state]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("short|Fully staffed"));
    }


    private static decimal Parse(string text) => decimal.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Yesterday on Beijing's calendar: the day the section opens on (the demo's counts are 1 and 2 days back).</summary>
    private static string Yesterday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).AddDays(-1).ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_dashboard_drills_down_by_area_from_the_provinces_to_a_community_and_the_back_button_goes_up_on_a_phone()
    {
        var page = await site.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/dashboard.html");
        var section = page.Locator("#areas");
        var trail = page.GetByRole(AriaRole.Navigation, new() { Name = "地区层级" });
        var table = page.Locator("#area-table");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "top");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "按地区查看" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("查看日期")).ToHaveValueAsync(Yesterday());
        await Assertions.Expect(trail.Locator("[aria-current=page]")).ToHaveTextAsync("全部地区");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "全部地区" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = $"全部地区下一级各地区 {Yesterday()} 的数字" })).ToBeVisibleAsync();

        string[] names = ["四川省", "成都市", "青羊区", "草市街街道", "玉沙路社区"];
        string[] codes = ["510000", "510100", "510105", "510105-caoshijie", "510105-yushalu"];
        string[] levels = ["省", "市", "区县", "街道乡镇", "社区"];
        for (var i = 0; i < names.Length; i++)
        {
            var link = table.GetByRole(AriaRole.Link, new() { Name = names[i], Exact = true });
            var row = table.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = names[i], Exact = true }) });
            await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(levels[i]);
            await link.ClickAsync();

            await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", codes[i]);
            Assert.EndsWith($"/dashboard.html?area={codes[i]}", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(trail.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["全部地区", .. names[..(i + 1)]]);
            await Assertions.Expect(trail.Locator("[aria-current=page]")).ToHaveTextAsync(names[i]);
            await Assertions.Expect(trail.GetByRole(AriaRole.Link)).ToHaveCountAsync(i + 1);
            await Assertions.Expect(page.Locator("#area-name")).ToHaveTextAsync(names[i]);
            await Assertions.Expect(page.Locator("#area-name")).ToBeFocusedAsync();
            await Assertions.Expect(page.Locator("#area-about")).ToContainTextAsync(levels[i]);

            if (codes[i] == "510100")
            {
                // 成都市's figures are its districts' figures added up, for every figure; the demo's counts of yesterday are in them.
                var rows = table.Locator("tbody tr");
                await Assertions.Expect(rows).ToHaveCountAsync(3);
                var cells = await rows.EvaluateAllAsync<string[][]>("rows => rows.map(row => [...row.querySelectorAll('td')].map(cell => cell.textContent))");
                // The headline's figures (the reports, then each indicator shown, by code) in the table's column order.
                var figures = await page.Locator("#area-figures [data-figure]").EvaluateAllAsync<string[]>("figures => figures.map(figure => figure.dataset.figure)");
                Assert.Equal(["reports", "on-duty", "party-members", "tested"], figures[..4]);
                Assert.Equal(cells[0].Length - 2, figures.Length);
                for (var f = 0; f < figures.Length; f++)
                {
                    var shown = Parse(await page.Locator($"#area-figures [data-figure={figures[f]}]").TextContentAsync() ?? "");
                    Assert.Equal(cells.Sum(cell => Parse(cell[2 + f])), shown);
                }

                Assert.True(Parse(await page.Locator("#area-figures [data-figure=reports]").TextContentAsync() ?? "0") >= 4, "the demo's four reports from 成都市's sites yesterday");
                Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the table scrolls in its own region, not the page");
                await Axe.AssertNoSeriousViolationsAsync(page, "The dashboard at 成都市");
            }
        }

        // A community is the bottom of the tree: no table, a sentence instead.
        await Assertions.Expect(page.Locator("#area-empty")).ToHaveTextAsync("玉沙路社区下面没有更小的地区了。");
        await Assertions.Expect(page.Locator("#area-table-wrap")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#area-status")).ToContainTextAsync("玉沙路社区");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the dashboard must fit a phone's width");
        await Axe.AssertNoSeriousViolationsAsync(page, "The dashboard at a community");

        // The browser's back button goes up, one level at a time.
        for (var i = names.Length - 2; i >= 0; i--)
        {
            await page.GoBackAsync();
            await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", codes[i]);
            await Assertions.Expect(trail.Locator("[aria-current=page]")).ToHaveTextAsync(names[i]);
        }

        await page.GoBackAsync();
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "top");
        await Assertions.Expect(trail.Locator("[aria-current=page]")).ToHaveTextAsync("全部地区");

        // A link lands on the same level; the breadcrumb goes up.
        await page.GotoAsync("/dashboard.html?area=510105");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "510105");
        await Assertions.Expect(trail.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["全部地区", "四川省", "成都市", "青羊区"]);
        await trail.GetByRole(AriaRole.Link, new() { Name = "成都市" }).ClickAsync();
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "510100");

        // An area that does not exist says so, and offers the way back to the top.
        await page.GotoAsync("/dashboard.html?area=999999");
        await Assertions.Expect(page.Locator("#area-error")).ToContainTextAsync("没有找到地区“999999”");
        await page.GetByRole(AriaRole.Link, new() { Name = "返回全部地区" }).ClickAsync();
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "top");
        await Assertions.Expect(page.Locator("#area-error")).ToBeHiddenAsync();
        Assert.EndsWith("/dashboard.html", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drill_down_by_area_names_the_levels_in_english()
    {
        var page = await site.NewPageAsync(locale: "en");
        await page.GotoAsync("/dashboard.html?area=510100");
        await page.ClickAsync("#language-switch");
        var section = page.Locator("#areas");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "510100");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "By area" })).ToBeVisibleAsync();
        var trail = page.GetByRole(AriaRole.Navigation, new() { Name = "Area path" });
        await Assertions.Expect(trail.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["All areas", "四川省", "成都市"]);
        await Assertions.Expect(page.Locator("#area-about")).ToContainTextAsync("City");
        await Assertions.Expect(page.Locator("#area-table thead")).ToContainTextAsync("Level");
        await Assertions.Expect(page.Locator("#area-table tbody tr td:first-of-type")).ToHaveTextAsync(["District or county", "District or county", "District or county"]);
        await Assertions.Expect(page.GetByLabel("Day shown")).ToHaveValueAsync(Yesterday());

        await page.GetByRole(AriaRole.Link, new() { Name = "青羊区", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "草市街街道", Exact = true }).ClickAsync();
        await Assertions.Expect(section).ToHaveAttributeAsync("data-loaded", "510105-caoshijie");
        await Assertions.Expect(page.Locator("#area-table tbody tr td:first-of-type")).ToHaveTextAsync(["Community"]);
        await Assertions.Expect(page.Locator("#area-about")).ToContainTextAsync("Street or township");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_dashboard_takes_a_screenshot(int width, int height)
    {
        var page = await site.NewPageAsync(width: width, height: height);
        await page.GotoAsync("/dashboard.html");
        await Assertions.Expect(page.Locator("#units-chart")).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 30_000 });
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", $"dashboard-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_drill_down_by_area_takes_a_screenshot(int width, int height)
    {
        var page = await site.NewPageAsync(width: width, height: height);
        await page.GotoAsync("/dashboard.html?area=510100");
        await Assertions.Expect(page.Locator("#areas")).ToHaveAttributeAsync("data-loaded", "510100");
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", $"dashboard-areas-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.Locator("#areas").ScreenshotAsync(new() { Path = file });
        Assert.True(new FileInfo(file).Length > 5_000);
    }
}
