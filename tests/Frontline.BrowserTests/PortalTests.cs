using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// The unit portal in headless Chromium against the local host in Development: the development sign-in, the missing
/// list, a site's fast entry form, corrections in the history, errors beside their fields, a phone's width. Each test
/// reports for its own unit, so the order they run in does not matter.
/// </summary>
[Collection(nameof(SiteCollection))]
public sealed class PortalTests(SiteFixture site)
{
    /// <summary>What a residential compound reports (the seeded definitions): the seven required figures; the optional ones stay empty.</summary>
    private static readonly Dictionary<string, string> Figures = new()
    {
        ["在岗人数（人）"] = "6", ["其中党员（人）"] = "5", ["协助核酸检测（人次）"] = "100", ["核查人员（人次）"] = "40",
        ["查验车辆（辆）"] = "0", ["配送物资（份）"] = "12", ["入户走访（户）"] = "30",
    };

    /// <summary>What a testing point reports: its four required figures, a sampling round and duty hours to the half hour.</summary>
    private static readonly Dictionary<string, string> TestingPointFigures = new()
    {
        ["在岗人数（人）"] = "6", ["其中党员（人）"] = "5", ["协助核酸检测（人次）"] = "100", ["配送物资（份）"] = "12",
        ["采样轮次（轮）"] = "2", ["值守时长（小时）"] = "32.5",
    };

    private static async Task FillAsync(ILocator card, Dictionary<string, string> values)
    {
        foreach (var (label, value) in values)
        {
            await card.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        }
    }

    [Fact]
    public async Task A_reporter_signs_in_with_a_development_token_and_a_submitted_site_leaves_the_missing_list()
    {
        var page = await site.ReporterPageAsync("xa-wenwu", "陈翀");
        var missing = page.Locator("[data-testid=missing] li");
        await Assertions.Expect(missing).ToHaveTextAsync(["经开区下沉小区（121个）", "经开区社区核酸采样点"], new() { UseInnerText = true });
        await Assertions.Expect(page.Locator("#who-unit")).ToHaveTextAsync("所属单位：西安市文物局");

        // Fast entry from the keyboard: Enter moves on to the next figure rather than sending a half-filled form.
        var card = page.Locator("#site-xa-testing-beilin");
        await card.GetByLabel("在岗人数（人）", new() { Exact = true }).FillAsync("6");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card.GetByLabel("其中党员（人）")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("5");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card.GetByLabel("协助核酸检测（人次）")).ToBeFocusedAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToBeEmptyAsync();
        // A testing point's form: no households or vehicles, but sampling rounds and duty hours (to one decimal).
        await Assertions.Expect(card.GetByLabel("入户走访（户）")).ToHaveCountAsync(0);
        await Assertions.Expect(card.GetByLabel("查验车辆（辆）")).ToHaveCountAsync(0);
        await FillAsync(card, TestingPointFigures);
        await card.GetByLabel("工作亮点（选填，可用于简讯）").FillAsync("协助核酸检测 & 秩序维护 <100人次>");
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("已保存（第 1 版）。");
        await Assertions.Expect(card.Locator("[data-testid=site-state]")).ToHaveTextAsync("已填报（第 1 版）");
        await Assertions.Expect(missing).ToHaveTextAsync(["经开区下沉小区（121个）"]);
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "提交更正" })).ToBeVisibleAsync();

        // The same body again changes nothing.
        await card.GetByRole(AriaRole.Button, new() { Name = "提交更正" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("与上次提交相同，未做改动（仍为第 1 版）。");

        // The token stays for the tab: a reload keeps the reporter signed in, with the saved figures in the form.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToHaveTextAsync("已登录：陈翀");
        await Assertions.Expect(page.Locator("#site-xa-testing-beilin").GetByLabel("协助核酸检测（人次）")).ToHaveValueAsync("100");
        await Assertions.Expect(page.Locator("#site-xa-testing-beilin").GetByLabel("值守时长（小时）")).ToHaveValueAsync("32.5");
        await Assertions.Expect(page.Locator("#site-xa-testing-beilin").GetByLabel("工作亮点（选填，可用于简讯）")).ToHaveValueAsync("协助核酸检测 & 秩序维护 <100人次>");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("派出单位")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('frontline.devToken')"));
    }

    [Fact]
    public async Task A_correction_shows_in_the_history_with_who_when_and_what_changed()
    {
        var page = await site.ReporterPageAsync("gs-shizhi", "刘艳平");
        var card = page.Locator("#site-gs-lanzhou-testing");
        await FillAsync(card, Figures);
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("已保存（第 1 版）。");

        await card.GetByLabel("协助核酸检测（人次）").FillAsync("150");
        await card.GetByLabel("工作亮点（选填，可用于简讯）").FillAsync("夜间值守");
        await card.GetByRole(AriaRole.Button, new() { Name = "提交更正" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("已更正为第 2 版，之前的版本保留在修订记录中。");

        await card.GetByText("修订记录", new() { Exact = true }).ClickAsync();
        var versions = card.Locator("[data-testid=history] > li");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        var newest = versions.First;
        await Assertions.Expect(newest).ToHaveAttributeAsync("data-version", "2");
        await Assertions.Expect(newest).ToContainTextAsync("第 2 版");
        await Assertions.Expect(newest).ToContainTextAsync("刘艳平");
        await Assertions.Expect(newest).ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"));
        await Assertions.Expect(newest).ToContainTextAsync("协助核酸检测（人次）：100 → 150");
        await Assertions.Expect(newest).ToContainTextAsync("工作亮点（选填，可用于简讯）：（空） → 夜间值守");
        Assert.DoesNotContain("unknown", await newest.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(versions.Last).ToContainTextAsync("首次填报");

        // A further correction while the history is open shows up in it at once.
        await card.GetByLabel("在岗人数（人）", new() { Exact = true }).FillAsync("7");
        await card.GetByRole(AriaRole.Button, new() { Name = "提交更正" }).ClickAsync();
        await Assertions.Expect(versions).ToHaveCountAsync(3);
        await Assertions.Expect(versions.First).ToContainTextAsync("在岗人数（人）：6 → 7");
    }

    [Fact]
    public async Task Errors_are_shown_beside_their_fields_in_the_reader_language()
    {
        var page = await site.ReporterPageAsync("xa-shenpi", "赵行");
        var card = page.Locator("#site-xa-compounds-beilin");

        // Caught in the page: party members above those on duty, a field left empty.
        await FillAsync(card, new(Figures) { ["其中党员（人）"] = "9", ["入户走访（户）"] = "", ["值守时长（小时）"] = "7.25" });
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-value-party-members-error")).ToHaveTextAsync("不能多于在岗人数（6）。");
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-value-households-visited-error")).ToHaveTextAsync("请填写，没有则填 0。");
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-value-duty-hours-error")).ToHaveTextAsync("请填写数字，最多一位小数（半小时填 0.5）。");
        await Assertions.Expect(card.GetByLabel("其中党员（人）")).ToBeFocusedAsync();

        // Refused by the server (problem+json): more on duty than the unit has there, said in Chinese, then English.
        await FillAsync(card, new(Figures) { ["在岗人数（人）"] = "999", ["值守时长（小时）"] = "7.5" });
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var onDutyError = page.Locator("#site-xa-compounds-beilin-value-on-duty-error");
        await Assertions.Expect(onDutyError).ToContainTextAsync("超过本单位在该点位的人数，最多");
        Assert.Equal("true", await card.GetByLabel("在岗人数（人）", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-value-party-members-error")).ToBeHiddenAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("请检查标出的内容。");
        await Assertions.Expect(card.Locator("[data-testid=site-state]")).ToHaveTextAsync("未填报");

        await page.ClickAsync("#language-switch");
        await Assertions.Expect(onDutyError).ToContainTextAsync("at most");
        await Assertions.Expect(card.GetByLabel("People on duty (people)", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=missing] li")).ToHaveTextAsync(["经开区下沉小区（121个）"]);
    }

    [Fact]
    public async Task A_testing_point_and_a_community_ask_for_different_indicators_named_with_their_units_in_chinese_and_english()
    {
        // 南京市委机要保密局 serves 三牌楼社区 (a community) and its testing point; nothing is submitted here.
        var page = await site.ReporterPageAsync("nj-jiyao", "王磊");
        var community = page.Locator("#site-nj-sanpailou");
        var testing = page.Locator("#site-nj-sanpailou-testing");
        var labels = (ILocator card) => card.Locator(".count-grid label");

        // Each form is its type's indicators from the definitions, in their order, named 名称（单位）.
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        async Task<(string[] Chinese, string[] English, string[] Codes)> ExpectedAsync(string siteType)
        {
            var set = JsonDocument.Parse(await client.GetStringAsync($"/api/indicators?siteType={siteType}")).RootElement;
            var indicators = set.GetProperty("indicators").EnumerateArray().ToList();
            return ([.. indicators.Select(i => $"{i.GetProperty("nameZh").GetString()}（{i.GetProperty("unit").GetString()}）")],
                [.. indicators.Select(i => $"{i.GetProperty("nameEn").GetString()} ({i.GetProperty("unitEn").GetString()})")],
                [.. indicators.Select(i => i.GetProperty("code").GetString()!)]);
        }

        var communityExpected = await ExpectedAsync("community");
        var testingExpected = await ExpectedAsync("testing-point");
        await Assertions.Expect(labels(community)).ToHaveTextAsync(communityExpected.Chinese);
        await Assertions.Expect(labels(testing)).ToHaveTextAsync(testingExpected.Chinese);
        Assert.NotEqual(communityExpected.Codes, testingExpected.Codes);

        // What the reports count at one kind of site and not the other.
        await Assertions.Expect(community.GetByLabel("入户走访（户）", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(testing.GetByLabel("入户走访（户）", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(testing.GetByLabel("采样轮次（轮）", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(community.GetByLabel("采样轮次（轮）", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(community.GetByLabel("查验车辆（辆）", new() { Exact = true })).ToHaveCountAsync(0);

        // A phone offers digits for counts and a decimal point for hours.
        await Assertions.Expect(testing.GetByLabel("采样轮次（轮）", new() { Exact = true })).ToHaveAttributeAsync("inputmode", "numeric");
        await Assertions.Expect(testing.GetByLabel("值守时长（小时）", new() { Exact = true })).ToHaveAttributeAsync("inputmode", "decimal");

        // The same forms in English: the names and units the definitions give in English.
        await page.ClickAsync("#language-switch");
        await Assertions.Expect(labels(community)).ToHaveTextAsync(communityExpected.English);
        await Assertions.Expect(labels(testing)).ToHaveTextAsync(testingExpected.English);
        await Assertions.Expect(testing.GetByLabel("Sampling rounds (rounds)", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(community.GetByLabel("Households visited (households)", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(testing.GetByLabel("Households visited (households)", new() { Exact = true })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolationsAsync(page, "The portal's forms of two site types in English");
        await page.ClickAsync("#language-switch");
    }

    [Fact]
    public async Task The_portal_fits_a_phone_and_takes_a_screenshot_for_the_readme()
    {
        var page = await site.ReporterPageAsync("cd-wenlv", "蒲建宇");
        // 成都文旅集团 serves one compound (seeds/units.csv): 锦东庭园小区.
        await Assertions.Expect(page.Locator(".site-card")).ToHaveCountAsync(1);

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal must fit a phone's width");
        // Every control of every form has a label a screen reader can say, and tap targets are at least 44px high.
        var unlabelled = await page.EvaluateAsync<int>(
            "[...document.querySelectorAll('#sites input, #sites textarea, #day')].filter(c => c.labels.length === 0).length");
        Assert.Equal(0, unlabelled);
        var small = await page.EvaluateAsync<int>(
            "[...document.querySelectorAll('#sites input, #sites button, #day')].filter(c => c.getBoundingClientRect().height < 44).length");
        Assert.Equal(0, small);
        await Assertions.Expect(page.GetByLabel("填报日期")).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2}$"));
        Assert.Equal(4, await page.Locator("#day option").CountAsync());

        // For the picture: the site reported and corrected, with its history open.
        var card = page.Locator("#site-cd-tazishan-jindong");
        await FillAsync(card, Figures);
        await card.GetByLabel("工作亮点（选填，可用于简讯）").FillAsync("为小区业主输送生活物资，逐家逐户上门发放出入卡。");
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("已保存（第 1 版）。");
        await card.GetByLabel("配送物资（份）").FillAsync("110");
        await card.GetByRole(AriaRole.Button, new() { Name = "提交更正" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToContainTextAsync("第 2 版");
        await card.GetByText("修订记录", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=history] > li")).ToHaveCountAsync(2);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the history must fit a phone's width too");

        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "portal.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(folder, "portal.png")).Length > 10_000);
    }

    [Fact]
    public async Task With_entra_settings_the_portal_signs_in_with_entra_id_through_msal_within_the_content_security_policy()
    {
        var page = await site.NewPageAsync();
        var violations = await EntraSite.DeployedAsync(page);

        await page.GotoAsync("/portal.html");
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "使用工作账号登录" });
        await Assertions.Expect(signIn).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dev-signin")).ToBeHiddenAsync();
        var authorize = page.WaitForRequestAsync(request => request.Url.Contains("/oauth2/v2.0/authorize", StringComparison.Ordinal));
        await signIn.ClickAsync();

        EntraSite.AssertAuthorizeRequest((await authorize).Url, site.BaseAddress);
        Assert.Empty(violations);

        // The redirect bridge reached without an answer from Entra ID offers the way back instead of hanging.
        var bridge = await site.NewPageAsync();
        await bridge.GotoAsync("/auth-redirect.html");
        await Assertions.Expect(bridge.GetByRole(AriaRole.Link, new() { Name = "返回单位填报 · Back to the unit portal" })).ToBeVisibleAsync();
        await Assertions.Expect(bridge.GetByRole(AriaRole.Link, new() { Name = "返回指挥调度台 · Back to the coordinator console" })).ToBeVisibleAsync();
    }
}
