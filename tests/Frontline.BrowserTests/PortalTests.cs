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
    private static readonly Dictionary<string, string> Figures = new()
    {
        ["在岗人数"] = "6", ["其中党员"] = "5", ["协助核酸检测（人次）"] = "100", ["核查人员（人次）"] = "40",
        ["查验车辆（辆）"] = "0", ["配送物资（份）"] = "12", ["入户走访（户）"] = "30",
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
        await card.GetByLabel("在岗人数", new() { Exact = true }).FillAsync("6");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card.GetByLabel("其中党员")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("5");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card.GetByLabel("协助核酸检测（人次）")).ToBeFocusedAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToBeEmptyAsync();
        await FillAsync(card, Figures);
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
        await card.GetByLabel("在岗人数", new() { Exact = true }).FillAsync("7");
        await card.GetByRole(AriaRole.Button, new() { Name = "提交更正" }).ClickAsync();
        await Assertions.Expect(versions).ToHaveCountAsync(3);
        await Assertions.Expect(versions.First).ToContainTextAsync("在岗人数：6 → 7");
    }

    [Fact]
    public async Task Errors_are_shown_beside_their_fields_in_the_reader_language()
    {
        var page = await site.ReporterPageAsync("xa-shenpi", "赵行");
        var card = page.Locator("#site-xa-compounds-beilin");

        // Caught in the page: party members above those on duty, a field left empty.
        await FillAsync(card, new(Figures) { ["其中党员"] = "9", ["入户走访（户）"] = "" });
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-partyMembers-error")).ToHaveTextAsync("党员人数不能多于在岗人数。");
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-householdsVisited-error")).ToHaveTextAsync("请填写，没有则填 0。");
        await Assertions.Expect(card.GetByLabel("其中党员")).ToBeFocusedAsync();

        // Refused by the server (problem+json): more on duty than the unit has there, said in Chinese, then English.
        await FillAsync(card, new(Figures) { ["在岗人数"] = "999" });
        await card.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var onDutyError = page.Locator("#site-xa-compounds-beilin-onDuty-error");
        await Assertions.Expect(onDutyError).ToContainTextAsync("在岗人数超过本单位在该点位的人数，最多");
        Assert.Equal("true", await card.GetByLabel("在岗人数", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(page.Locator("#site-xa-compounds-beilin-partyMembers-error")).ToBeHiddenAsync();
        await Assertions.Expect(card.Locator("[data-testid=result]")).ToHaveTextAsync("请检查标出的内容。");
        await Assertions.Expect(card.Locator("[data-testid=site-state]")).ToHaveTextAsync("未填报");

        await page.ClickAsync("#language-switch");
        await Assertions.Expect(onDutyError).ToContainTextAsync("at most");
        await Assertions.Expect(card.GetByLabel("People on duty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=missing] li")).ToHaveTextAsync(["经开区下沉小区（121个）"]);
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
