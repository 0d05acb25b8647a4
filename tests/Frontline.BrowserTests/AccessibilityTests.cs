using System.Text.Json;
using Frontline.Bulletins;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// axe-core (pinned in web/package.json) run inside Chromium on every public page in both languages: any serious or
/// critical violation fails the test, and the message lists each rule with the elements it found.
/// </summary>
[Collection(nameof(SiteCollection))]
public sealed class AccessibilityTests(SiteFixture site, Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            foreach (var page in new[] { "home", "register", "register-errors", "status", "bulletins", "bulletin", "dashboard", "poster", "portal-offline", "api-reference" })
            {
                data.Add(page, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_axe_violations(string name, string language)
    {
        var page = await site.NewPageAsync(locale: language);
        await page.AddInitScriptAsync($"localStorage.setItem('frontline.lang', '{language}')");
        await OpenAsync(page, name);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));

        var all = await Axe.RunAsync(page);

        // Moderate and minor findings do not fail the test; they are written to the test output.
        foreach (var minor in all.Where(v => v.GetProperty("impact").GetString() is not ("serious" or "critical")))
        {
            output.WriteLine(Axe.Describe(minor));
        }

        var violations = all.Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(Axe.Describe).ToList();

        Assert.True(violations.Count == 0, $"{name} ({language}) has serious or critical accessibility violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_check_finds_a_planted_violation_so_a_pass_means_something()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const input = document.createElement('input'); input.type = 'text'; document.querySelector('main').append(input); }");

        var violations = await Axe.RunAsync(page);

        Assert.Contains(violations, v => v.GetProperty("id").GetString() == "label" && v.GetProperty("impact").GetString() == "critical");
    }

    private async Task OpenAsync(IPage page, string name)
    {
        switch (name)
        {
            case "home":
                await page.GotoAsync("/");
                await Assertions.Expect(page.Locator("#figures")).ToHaveAttributeAsync("data-loaded", "true");
                break;
            case "register":
                await page.GotoAsync("/register.html");
                await Assertions.Expect(page.Locator("#workUnit option[value=nj-yibao]")).ToHaveCountAsync(1);
                break;
            case "register-errors":
                await page.GotoAsync("/register.html");
                await Assertions.Expect(page.Locator("#workUnit option[value=nj-yibao]")).ToHaveCountAsync(1);
                await page.ClickAsync("button[type=submit]");
                await Assertions.Expect(page.Locator("#phone-error")).ToBeVisibleAsync();
                break;
            case "status":
                await page.GotoAsync("/status.html");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                break;
            case "bulletins":
                await EnsureABulletinAsync();
                await page.GotoAsync("/bulletins.html");
                await Assertions.Expect(page.Locator("#bulletin-list li").First).ToBeVisibleAsync();
                break;
            case "bulletin":
                var (year, number) = await EnsureABulletinAsync();
                await page.GotoAsync($"/bulletins.html?year={year}&number={number}");
                await Assertions.Expect(page.Locator("#bulletin-body")).Not.ToBeEmptyAsync();
                break;
            case "dashboard":
                await page.GotoAsync("/dashboard.html");
                await Assertions.Expect(page.Locator("#units-chart")).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 30_000 });
                await Assertions.Expect(page.Locator("#site-list")).ToHaveAttributeAsync("data-loaded", "true");
                break;
            case "api-reference":
                await page.GotoAsync("/api-reference.html");
                await Assertions.Expect(page.Locator("#op-SubmitCountsBatch")).ToBeVisibleAsync();
                break;
            case "poster":
                await page.GotoAsync("/poster.html?unit=nj-yibao");
                await Assertions.Expect(page.Locator("[data-testid=poster-qr]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png"));
                break;
            case "portal-offline":
                // The portal with its send queue and a refusal beside a site (the queue is drawn as the page sees it).
                await page.GotoAsync("/portal.html");
                await Assertions.Expect(page.Locator("#dev-unit option[value=nj-yibao]")).ToHaveCountAsync(1);
                await page.SelectOptionAsync("#dev-unit", "nj-yibao");
                await page.ClickAsync("#dev-button");
                await Assertions.Expect(page.Locator(".site-card").First).ToBeVisibleAsync();
                await page.Context.SetOfflineAsync(true);
                await page.Locator(".site-card form").First.EvaluateAsync("form => { for (const input of form.querySelectorAll('input')) input.value = '0'; }");
                await page.Locator(".site-card button[type=submit]").First.ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=queue] li")).ToHaveCountAsync(1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private async Task<(int Year, int Number)> EnsureABulletinAsync()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var list = JsonDocument.Parse(await client.GetStringAsync("/api/bulletins")).RootElement;
            if (list.GetArrayLength() > 0)
            {
                return (list[0].GetProperty("year").GetInt32(), list[0].GetProperty("number").GetInt32());
            }

            // The run answers for every series of the demo (each series' period that just closed first); the page's default is zhenggong.
            _ = (await site.App.Get<BulletinService>().RunNowAsync(CancellationToken.None)).First(r => r.SeriesId == "zhenggong");
        }

        throw new InvalidOperationException("No bulletin could be published for the accessibility check.");
    }
}
