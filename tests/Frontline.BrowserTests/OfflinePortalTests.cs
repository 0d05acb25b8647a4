using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>The server's clock, moved forward by a test (a day that becomes locked while a phone is offline).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private TimeSpan _shift;

    public void Shift(TimeSpan shift) => _shift = shift;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}

/// <summary>The site on its own host whose clock a test may move, so it cannot surprise the other collections.</summary>
public sealed class OfflineFixture : SiteFixture
{
    public ShiftedClock Clock { get; } = new();

    protected override FrontlineApp CreateApp() => new() { ConfigureTestServices = services => services.AddSingleton<TimeProvider>(Clock) };
}

[CollectionDefinition(nameof(OfflineCollection))]
public sealed class OfflineCollection : ICollectionFixture<OfflineFixture>;

/// <summary>
/// The installable portal without a network: the service worker's shell, the send queue on the device (IndexedDB),
/// sending once and in order when the network returns, a refusal beside its site, and no personal data in Cache Storage.
/// </summary>
[Collection(nameof(OfflineCollection))]
public sealed class OfflinePortalTests(OfflineFixture site)
{
    private const string Unit = "nj-jiyao";

    /// <summary>
    /// Fills in every figure the site's form asks for (its type's indicators, from the definitions the phone kept):
    /// 1 each, and the people on duty as given.
    /// </summary>
    private static async Task FillAndSubmitAsync(ILocator card, string onDuty)
    {
        var onDutyInput = card.GetByLabel("在岗人数（人）", new() { Exact = true });
        await Assertions.Expect(onDutyInput).ToBeVisibleAsync();
        var inputs = await card.Locator(".count-grid input").AllAsync();
        Assert.True(inputs.Count >= 4, "a site's form asks for its type's figures");
        foreach (var input in inputs)
        {
            await input.FillAsync("1");
        }

        await onDutyInput.FillAsync(onDuty);
        await card.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
    }

    /// <summary>The portal says so once its shell and the catalogs are kept for offline use.</summary>
    private static async Task ControlledByTheServiceWorkerAsync(IPage page) =>
        await Assertions.Expect(page.Locator("[data-testid=offline-ready]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

    [Fact]
    public async Task Offline_submissions_wait_on_the_phone_and_go_once_in_order_and_a_day_locked_meanwhile_shows_its_problem()
    {
        var page = await site.ReporterPageAsync(Unit, "周密");
        await ControlledByTheServiceWorkerAsync(page);
        var days = await page.Locator("#day option").EvaluateAllAsync<string[]>("options => options.map(option => option.value)");
        var today = days[0];
        var oldest = days[^1];

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToHaveTextAsync("已登录：周密");
        await Assertions.Expect(page.Locator("#offline-day")).ToBeVisibleAsync();

        var community = page.Locator("#site-nj-sanpailou");
        var testing = page.Locator("#site-nj-sanpailou-testing");
        // Without signal the forms are built from the definitions kept on the phone: each site type's own figures.
        await Assertions.Expect(community.GetByLabel("入户走访（户）", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(community.GetByLabel("查验车辆（辆）", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(testing.GetByLabel("采样轮次（轮）", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(testing.GetByLabel("入户走访（户）", new() { Exact = true })).ToHaveCountAsync(0);
        await FillAndSubmitAsync(community, "3");
        await Assertions.Expect(community.Locator("[data-testid=queued]")).ToContainTextAsync("待发送");
        await FillAndSubmitAsync(testing, "4");
        await Assertions.Expect(page.Locator("[data-testid=queue-summary]")).ToHaveTextAsync("2 条待发送");

        // A draft survives a reload: typed, not sent.
        await page.GetByLabel("填报日期").SelectOptionAsync(oldest);
        await Assertions.Expect(community.Locator($"form[data-day='{oldest}']")).ToHaveCountAsync(1);
        await community.GetByLabel("在岗人数（人）", new() { Exact = true }).FillAsync("5");
        await Assertions.Expect(community.Locator("form[data-draft-saved=true]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await page.ReloadAsync();
        await page.GetByLabel("填报日期").SelectOptionAsync(oldest);
        await Assertions.Expect(community.Locator($"form[data-day='{oldest}']")).ToHaveCountAsync(1);
        await Assertions.Expect(community.GetByLabel("在岗人数（人）", new() { Exact = true })).ToHaveValueAsync("5");
        await FillAndSubmitAsync(community, "5");
        await Assertions.Expect(page.Locator("[data-testid=queue-summary]")).ToHaveTextAsync("3 条待发送");

        // The oldest open day is locked by the time the network returns.
        site.Clock.Shift(TimeSpan.FromDays(1));
        try
        {
            await page.Context.SetOfflineAsync(false);
            var entries = page.Locator("[data-testid=queue] li");
            await Assertions.Expect(page.Locator("[data-testid=queue-summary]")).ToHaveTextAsync("全部已发送。", new() { Timeout = 20_000 });
            await Assertions.Expect(entries).ToHaveCountAsync(3);
            await Assertions.Expect(entries.Nth(0)).ToContainTextAsync($"三牌楼社区 · {today} 已发送：已保存（第 1 版）。");
            await Assertions.Expect(entries.Nth(1)).ToContainTextAsync($"三牌楼社区核酸检测点 · {today} 已发送：已保存（第 1 版）。");
            await Assertions.Expect(entries.Nth(2)).ToContainTextAsync($"三牌楼社区 · {oldest} 未被接受：这一天的数据已锁定");
            await Assertions.Expect(community.Locator("[data-testid=queued]")).ToContainTextAsync("未被接受：这一天的数据已锁定，如需更正请联系指挥部重新开放。");
        }
        finally
        {
            site.Clock.Shift(TimeSpan.Zero);
        }

        // Each stored once: version 1, not 2.
        using var client = site.App.CreateClient(await site.App.TokenAsync(["Reporter"], Unit));
        foreach (var siteId in new[] { "nj-sanpailou", "nj-sanpailou-testing" })
        {
            var history = await client.GetFromJsonAsync<JsonElement>($"/api/sites/{siteId}/counts/{today}/history");
            Assert.Equal(1, history.GetArrayLength());
            Assert.Equal(1, history[0].GetProperty("version").GetInt32());
        }

        await page.GetByLabel("填报日期").SelectOptionAsync(today);
        await Assertions.Expect(page.Locator("[data-testid=missing] li")).ToHaveCountAsync(0);
        await Assertions.Expect(testing.Locator("[data-testid=site-state]")).ToHaveTextAsync("已填报（第 1 版）");
    }

    [Fact]
    public async Task A_sign_in_that_ran_out_while_offline_asks_for_sign_in_again_and_keeps_the_queue()
    {
        var page = await site.ReporterPageAsync("nj-fangchan", "葛房");
        await ControlledByTheServiceWorkerAsync(page);
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        var card = page.Locator("#site-nj-jianye-support");
        await FillAndSubmitAsync(card, "2");
        await Assertions.Expect(page.Locator("[data-testid=queue-summary]")).ToHaveTextAsync("1 条待发送");

        // Back online, the server refuses the token as it does an expired one: once.
        var refused = 0;
        await page.RouteAsync("**/api/sites/nj-jianye-support/counts/*", async route =>
        {
            if (route.Request.Method == "PUT" && Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = """{"title":"Unauthorized","status":401}""" });
                return;
            }

            await route.ContinueAsync();
        });
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("登录已过期，请重新登录。待发送的数据仍保存在本机，登录后自动发送。");

        await page.GetByLabel("派出单位").SelectOptionAsync("nj-fangchan");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=queue-summary]")).ToHaveTextAsync("全部已发送。", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=queue] li")).ToContainTextAsync("已发送：已保存（第 1 版）。");
        Assert.Equal(2, refused);
    }

    [Fact]
    public async Task What_an_older_portal_queued_and_typed_on_the_phone_is_sent_and_restored_by_indicator_code()
    {
        // The phone holds the portal's database as version 1 left it: a submission queued with round one's seven named
        // figures, and a draft typed in the old form. The portal of today opens it as version 2.
        const string unit = "xa-shehui-zhili";
        const string siteId = "xa-compounds-beilin";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime)
            .ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/index.html");
        await page.EvaluateAsync(
            """
            ({ entry, draft, draftKey }) => new Promise((resolve, reject) => {
              const open = indexedDB.open('frontline-portal', 1);
              open.onupgradeneeded = () => {
                open.result.createObjectStore('outbox', { keyPath: 'key' });
                open.result.createObjectStore('drafts');
              };
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const db = open.result;
                const transaction = db.transaction(['outbox', 'drafts'], 'readwrite');
                transaction.objectStore('outbox').put(entry);
                transaction.objectStore('drafts').put(draft, draftKey);
                transaction.oncomplete = () => { db.close(); resolve(); };
                transaction.onerror = () => reject(transaction.error);
              };
            })
            """,
            new
            {
                entry = new
                {
                    key = "queued-by-version-1", sequence = 1, unitId = unit, siteId, day = today, queuedAt = DateTimeOffset.UtcNow.ToString("O"), state = "waiting",
                    body = new { onDuty = 3, partyMembers = 2, tested = 0, peopleChecked = 10, vehiclesChecked = 0, suppliesDelivered = 0, householdsVisited = 5, highlight = "旧版本排队的数据" },
                },
                draft = new { unitId = unit, siteId, day = today, savedAt = DateTimeOffset.UtcNow.ToString("O"), values = new { onDuty = "4", householdsVisited = "6", highlight = "还没发的草稿" } },
                draftKey = $"{unit}|{siteId}|{today}",
            });

        await page.GotoAsync("/portal.html");
        await page.GetByLabel("派出单位").SelectOptionAsync(unit);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=queue-summary]")).ToHaveTextAsync("全部已发送。", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=queue] li")).ToContainTextAsync("已发送：已保存（第 1 版）。");

        // The draft is back in the form, in the fields the form has now.
        var card = page.Locator($"#site-{siteId}");
        await Assertions.Expect(card.GetByLabel("在岗人数（人）", new() { Exact = true })).ToHaveValueAsync("4");
        await Assertions.Expect(card.GetByLabel("入户走访（户）", new() { Exact = true })).ToHaveValueAsync("6");
        await Assertions.Expect(card.GetByLabel("工作亮点（选填，可用于简讯）")).ToHaveValueAsync("还没发的草稿");

        // Stored once, by code.
        using var client = site.App.CreateClient(await site.App.TokenAsync(["Reporter"], unit));
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/sites/{siteId}/counts/{today}/history");
        var stored = Assert.Single(history.EnumerateArray().ToList());
        var values = stored.GetProperty("figures").GetProperty("values");
        Assert.Equal(3, values.GetProperty("on-duty").GetDecimal());
        Assert.Equal(5, values.GetProperty("households-visited").GetDecimal());
        Assert.Equal("旧版本排队的数据", stored.GetProperty("highlight").GetString());
    }

    [Fact]
    public async Task The_service_worker_never_keeps_a_registration_a_volunteer_list_or_an_export()
    {
        // The portal installs the worker before anyone signs in.
        var page = await site.NewPageAsync();
        await page.GotoAsync("/portal.html");
        await ControlledByTheServiceWorkerAsync(page);
        var coordinator = await site.App.TokenAsync(["Coordinator"]);
        var urls = await page.EvaluateAsync<string[]>(
            """
            async (token) => {
              const headers = { Authorization: `Bearer ${token}`, 'X-Frontline-Authorization': `Bearer ${token}` };
              for (const path of ['/api/registrations/r-unknown?code=ABCD2345', '/api/volunteers', '/api/volunteers?site=nj-sanpailou',
                                  '/api/exports/volunteers.csv', '/api/exports/counts.csv', '/api/sites', '/api/units']) {
                await fetch(path, { headers });
              }
              const kept = [];
              for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                kept.push(...(await cache.keys()).map((request) => new URL(request.url).pathname));
              }
              return kept;
            }
            """, coordinator);

        Assert.Contains("/portal.html", urls);
        Assert.Contains("/api/sites", urls);
        Assert.DoesNotContain(urls, url => url.StartsWith("/api/registrations", StringComparison.Ordinal));
        Assert.DoesNotContain(urls, url => url.StartsWith("/api/volunteers", StringComparison.Ordinal));
        Assert.DoesNotContain(urls, url => url.StartsWith("/api/exports", StringComparison.Ordinal));
        Assert.DoesNotContain(urls, url => url.StartsWith($"/api/units/{Unit}", StringComparison.Ordinal));
    }
}
