using System.Net.Http.Json;
using System.Text.Json;
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
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        // Markup is refused at the door now; text stored before that (or by a seed) must still render inert.
        var counts = new ValidCounts(new CountFigures(1, 1, 1, 1, 1, 1, 1), "<script>document.title='pwned'</script>夜间值守");
        await recorder.RecordAsync("nj-fangchan", "nj-sanpailou-testing", today.AddDays(-1), counts, "browser test", null, CancellationToken.None);
        await Task.Delay(2500);
        var result = (await site.App.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single();

        var page = await site.NewPageAsync();
        await page.GotoAsync("/bulletins.html");
        await page.GetByRole(AriaRole.Link, new() { Name = $"政工简讯{result.Year}年第{result.Number}期(总第{result.TotalNumber}期)" }).ClickAsync();

        await Assertions.Expect(page.Locator("#bulletin-title")).ToHaveTextAsync($"政工简讯{result.Year}年第{result.Number}期(总第{result.TotalNumber}期)");
        await Assertions.Expect(page.Locator(".bulletin-meta")).ToContainTextAsync("来源：四川省地方志工作办公室");
        await Assertions.Expect(page.Locator(".bulletin-meta")).ToContainTextAsync("终审：何晓波");
        await Assertions.Expect(page.Locator("#bulletin-body")).ToContainTextAsync("<script>document.title='pwned'</script>夜间值守");
        Assert.NotEqual("pwned", await page.TitleAsync());

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#print")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#bulletin-title")).ToBeVisibleAsync();
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
    }
}
