using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Sites;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

[CollectionDefinition(nameof(SiteCollection))]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>;

/// <summary>The site in a real headless Chromium, against the local host on Azurite, seeded with the demo data.</summary>
[Collection(nameof(SiteCollection))]
public sealed class SiteTests(SiteFixture site)
{
    [Fact]
    public async Task The_home_page_shows_the_figures_from_the_api_in_chinese()
    {
        var page = await site.NewPageAsync();
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var stats = JsonDocument.Parse(await client.GetStringAsync("/api/stats")).RootElement;

        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("[data-stat=units]")).ToHaveTextAsync(stats.GetProperty("units").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("党员干部下沉一线");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "志愿者报名" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_footer_leads_to_the_api_reference_which_lists_every_route_of_the_openapi_document_in_chinese_then_english()
    {
        var page = await site.NewPageAsync();
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var paths = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json")).RootElement.GetProperty("paths");
        var operations = paths.EnumerateObject().Sum(path => path.Value.EnumerateObject().Count());
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "接口说明（API）" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("接口说明");
        await Assertions.Expect(page.Locator(".reference-operation")).ToHaveCountAsync(operations);
        await Assertions.Expect(page.Locator("#op-SubmitCountsBatch")).ToContainTextAsync("一次提交本单位多个点位一天的数字");
        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("API reference");
        await Assertions.Expect(page.Locator("#op-SubmitCountsBatch")).ToContainTextAsync("Many sites of one unit and day at once");
    }

    [Fact]
    public async Task The_language_switch_turns_the_page_to_english_and_remembers_it()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await page.ClickAsync("#language-switch");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Down to the front line");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.GotoAsync("/register.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Register as a volunteer");
    }

    [Fact]
    public async Task A_volunteer_registers_in_chinese_on_a_phone_and_sees_the_receipt_then_the_assigned_site()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/register.html");
        await Assertions.Expect(page.Locator("#workUnit option[value=nj-yibao]")).ToHaveCountAsync(1);

        await page.GetByLabel("手机号").FillAsync("+86 150-1234-5678");
        await page.GetByLabel("姓名").FillAsync("陈翀");
        await page.GetByLabel("派出单位").SelectOptionAsync("nj-yibao");
        await page.GetByRole(AriaRole.Radio, new() { Name = "是" }).CheckAsync();
        await page.GetByLabel("所在党支部").FillAsync("机关第一党支部");
        await page.GetByLabel("居住社区（双报到）").FillAsync("三牌楼社区");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "入户排查" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "我已阅读并同意上述说明" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交报名" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=receipt-code]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9A-Z]{8}$"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the form must fit a phone's width");

        await page.GetByRole(AriaRole.Link, new() { Name = "查看报名状态" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveAttributeAsync("data-status", "assigned", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#site-name")).ToHaveTextAsync("三牌楼社区");
        Assert.DoesNotContain("5678", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_explained_next_to_each_field_in_the_reader_language()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/register.html");
        await page.GetByLabel("手机号").FillAsync("12345");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交报名" }).ClickAsync();

        await Assertions.Expect(page.Locator("#phone-error")).ToHaveTextAsync("请输入11位中国大陆手机号，如 138 0013 8000。");
        await Assertions.Expect(page.Locator("#consent-error")).ToBeVisibleAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#phone", "aria-invalid"));
        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.Locator("#phone-error")).ToContainTextAsync("mainland China mobile");
        await Assertions.Expect(page.Locator("[data-testid=receipt]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_bulletin_shows_its_title_block_escapes_unit_text_and_prints_without_the_site_chrome()
    {
        var recorder = site.App.Get<DailyCountRecorder>();
        var service = site.App.Get<BulletinService>();
        // A day of its own, so that no other test's run has published it first.
        var day = Today().AddDays(-4);
        // Markup is refused at the door now; text stored before that (or by a seed) must still render inert.
        var counts = new ValidCounts(new CountFigures(1, 1, 1, 1, 1, 1, 1), "<script>document.title='pwned'</script>夜间值守");
        await recorder.RecordAsync("sc-difangzhi", "cd-yusha-testing", day, counts, "browser test", null, CancellationToken.None);
        await Task.Delay(2500);
        var result = await service.PublishPeriodAsync(service.Series.Single(s => s.SeriesId == "zhenggong"), Period.Day(day), CancellationToken.None);
        Assert.Equal("published", result.Outcome);
        var title = $"四川省地方志办政工简讯{result.Year}年第{result.Number}期(总第{result.TotalNumber}期)";

        var page = await site.NewPageAsync();
        await page.GotoAsync("/bulletins.html?series=zhenggong");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        Assert.Contains("series=zhenggong", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#bulletin-title")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".bulletin-meta")).ToContainTextAsync("来源：四川省地方志工作办公室");
        await Assertions.Expect(page.Locator(".bulletin-meta")).ToContainTextAsync("终审：何晓波");
        await Assertions.Expect(page.Locator("#bulletin-masthead")).ToHaveTextAsync("四川省地方志办政工简讯");
        await Assertions.Expect(page.Locator("#bulletin-body")).ToContainTextAsync("<script>document.title='pwned'</script>夜间值守");
        Assert.NotEqual("pwned", await page.TitleAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载 Word" }))
            .ToHaveAttributeAsync("href", $"/api/bulletins/{result.Year}/{result.Number}/docx?series=zhenggong");
        await Assertions.Expect(page.Locator("#bulletin-issue")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#print")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#bulletin-masthead")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bulletin-issue")).ToHaveTextAsync($"第{result.Number}期(总第{result.TotalNumber}期)");
        await Assertions.Expect(page.Locator("#bulletin-issue")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#print-office")).ToHaveTextAsync("四川省地方志工作办公室");
        await Assertions.Expect(page.Locator("#print-date")).ToHaveTextAsync(new Regex(@"^\d{4}年\d{1,2}月\d{1,2}日$"));
        await Assertions.Expect(page.Locator("#bulletin-distribution")).ToContainTextAsync("报：省委组织部，省直机关工委");
        await Assertions.Expect(page.Locator("#bulletin-distribution")).ToContainTextAsync("（共印20份）");
    }

    [Fact]
    public async Task The_bulletin_page_shows_the_publication_time_in_beijing_time_to_the_second_wherever_the_reader_is()
    {
        var (year, number) = await EnsureABulletinAsync();
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var view = JsonDocument.Parse(await client.GetStringAsync($"/api/bulletins/{year}/{number}?series=zhenggong")).RootElement;
        var publishedAt = view.GetProperty("publishedAt").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$", publishedAt);
        var beijing = DateTimeOffset.Parse(publishedAt, System.Globalization.CultureInfo.InvariantCulture);
        var expected = beijing.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        // A reader in California sees the time the office wrote, not their own clock's.
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "en-US", TimezoneId = "America/Los_Angeles" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/bulletins.html?series=zhenggong&year={year}&number={number}");

        var time = page.Locator("[data-testid=published-at]");
        await Assertions.Expect(time).ToHaveTextAsync(expected);
        await Assertions.Expect(time).ToHaveAttributeAsync("datetime", publishedAt);
        Assert.Equal(TimeSpan.FromHours(8), beijing.Offset);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_pages_take_a_screenshot_for_the_readme()
    {
        var page = await site.NewPageAsync(width: 1280, height: 900);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-stat=units]")).Not.ToHaveTextAsync("—");
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "home.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(folder, "home.png")).Length > 10_000);

        // The published bulletin on screen, then as it prints (the red-header 简报).
        var (year, number) = await EnsureABulletinAsync();
        await page.GotoAsync($"/bulletins.html?series=zhenggong&year={year}&number={number}");
        await Assertions.Expect(page.Locator("#bulletin-body")).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "bulletin.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "bulletin-print.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(folder, "bulletin.png")).Length > 10_000);
        Assert.True(new FileInfo(Path.Combine(folder, "bulletin-print.png")).Length > 10_000);
    }

    private static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>The newest published zhenggong issue, publishing the period that just closed when there is none yet.</summary>
    private async Task<(int Year, int Number)> EnsureABulletinAsync()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/bulletins?series=zhenggong")).RootElement;
        if (list.GetArrayLength() > 0)
        {
            return (list[0].GetProperty("year").GetInt32(), list[0].GetProperty("number").GetInt32());
        }

        var run = (await site.App.Get<BulletinService>().RunNowAsync(CancellationToken.None)).First(r => r.SeriesId == "zhenggong");
        return (run.Year!.Value, run.Number!.Value);
    }
}
