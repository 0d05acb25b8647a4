using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frontline.Bulletins;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// The demo site with review switched on for its first series (zhenggong, seeds/bulletin-series.json), so the run
/// leaves drafts for a coordinator to edit and approve; the other series publish as they run.
/// </summary>
public sealed class ConsoleFixture : SiteFixture
{
    protected override void Configure(FrontlineApp app) => app.Settings["Frontline:Bulletins:Series:0:RequireReview"] = "true";
}

[CollectionDefinition(nameof(ConsoleCollection))]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>;

/// <summary>A coordinator walks the console in headless Chromium against the seeded local host.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ConsoleTests(ConsoleFixture site)
{
    private static readonly string Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).ToString("O");

    private async Task<HttpClient> CoordinatorAsync()
    {
        var client = new HttpClient { BaseAddress = site.BaseAddress };
        var token = (await (await client.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Coordinator" }, name = "测试协调员" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> SiteAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/sites")).EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    private async Task<IPage> SignedInAsync(string language = "zh-CN", int width = 1280)
    {
        var page = await site.NewPageAsync(locale: language, width: width, height: 900);
        await page.AddInitScriptAsync($"localStorage.setItem('frontline.lang', '{language}')");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = language == "en" ? "Coordinator console" : "指挥调度台" }).ClickAsync();
        await page.GetByLabel(language == "en" ? "Your name (signed on the bulletins you approve)" : "您的姓名（审核简讯时署名）").FillAsync("何晓波");
        await page.GetByRole(AriaRole.Button, new() { Name = language == "en" ? "Sign in as a coordinator (development)" : "以协调员身份登录（开发环境）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        return page;
    }

    [Fact]
    public async Task An_admin_binds_a_units_system_whose_token_then_reports_and_unbinds_it_while_a_coordinator_sees_no_bindings()
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var admin = (await (await http.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Admin" }, name = "测试管理员" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var page = await site.NewPageAsync(width: 1280);
        await page.AddInitScriptAsync($"sessionStorage.setItem('frontline.devToken', '{admin}')");
        await page.GotoAsync("/console.html");
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        var section = page.Locator("#apps");
        await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = "应用绑定" })).ToBeVisibleAsync();
        var status = section.GetByRole(AriaRole.Status);
        var bind = section.GetByRole(AriaRole.Button, new() { Name = "绑定应用" });

        await section.GetByLabel("应用（客户端）ID").FillAsync("my-app");
        await bind.ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("GUID");

        var clientId = Guid.NewGuid().ToString();
        await section.GetByLabel("应用（客户端）ID").FillAsync(clientId);
        await section.GetByLabel("派出单位", new() { Exact = true }).SelectOptionAsync("nj-yibao");
        await section.GetByLabel("系统名称").FillAsync("医保局上报系统");
        await bind.ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("已绑定：医保局上报系统");
        await Assertions.Expect(section.Locator("[data-testid=applications]")).ToContainTextAsync(clientId);
        await Assertions.Expect(section.Locator("[data-testid=applications]")).ToContainTextAsync("南京市医保局");
        await AssertNoSeriousViolationsAsync(page);

        // The development route now issues the app's own token, and it reads its unit's day like a reporter of nj-yibao.
        var issued = await http.PostAsJsonAsync("/api/dev/token", new { clientId });
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        using var system = new HttpClient { BaseAddress = site.BaseAddress };
        system.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await system.GetAsync($"/api/units/nj-yibao/counts?day={Today}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await system.GetAsync($"/api/units/nj-jiyao/counts?day={Today}")).StatusCode);

        await section.GetByRole(AriaRole.Button, new() { Name = $"解除绑定 医保局上报系统 ({clientId})" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("已解除绑定：医保局上报系统");
        await Assertions.Expect(section.Locator("[data-testid=applications]")).Not.ToContainTextAsync(clientId);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await system.GetAsync($"/api/units/nj-yibao/counts?day={Today}")).StatusCode);

        var coordinator = await SignedInAsync();
        await Assertions.Expect(coordinator.Locator("#apps")).ToBeHiddenAsync();
        await Assertions.Expect(coordinator.Locator("#apps-nav")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_admin_adds_an_indicator_for_checkpoints_changes_its_bounds_and_retires_it_on_a_phone()
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var admin = (await (await http.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Admin" }, name = "测试管理员" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var page = await site.NewPageAsync(width: 390);
        await page.AddInitScriptAsync($"sessionStorage.setItem('frontline.devToken', '{admin}')");
        await page.GotoAsync("/console.html#indicators");
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        var section = page.Locator("#indicators");
        await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = "指标定义" })).ToBeVisibleAsync();
        var list = section.Locator("[data-testid=indicators]");
        await Assertions.Expect(list).ToContainTextAsync("劝返分流车辆");
        var status = section.GetByRole(AriaRole.Status);
        var code = $"turned-back-{Guid.NewGuid().ToString("N")[..6]}";

        await section.GetByLabel("代码").FillAsync(code);
        await section.GetByLabel("中文名称").FillAsync("劝返人员");
        await section.GetByLabel("英文名称").FillAsync("People turned back");
        await section.GetByLabel("单位", new() { Exact = true }).SelectOptionAsync("人次");
        await section.GetByLabel("最大值", new() { Exact = true }).FillAsync("500");
        await section.GetByLabel("卡口查验点").CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "保存指标" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync($"已保存 {code}");
        await Assertions.Expect(list).ToContainTextAsync("劝返人员");
        await Assertions.Expect(list).ToContainTextAsync("0–500 人次");
        var checkpoint = await http.GetFromJsonAsync<JsonElement>("/api/indicators?siteType=checkpoint");
        Assert.Contains(checkpoint.GetProperty("indicators").EnumerateArray(), indicator => indicator.GetProperty("code").GetString() == code);

        await section.GetByRole(AriaRole.Button, new() { Name = "修改 劝返人员" }).ClickAsync();
        await section.GetByLabel("最大值", new() { Exact = true }).FillAsync("800");
        await section.GetByRole(AriaRole.Button, new() { Name = "保存指标" }).ClickAsync();
        await Assertions.Expect(list).ToContainTextAsync("0–800 人次");

        await section.GetByRole(AriaRole.Button, new() { Name = "停用 劝返人员" }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync($"已停用 {code}");
        await Assertions.Expect(list).ToContainTextAsync("已停用");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the indicators section must fit a phone's width");
        await AssertNoSeriousViolationsAsync(page);

        var coordinator = await SignedInAsync();
        await Assertions.Expect(coordinator.Locator("#indicators")).ToBeHiddenAsync();
        await Assertions.Expect(coordinator.Locator("#indicators-nav")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_admin_on_a_phone_reads_the_audit_trail_with_chinese_action_names_filters_it_by_action_and_exports_it_while_a_coordinator_sees_no_audit_section()
    {
        // Two audited acts through the API: an Admin's export of the volunteer list and a coordinator's reopening of a locked day.
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var admin = (await (await http.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Admin" }, name = "审计管理员" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/exports/volunteers.csv")).StatusCode);
        using var coordinator = await CoordinatorAsync();
        var locked = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddDays(-20).ToString("O");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/sites/cd-yusha-road/counts/{locked}/reopen", null)).StatusCode);

        var page = await site.NewPageAsync(width: 390);
        await page.AddInitScriptAsync($"sessionStorage.setItem('frontline.devToken', '{admin}')");
        await page.GotoAsync("/console.html#audit");
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        var section = page.Locator("#audit");
        await Assertions.Expect(page.Locator("#audit-heading")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "调度台栏目" }).GetByRole(AriaRole.Link, new() { Name = "操作审计" })).ToBeVisibleAsync();
        await Assertions.Expect(section.GetByLabel("开始日期")).ToHaveValueAsync(Today);
        await Assertions.Expect(section.GetByLabel("结束日期")).ToHaveValueAsync(Today);

        // Today's records, newest first, the action by its Chinese name and the time on the Beijing clock.
        var rows = section.Locator("[data-testid=audit] tbody tr");
        var export = rows.Filter(new() { HasTextString = "审计管理员" }).Filter(new() { HasTextString = "导出志愿者名单" });
        await Assertions.Expect(export.First).ToBeVisibleAsync();
        var day = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(export.First.Locator("th")).ToHaveTextAsync(new Regex($"^{day.Year}年{day.Month}月{day.Day}日 \\d{{2}}:\\d{{2}}:\\d{{2}}$"));
        await Assertions.Expect(export.First).ToContainTextAsync("phones: unmasked");
        await Assertions.Expect(rows.Filter(new() { HasTextString = "重新开放已锁定的一天" }).First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the console with the audit trail must fit a phone's width");
        await Axe.AssertNoSeriousViolationsAsync(page, "the audit trail (Admin, 390 px)");

        // By action: only the reopening, with the site and day it touched.
        await section.GetByLabel("操作", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "重新开放已锁定的一天" });
        await section.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex("找到 \\d+ 条记录"));
        await Assertions.Expect(rows.Filter(new() { HasTextString = "导出志愿者名单" })).ToHaveCountAsync(0);
        var reopened = rows.Filter(new() { HasTextString = $"day: {locked}" });
        await Assertions.Expect(reopened).ToHaveCountAsync(1);
        await Assertions.Expect(reopened).ToContainTextAsync("测试协调员");
        await Assertions.Expect(reopened).ToContainTextAsync("siteId: cd-yusha-road");
        foreach (var action in await rows.Locator("td:nth-child(3)").AllTextContentsAsync())
        {
            Assert.Equal("重新开放已锁定的一天", action);
        }

        // The CSV carries the same filter, fetched with the Admin's token.
        var csvLink = section.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" });
        await Assertions.Expect(csvLink).ToHaveAttributeAsync("href", new Regex("action=counts\\.reopened"));
        var csv = await page.RunAndWaitForDownloadAsync(() => csvLink.ClickAsync());
        var csvText = await File.ReadAllTextAsync((await csv.PathAsync())!, Encoding.UTF8);
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("重新开放已锁定的一天,counts.reopened,测试协调员", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("volunteers.exported", csvText, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the filtered audit trail must fit a phone's width");
        await Axe.AssertNoSeriousViolationsAsync(page, "the audit trail filtered by action (Admin, 390 px)");

        var coordinatorPage = await SignedInAsync(width: 390);
        await Assertions.Expect(coordinatorPage.Locator("#audit")).ToBeHiddenAsync();
        await Assertions.Expect(coordinatorPage.Locator("#audit-nav")).ToBeHiddenAsync();
        await Assertions.Expect(coordinatorPage.Locator("#audit [data-testid=audit]")).ToHaveCountAsync(0);
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var serious = (await Axe.RunAsync(page)).Where(Axe.IsSerious).Select(Axe.Describe).ToList();
        Assert.True(serious.Count == 0, "serious or critical accessibility violations:\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task Without_signing_in_the_console_asks_for_sign_in_and_shows_nothing()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/console.html");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task With_entra_settings_the_console_sends_the_coordinator_to_entra_id_to_sign_in()
    {
        var page = await site.NewPageAsync(width: 1280);
        var violations = await EntraSite.DeployedAsync(page);

        await page.GotoAsync("/console.html");
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "使用工作账号登录" });
        await Assertions.Expect(signIn).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sign-in-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
        var authorize = page.WaitForRequestAsync(request => request.Url.Contains("/oauth2/v2.0/authorize", StringComparison.Ordinal));
        await signIn.ClickAsync();

        EntraSite.AssertAuthorizeRequest((await authorize).Url, site.BaseAddress);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_reporter_signed_in_on_the_portal_is_told_the_console_needs_the_coordinator_role_and_can_sign_out()
    {
        // One development token per tab for both pages: a reporter signs in on the portal, then opens the console.
        var page = await site.NewPageAsync(width: 1280);
        await page.GotoAsync("/portal.html");
        await Assertions.Expect(page.Locator("#dev-unit option[value=sc-difangzhi]")).ToHaveCountAsync(1);
        await page.GetByLabel("派出单位").SelectOptionAsync("sc-difangzhi");
        await page.GetByLabel("姓名（选填）").FillAsync("宋填报");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToHaveTextAsync("已登录：宋填报");

        await page.GotoAsync("/console.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权使用指挥调度台" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("需要协调员（Coordinator）或管理员（Admin）角色");
        await Assertions.Expect(page.Locator("#wrong-role-who")).ToHaveTextAsync("已登录：宋填报");
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the console refusing a reporter");

        // Sign-out forgets the reporter's token; signing in again as a coordinator opens the console.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('frontline.devToken')"));
        await page.GetByLabel("您的姓名（审核简讯时署名）").FillAsync("何晓波");
        await page.GetByRole(AriaRole.Button, new() { Name = "以协调员身份登录（开发环境）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#wrong-role")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_coordinator_finds_a_missing_unit_reminds_it_and_sees_the_reminder_in_the_outbox()
    {
        using var api = await CoordinatorAsync();
        var completeness = await api.GetFromJsonAsync<JsonElement>($"/api/completeness?day={Today}");
        var unit = completeness.GetProperty("units").EnumerateArray().First(u => u.GetProperty("missing").GetInt32() > 0);
        var missingSite = unit.GetProperty("sites").EnumerateArray().First(s => s.GetProperty("status").GetString() == "missing").GetProperty("name").GetString()!;
        var page = await SignedInAsync();

        var row = page.Locator($"#completeness li[data-unit-id='{unit.GetProperty("unitId").GetString()}']");
        var toggle = row.GetByRole(AriaRole.Button);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(row.Locator(".missing-sites")).ToContainTextAsync(missingSite);

        await page.GetByRole(AriaRole.Button, new() { Name = "提醒未报单位" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reminders [role=status]")).ToContainTextAsync(new Regex("已向 \\d+ 个单位发出提醒"));
        await Assertions.Expect(page.Locator("[data-testid=outbox] table")).ToContainTextAsync(unit.GetProperty("name").GetString()!, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_coordinator_moves_a_volunteer_from_a_site_with_people_to_spare_to_a_short_site_and_both_figures_change()
    {
        using var api = await CoordinatorAsync();
        // Make the seeded site with the most people need fewer, so it has people to spare.
        var sites = (await api.GetFromJsonAsync<JsonElement>("/api/sites")).EnumerateArray().Where(s => s.GetProperty("open").GetBoolean()).ToList();
        var from = sites.OrderByDescending(s => s.GetProperty("assigned").GetInt32()).First();
        var fromId = from.GetProperty("id").GetString()!;
        Assert.True(from.GetProperty("assigned").GetInt32() >= 2, "the seeds put at least two people at some site");
        var seedRow = File.ReadLines(Path.Combine(SiteFixture.RepoRootPath, "seeds", "sites.csv")).First(line => line.StartsWith(fromId + ",", StringComparison.Ordinal)).Split(',');
        seedRow[8] = "1";
        var csv = File.ReadLines(Path.Combine(SiteFixture.RepoRootPath, "seeds", "sites.csv")).First() + "\n" + string.Join(',', seedRow) + "\n";
        var import = await api.PostAsync("/api/sites/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var fromBefore = (await SiteAsync(api, fromId)).GetProperty("assigned").GetInt32();
        var page = await SignedInAsync();

        var shortSite = page.Locator("#short-sites li[data-site-id]").First;
        var toId = (await shortSite.GetAttributeAsync("data-site-id"))!;
        var toBefore = await SiteAsync(api, toId);
        await shortSite.GetByRole(AriaRole.Button, new() { Name = "调人到此点位" }).ClickAsync();
        var who = shortSite.GetByLabel("调入人员（候补或人员富余点位）");
        await Assertions.Expect(who).ToBeFocusedAsync();
        var option = who.Locator("option", new() { HasTextString = from.GetProperty("name").GetString()! }).First;
        await who.SelectOptionAsync((await option.GetAttributeAsync("value"))!);
        await shortSite.GetByRole(AriaRole.Button, new() { Name = "确认调入" }).ClickAsync();

        await Assertions.Expect(page.Locator("#short-sites [role=status]")).ToContainTextAsync($"原点位：{from.GetProperty("name").GetString()}：需要 1 人，已分配 {fromBefore - 1} 人");
        Assert.Equal(fromBefore - 1, (await SiteAsync(api, fromId)).GetProperty("assigned").GetInt32());
        var toAfter = (await SiteAsync(api, toId)).GetProperty("assigned").GetInt32();
        Assert.Equal(toBefore.GetProperty("assigned").GetInt32() + 1, toAfter);
        await Assertions.Expect(page.Locator("#short-sites [role=status]")).ToContainTextAsync($"已分配 {toAfter} 人");
        if (toAfter < toBefore.GetProperty("needed").GetInt32())
        {
            await Assertions.Expect(page.Locator($"#short-sites li[data-site-id='{toId}'] .site-figures")).ToContainTextAsync($"已分配 {toAfter} 人");
        }
    }

    [Fact]
    public async Task A_coordinator_approves_a_bulletin_draft_and_the_run_publishes_it_under_their_name()
    {
        var run = (await site.App.Get<BulletinService>().RunNowAsync(CancellationToken.None)).First(r => r.SeriesId == "zhenggong");
        Assert.NotEqual("published", run.Outcome);
        using var api = await CoordinatorAsync();
        var draftView = (await api.GetFromJsonAsync<JsonElement>("/api/bulletins/drafts?series=zhenggong")).EnumerateArray()
            .First(d => d.GetProperty("periodKey").GetString() == run.PeriodKey);
        var label = draftView.GetProperty("periodLabel").GetString()!;
        var page = await SignedInAsync();

        var draft = page.Locator($"#drafts li[data-period='{run.PeriodKey}']");
        await draft.GetByRole(AriaRole.Button, new() { Name = $"审核通过 {label} 的草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("#drafts-message")).ToContainTextAsync($"{label} 的草稿已审核通过（终审：何晓波）");
        await Assertions.Expect(draft.Locator("[data-testid=draft-status]")).ToContainTextAsync("已审核（终审：何晓波）");

        await page.GetByRole(AriaRole.Button, new() { Name = "立即运行发布" }).ClickAsync();
        await Assertions.Expect(page.Locator("#drafts-message")).ToContainTextAsync("已发布：四川省地方志办政工简讯第");
        await Assertions.Expect(page.Locator($"#drafts li[data-period='{run.PeriodKey}']")).ToHaveCountAsync(0);
        var published = (await api.GetFromJsonAsync<JsonElement>("/api/bulletins?series=zhenggong")).EnumerateArray().First();
        var bulletin = await api.GetFromJsonAsync<JsonElement>($"/api/bulletins/{published.GetProperty("year").GetInt32()}/{published.GetProperty("number").GetInt32()}?series=zhenggong");
        Assert.Equal("何晓波", bulletin.GetProperty("reviewer").GetString());
        Assert.StartsWith("四川省地方志办政工简讯", bulletin.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_sees_in_the_operations_panel_a_queue_s_failed_message_and_what_to_do()
    {
        var poison = site.App.Get<FrontlineStorage>().Queue(QueueNames.Poison(QueueNames.DailyCounts));
        await poison.CreateIfNotExistsAsync();
        var sent = await poison.SendMessageAsync("{}");
        try
        {
            var page = await SignedInAsync();

            // The panel loads with the rest of the console; a machine under load may take a while.
            var row = page.Locator("#operations tr[data-queue='daily-counts']");
            await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1", new() { Timeout = 20_000 });
            await Assertions.Expect(page.Locator("#operations [data-status]")).ToHaveAttributeAsync("data-status", "attention");
            await Assertions.Expect(page.Locator("#operations li[data-code='poison:daily-counts']")).ToContainTextAsync("队列 daily-counts 有处理失败的消息");
            await Assertions.Expect(page.Locator("#operations tr[data-series] td[data-state]").First).ToBeVisibleAsync();
        }
        finally
        {
            // Other tests on this site read the poison list.
            await poison.DeleteMessageAsync(sent.Value.MessageId, sent.Value.PopReceipt);
        }
    }

    [Fact]
    public async Task A_coordinator_replays_a_poison_message()
    {
        var storage = site.App.Get<FrontlineStorage>();
        var poison = storage.Queue(QueueNames.Poison(QueueNames.Reminders));
        await poison.CreateIfNotExistsAsync();
        using var api = await CoordinatorAsync();
        var unitId = (await api.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().First().GetProperty("id").GetString();
        var sent = await poison.SendMessageAsync(JsonSerializer.Serialize(new { reminderId = Guid.NewGuid().ToString("N"), day = Today, unitId, missingSiteIds = Array.Empty<string>() }));
        var page = await SignedInAsync();

        var item = page.Locator($"#poison li[data-message-id='{sent.Value.MessageId}']");
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = $"重新处理 {sent.Value.MessageId}" }).ClickAsync();

        await Assertions.Expect(page.Locator("#poison [role=status]")).ToContainTextAsync($"消息 {sent.Value.MessageId} 已放回队列重新处理");
        await Assertions.Expect(item).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_coordinator_downloads_the_exports_as_csv_and_excel_with_chinese_text_and_masked_phones()
    {
        var page = await SignedInAsync();

        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-export='volunteers.csv']").ClickAsync());
        var csvText = await File.ReadAllTextAsync((await csv.PathAsync())!, Encoding.UTF8);
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("姓名", csvText, StringComparison.Ordinal);
        Assert.Contains("张伟", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("13900000001", csvText.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-export='counts.xlsx']").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead((await xlsx.PathAsync())!);
        var text = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
        Assert.Contains("在岗人数", text, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#exports [role=status]")).ToContainTextAsync("已下载");
    }

    [Fact]
    public async Task A_coordinator_finds_volunteers_by_the_last_four_digits_and_by_unit_and_sees_only_masked_phones()
    {
        var page = await SignedInAsync();
        var search = page.GetByRole(AriaRole.Search);

        await search.GetByLabel("姓名或手机尾号4位").FillAsync("0001");
        await search.GetByLabel("姓名或手机尾号4位").PressAsync("Enter");

        var rows = page.Locator("[data-testid=volunteers] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.Locator("th")).ToHaveTextAsync("张伟");
        await Assertions.Expect(rows.First).ToContainTextAsync(new Regex(@"139\*+0001|139\s?\*+\s?0001"));
        Assert.DoesNotContain("13900000001", await page.ContentAsync(), StringComparison.Ordinal);

        await search.GetByLabel("姓名或手机尾号4位").FillAsync("");
        await search.GetByLabel("派出单位").SelectOptionAsync("sc-difangzhi");
        await search.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("四川省地方志工作办公室");
        foreach (var unit in await page.Locator("[data-testid=volunteers] tbody tr td:nth-child(3)").AllTextContentsAsync())
        {
            Assert.Equal("四川省地方志工作办公室", unit);
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_console_has_no_serious_or_critical_axe_violations(string language)
    {
        var page = await SignedInAsync(language);
        await page.Locator("#completeness li[data-unit-id] button").First.ClickAsync();

        await Axe.AssertNoSeriousViolationsAsync(page, $"the console ({language})");
    }

    [Fact]
    public async Task The_console_fits_a_phone_and_its_section_links_move_the_focus()
    {
        var page = await SignedInAsync(width: 390);

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the console must fit a phone's width");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "调度台栏目" }).GetByRole(AriaRole.Link, new() { Name = "失败消息" }).ClickAsync();
        await Assertions.Expect(page.Locator("#poison-heading")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_console_takes_a_screenshot()
    {
        var page = await SignedInAsync();
        await page.Locator("#completeness li[data-unit-id] button").First.ClickAsync();
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", "console.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }
    [Fact]
    public async Task The_section_menu_keeps_the_section_in_the_url_and_the_console_opens_where_the_coordinator_worked()
    {
        var page = await SignedInAsync(width: 390);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "调度台栏目" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "简讯编审" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console\\.html#drafts$"));
        await Assertions.Expect(page.Locator("#drafts-heading")).ToBeFocusedAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "简讯编审" })).ToHaveAttributeAsync("aria-current", "location");

        // A link to a section lands there once the console has loaded.
        await page.GotoAsync("/console.html#exports");
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#exports-heading")).ToBeFocusedAsync();

        // Without a section in the address, the console opens at the one used last.
        await page.GotoAsync("/console.html");
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console\\.html#exports$"));
        await Assertions.Expect(page.Locator("#exports-heading")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_coordinator_prints_a_site_poster_whose_qr_code_opens_the_form_with_the_site_community_chosen()
    {
        var page = await SignedInAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "调度台栏目" }).GetByRole(AriaRole.Link, new() { Name = "招募海报" }).ClickAsync();
        await page.GetByLabel("海报对象").SelectOptionAsync("site:nj-sanpailou");
        await page.GetByRole(AriaRole.Link, new() { Name = "打开海报" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=poster-place]")).ToHaveTextAsync("点位：三牌楼社区");
        var qr = page.Locator("[data-testid=poster-qr]");
        await Assertions.Expect(qr).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        await Assertions.Expect(qr).ToHaveAttributeAsync("alt", "报名二维码：扫码打开志愿者报名表，已选好“三牌楼社区”。");
        Assert.True(await qr.EvaluateAsync<bool>("image => image.complete && image.naturalWidth >= 320"), "the QR code must be drawn");
        var link = await page.Locator("[data-testid=poster-url]").TextContentAsync();
        Assert.Equal($"{site.BaseAddress}register.html?site=nj-sanpailou", link);
        await Axe.AssertNoSeriousViolationsAsync(page, "the poster");

        // On paper: the poster alone on its A4 page, without the site's header, footer or buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印海报" })).ToBeHiddenAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true });
        Assert.Equal(1, Regex.Count(Encoding.Latin1.GetString(pdf), "/Type\\s*/Page[^s]"));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // What the QR code opens: the registration form with the site's community filled in, and why.
        await page.GotoAsync(link!);
        await Assertions.Expect(page.GetByLabel("居住社区（双报到）")).ToHaveValueAsync("三牌楼社区");
        await Assertions.Expect(page.Locator("[data-testid=poster-place]")).ToHaveTextAsync("您扫描的是“三牌楼社区”的招募海报，已为您选好；如有不同可以修改。");
        await page.GotoAsync("/register.html?unit=nj-yibao");
        await Assertions.Expect(page.GetByLabel("派出单位")).ToHaveValueAsync("nj-yibao");
    }
}

