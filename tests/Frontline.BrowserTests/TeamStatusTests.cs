using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>The status page of a volunteer in a team, on a 390-pixel phone: their team, its leader, the site's duty phone and this week's shifts.</summary>
[Collection(nameof(SiteCollection))]
public sealed class TeamStatusTests(SiteFixture site)
{
    [Fact]
    public async Task The_status_page_shows_the_team_its_leader_and_the_sites_public_duty_phone_on_a_phone()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var leader = await RegisterAsync(client, "彭带队", "13900002201");
        var member = await RegisterAsync(client, "严队员", "13900002202");
        var token = (await (await client.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Coordinator" }, name = "测试协调员" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await AssignedSiteAsync(client, leader);
        var siteId = await AssignedSiteAsync(client, member);
        (await client.PostAsJsonAsync("/api/units/sc-difangzhi/teams", new
        {
            name = "玉沙路检测点党员突击队", kind = "commando", siteIds = new[] { siteId }, leaderId = leader.Id, memberIds = new[] { leader.Id, member.Id },
        })).EnsureSuccessStatusCode();
        // The demo's teams and duty phones are seeded in the background at start, whether before or after this: the
        // seed adds a duty phone only where the office has entered none, so the office's line stands either way.
        (await client.PutAsJsonAsync($"/api/sites/{siteId}/duty-phone", new { dutyPhone = "028-0000 0200" })).EnsureSuccessStatusCode();

        // The member's organiser puts them on tomorrow's morning shift, from the site's pattern.
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).AddDays(1);
        (await client.PutAsJsonAsync($"/api/sites/{siteId}/shift-pattern", new { shifts = new[] { new { start = "08:00", end = "12:00" }, new { start = "12:00", end = "16:00" } } }))
            .EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/volunteers/{Uri.EscapeDataString(member.Id)}/shifts/{tomorrow:yyyy-MM-dd}", new { shifts = new[] { new { start = "08:00", end = "12:00" } } }))
            .EnsureSuccessStatusCode();

        var page = await site.NewPageAsync(width: 390);
        await page.GotoAsync($"/status.html?id={Uri.EscapeDataString(member.Id)}&code={member.Code}");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveAttributeAsync("data-status", "assigned", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=team]")).ToHaveTextAsync("玉沙路检测点党员突击队（党员突击队）");
        await Assertions.Expect(page.Locator("[data-testid=leader]")).ToHaveTextAsync("彭带队");
        await Assertions.Expect(page.Locator("[data-testid=duty-phone]")).ToHaveTextAsync("028-0000 0200");
        await Assertions.Expect(page.Locator("[data-testid=duty-phone]")).ToHaveAttributeAsync("href", "tel:02800000200");
        await Assertions.Expect(page.Locator("#duty-phone-note")).ToContainTextAsync("特意公开");
        await Assertions.Expect(page.Locator("[data-testid=roster]")).ToBeHiddenAsync();
        // This week's shifts: the day as 9月16日（周五）, the clock times and the site.
        var shift = page.Locator("[data-testid=shifts] li");
        await Assertions.Expect(shift).ToHaveCountAsync(1);
        await Assertions.Expect(shift).ToContainTextAsync($"{tomorrow.Month}月{tomorrow.Day}日（周{"日一二三四五六"[(int)tomorrow.DayOfWeek]}）");
        await Assertions.Expect(shift).ToContainTextAsync("08:00–12:00");
        await Assertions.Expect(shift.Locator(".shift-site")).Not.ToBeEmptyAsync();
        Assert.DoesNotContain("13900002201", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the status page must fit a 390-pixel phone");
        await Axe.AssertNoSeriousViolationsAsync(page, "the status page of a team member");
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", "status-390.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });

        // In English, the same shift with the day as Fri 16 Sep.
        await page.ClickAsync("#language-switch");
        await Assertions.Expect(shift).ToContainTextAsync(tomorrow.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture));

        // The leader sees the roster, phones masked; with no shifts, a line says so.
        await page.GotoAsync($"/status.html?id={Uri.EscapeDataString(leader.Id)}&code={leader.Code}");
        await Assertions.Expect(page.Locator("[data-testid=roster] tbody tr")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=roster]")).ToContainTextAsync("139****2202");
        await Assertions.Expect(page.Locator("[data-testid=shifts-none]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the status page of a team leader");
    }

    private static async Task<(string Id, string Code)> RegisterAsync(HttpClient client, string name, string phone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var accepted = await (await client.PostAsJsonAsync("/api/registrations", new
        {
            name, phone, workUnit = "sc-difangzhi", partyMember = true, homeCommunity = "玉沙路社区",
            skills = new[] { "testing-order" }, availableFrom = today.ToString("O"), availableTo = today.AddDays(10).ToString("O"), consent = true,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (accepted.GetProperty("registrationId").GetString()!, accepted.GetProperty("receiptCode").GetString()!);
    }

    /// <summary>Both are placed by the registration queue a moment later; the member's site is where the team is.</summary>
    private static async Task<string> AssignedSiteAsync(HttpClient client, (string Id, string Code) volunteer)
    {
        for (var tries = 0; tries < 60; tries++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/registrations/{Uri.EscapeDataString(volunteer.Id)}?code={volunteer.Code}");
            if (status.GetProperty("status").GetString() == "assigned")
            {
                // The leader was sent a moment earlier; give the directory its row too.
                await Task.Delay(500);
                return status.GetProperty("site").GetProperty("id").GetString()!;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The volunteer was not assigned within 30 seconds.");
    }
}
