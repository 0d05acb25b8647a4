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
        await Assertions.Expect(page.Locator("#daily-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("协助核酸检测人次|还没有"));

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
        await Assertions.Expect(page.Locator("#daily-table thead")).ToContainTextAsync("people on duty");
        var last = series.GetProperty("days").EnumerateArray().Last();
        await Assertions.Expect(page.Locator("#daily-table tbody tr").Last.Locator("th")).ToHaveTextAsync(last.GetProperty("day").GetString()!);
        await Assertions.Expect(page.Locator("#site-list > li").First.Locator("[data-testid=site-state]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("short|Fully staffed"));
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
}
