using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// What the phone pages say: the status page's receipt code and id on a narrow phone with its copy button and the
/// site's contact; the registration form waiting out a 429 and sending again by itself; the pages' Open Graph tags.
/// </summary>
[Collection(nameof(SiteCollection))]
public sealed class PhonePagesTests(SiteFixture site)
{
    [Fact]
    public async Task A_refused_registration_waits_as_the_server_asks_and_is_sent_again_with_everything_typed()
    {
        var page = await site.NewPageAsync();
        var tries = 0;
        await page.RouteAsync("**/api/registrations", async route =>
        {
            // The first try meets the rate limit; the second goes to the server.
            if (Interlocked.Increment(ref tries) == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 429,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "2" },
                    Body = """{"title":"Too many registrations from this address.","status":429}""",
                });
                return;
            }

            await route.ContinueAsync();
        });
        await page.GotoAsync("/register.html");
        await Assertions.Expect(page.Locator("#workUnit option[value=nj-yibao]")).ToHaveCountAsync(1);
        await page.GetByLabel("手机号").FillAsync("150 2222 3344");
        await page.GetByLabel("姓名").FillAsync("韩等待");
        await page.GetByLabel("派出单位").SelectOptionAsync("nj-yibao");
        await page.GetByRole(AriaRole.Radio, new() { Name = "否" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "入户排查" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "我已阅读并同意上述说明" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交报名" }).ClickAsync();

        await Assertions.Expect(page.Locator("#form-error")).ToContainTextAsync("2 秒后");
        await Assertions.Expect(page.Locator("#form-error")).ToContainTextAsync("将自动重新提交，您填写的内容都会保留。");
        await Assertions.Expect(page.GetByLabel("姓名")).ToHaveValueAsync("韩等待");
        await Assertions.Expect(page.Locator("[data-testid=receipt-code]")).ToHaveTextAsync(new Regex("^[0-9A-Z]{8}$"), new() { Timeout = 15_000 });
        Assert.Equal(2, tries);
    }

    [Fact]
    public async Task The_status_page_gives_the_receipt_code_to_read_out_the_id_to_copy_and_the_contact_as_written_on_a_narrow_phone()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var accepted = await (await client.PostAsJsonAsync("/api/registrations", new
        {
            name = "黎短屏", phone = "13900001111", workUnit = "nj-yibao", partyMember = false, homeCommunity = "三牌楼社区",
            skills = new[] { "door-to-door" }, availableFrom = today.ToString("O"), availableTo = today.AddDays(10).ToString("O"), consent = true,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("registrationId").GetString()!;
        var code = accepted.GetProperty("receiptCode").GetString()!;

        var page = await site.NewPageAsync(width: 320);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = site.BaseAddress.ToString().TrimEnd('/') });
        await page.GotoAsync($"/status.html?id={Uri.EscapeDataString(id)}&code={code}");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveAttributeAsync("data-status", "assigned", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=shown-code]")).ToHaveTextAsync($"{code[..4]} {code[4..]}");
        await Assertions.Expect(page.Locator("[data-testid=shown-id]")).ToHaveTextAsync(id);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the status page must fit a 320-pixel phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "复制编号" }).ClickAsync();
        await Assertions.Expect(page.Locator("#copy-result")).ToHaveTextAsync("报名编号已复制。");
        Assert.Equal(id, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // The contact exactly as the office set it for the site (seeds/sites.csv).
        var contact = await page.EvaluateAsync<string>($"fetch('/api/registrations/{Uri.EscapeDataString(id)}?code={code}').then(r => r.json()).then(s => s.site.contact)");
        await Assertions.Expect(page.Locator("[data-testid=site-contact]")).ToHaveTextAsync(contact);
    }

    [Theory]
    [InlineData("/register.html", "志愿者报名 · 前线志愿服务平台")]
    [InlineData("/status.html", "报名状态 · 前线志愿服务平台")]
    [InlineData("/portal.html", "单位填报 · 前线志愿服务平台")]
    public async Task A_page_shared_in_a_messenger_carries_a_title_a_description_and_a_picture(string path, string title)
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var html = await client.GetStringAsync(path);
        Assert.Contains($"<meta property=\"og:title\" content=\"{title}\" />", html, StringComparison.Ordinal);
        Assert.Matches("<meta property=\"og:description\" content=\"[^\"]{10,}\" />", html);
        Assert.Contains("<meta property=\"og:image\" content=\"/og-image.png\" />", html, StringComparison.Ordinal);
        var image = await client.GetAsync("/og-image.png");
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }
}
