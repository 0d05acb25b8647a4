using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// A unit's organiser on a 390-pixel phone: the command office sets a site's shifts in the console, then the unit's
/// organiser forms a team with a leader in the portal and makes the leader the site's 点长, records a batch (a reversed date said on its field first), gives a
/// person a shift, gives a person the batch names (who never registered) a shift too, sees the site's duty that day with the batch person marked, and
/// the day's counts form offers the roster's duty hours. 甘肃省人防办 at 兰后家属院, which no other browser test changes.
/// </summary>
[Collection(nameof(SiteCollection))]
public sealed class OrganiserTests(SiteFixture site)
{
    private const string Unit = "gs-shizhi";
    private const string Site = "gs-lanhou-compound";
    private const string SiteName = "兰后家属院党员示范岗";

    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Fact]
    public async Task An_organiser_forms_a_team_records_a_batch_and_gives_a_shift_on_a_phone_after_the_office_sets_the_sites_shifts()
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var token = (await (await client.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Coordinator" }, name = "测试协调员" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var leader = await RegisterAsync(client, "邵带队", "13900003301");
        var member = await RegisterAsync(client, "蔺队员", "13900003302");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await PlacedAsync(client, leader);
        await PlacedAsync(client, member);

        // The command office sets the site's shifts in the console, on a phone.
        var console = await site.NewPageAsync(width: 390, height: 844);
        await console.GotoAsync("/console.html#organise");
        await console.GetByLabel("您的姓名（审核简讯时署名）").FillAsync("何晓波");
        await console.GetByRole(AriaRole.Button, new() { Name = "以协调员身份登录（开发环境）" }).ClickAsync();
        await Assertions.Expect(console.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 30_000 });
        var office = console.Locator("#organise");
        await office.GetByLabel("选择单位").SelectOptionAsync(Unit);
        var officeShifts = office.Locator("#org-shifts");
        await officeShifts.GetByLabel("点位", new() { Exact = true }).SelectOptionAsync(Site);
        // The site's own read has drawn (its duty table names it), not the unit chosen before's first site.
        await Assertions.Expect(officeShifts.Locator("[data-testid=duty] caption")).ToContainTextAsync(SiteName, new() { Timeout = 15_000 });
        await Assertions.Expect(officeShifts.Locator("[data-testid=shift-pattern]")).ToContainTextAsync("还没有设定班次");
        await officeShifts.GetByLabel("班次", new() { Exact = true }).FillAsync("08:00-12:00\n12:00-16:00");
        await officeShifts.GetByRole(AriaRole.Button, new() { Name = "保存班次" }).ClickAsync();
        await Assertions.Expect(officeShifts.Locator("[data-testid=pattern-result]")).ToHaveTextAsync("班次已保存。");
        await Assertions.Expect(officeShifts.Locator("[data-testid=shift-pattern]")).ToContainTextAsync("08:00–12:00（4 小时）");
        await Assertions.Expect(office.Locator(".public-note")).ToContainTextAsync("公开显示");
        Assert.True(await console.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the console must fit a 390-pixel phone");
        await Axe.AssertNoSeriousViolationsAsync(console, "the console's teams and shifts");

        // The unit's organiser, in the portal.
        var page = await site.ReporterPageAsync(Unit, "刘艳平");
        var teams = page.Locator("#org-teams");
        await Assertions.Expect(teams.Locator("#tm-role-person option", new() { HasTextString = "邵带队" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await teams.GetByLabel("队伍名称").FillAsync("兰后家属院党员突击队");
        await teams.GetByLabel("类型").SelectOptionAsync("commando");
        await teams.Locator("#tm-sites").GetByText(SiteName).ClickAsync();
        await teams.Locator("#tm-members").GetByText("邵带队").ClickAsync();
        await teams.Locator("#tm-members").GetByText("蔺队员").ClickAsync();
        await teams.GetByLabel("负责人").SelectOptionAsync(new SelectOptionValue { Label = "邵带队" });
        await teams.GetByRole(AriaRole.Button, new() { Name = "组建队伍" }).ClickAsync();
        await Assertions.Expect(teams.Locator("[data-testid=team-result]")).ToHaveTextAsync("已组建“兰后家属院党员突击队”。");
        await Assertions.Expect(teams.GetByRole(AriaRole.Button, new() { Name = "取消修改" })).ToBeHiddenAsync();
        var formed = teams.Locator("[data-testid=teams] > li", new() { HasTextString = "兰后家属院党员突击队" });
        await Assertions.Expect(formed).ToContainTextAsync("邵带队（负责人）");
        await Assertions.Expect(formed).ToContainTextAsync("139****3302");
        Assert.DoesNotContain("13900003301", await page.ContentAsync(), StringComparison.Ordinal);

        // The leader becomes the site's 点长.
        await teams.GetByLabel("人员", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"邵带队（{SiteName}，队员）" });
        await teams.GetByLabel("职务", new() { Exact = true }).SelectOptionAsync("site-leader");
        await teams.GetByRole(AriaRole.Button, new() { Name = "设定职务" }).ClickAsync();
        await Assertions.Expect(teams.Locator("[data-testid=role-result]")).ToHaveTextAsync("已设定：邵带队，点长。");
        await Assertions.Expect(formed.Locator("tbody tr", new() { HasTextString = "邵带队" })).ToContainTextAsync("点长");

        // A batch: reversed dates are said on the last day's field, then it is recorded.
        var batches = page.Locator("#org-batches");
        await batches.GetByLabel("派出日期（起）").FillAsync(Today.ToString("O"));
        await batches.GetByLabel("派出日期（止）").FillAsync(Today.AddDays(-1).ToString("O"));
        await batches.GetByLabel("点位 1", new() { Exact = true }).SelectOptionAsync(Site);
        await batches.GetByLabel("点位 1 的人数").FillAsync("2");
        await batches.GetByLabel("名单（选填）").FillAsync("程批次、窦批次");
        await batches.GetByRole(AriaRole.Button, new() { Name = "登记批次" }).ClickAsync();
        await Assertions.Expect(batches.Locator("#bt-to-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(batches.GetByLabel("派出日期（止）")).ToBeFocusedAsync();
        await batches.GetByLabel("派出日期（止）").FillAsync(Today.AddDays(20).ToString("O"));
        await batches.GetByRole(AriaRole.Button, new() { Name = "登记批次" }).ClickAsync();
        await Assertions.Expect(batches.Locator("[data-testid=batch-result]")).ToContainTextAsync("共 2 人。");
        await Assertions.Expect(batches.Locator("#bt-to-error")).ToBeHiddenAsync();
        await Assertions.Expect(batches.Locator("[data-testid=batches] > li").First).ToContainTextAsync("程批次、窦批次");
        await Assertions.Expect(batches.Locator("[data-testid=batch-summary]")).ToContainTextAsync("在岗 2 人");

        // A shift from the office's pattern, and the day's duty.
        var shifts = page.Locator("#org-shifts");
        await shifts.GetByLabel("点位", new() { Exact = true }).SelectOptionAsync(Site);
        await Assertions.Expect(shifts.Locator("[data-testid=shift-pattern]")).ToContainTextAsync("08:00–12:00（4 小时）", new() { Timeout = 15_000 });
        await shifts.GetByLabel("人员（本单位在此点位的人员）").SelectOptionAsync(new SelectOptionValue { Label = "蔺队员" });
        await shifts.Locator("#sh-shifts").GetByText("08:00–12:00", new() { Exact = true }).ClickAsync();
        await shifts.GetByRole(AriaRole.Button, new() { Name = "保存排班" }).ClickAsync();
        await Assertions.Expect(shifts.Locator("[data-testid=shift-result]")).ToContainTextAsync("已为蔺队员排好");
        await Assertions.Expect(shifts.Locator("[data-testid=duty-totals]")).ToHaveTextAsync("在岗 1 人，1 人次，值守 4 小时。");
        await Assertions.Expect(shifts.Locator("[data-testid=duty] tbody tr", new() { HasTextString = "08:00–12:00" })).ToContainTextAsync("蔺队员");

        // A person the batch names, who never registered, is offered as a batch person and given the afternoon shift.
        var person = shifts.GetByLabel("人员（本单位在此点位的人员）");
        await Assertions.Expect(person.Locator("option", new() { HasTextString = "窦批次（派出批次人员）" })).ToHaveCountAsync(1);
        await person.SelectOptionAsync(new SelectOptionValue { Label = "程批次（派出批次人员）" });
        await shifts.GetByLabel("08:00–12:00", new() { Exact = true }).UncheckAsync();
        await shifts.GetByLabel("12:00–16:00", new() { Exact = true }).CheckAsync();
        await shifts.GetByRole(AriaRole.Button, new() { Name = "保存排班" }).ClickAsync();
        await Assertions.Expect(shifts.Locator("[data-testid=shift-result]")).ToContainTextAsync("已为程批次排好");
        await Assertions.Expect(shifts.Locator("[data-testid=duty-totals]")).ToHaveTextAsync("在岗 2 人，2 人次，值守 8 小时。");
        await Assertions.Expect(shifts.Locator("[data-testid=duty] tbody tr", new() { HasTextString = "12:00–16:00" })).ToContainTextAsync("程批次（派出批次）");
        await Assertions.Expect(shifts.Locator("[data-testid=duty] tbody tr", new() { HasTextString = "08:00–12:00" })).Not.ToContainTextAsync("程批次");

        // The day's counts form offers the roster's duty hours beside 值守时长, and enters them when asked.
        var dutyHours = page.Locator($"#site-{Site}-value-duty-hours");
        await dutyHours.FocusAsync();
        var offer = page.Locator($"#site-{Site}-value-duty-hours-roster");
        await Assertions.Expect(offer).ToContainTextAsync("排班合计 8 小时（2 人次）。", new() { Timeout = 15_000 });
        await Assertions.Expect(dutyHours).ToHaveValueAsync("");
        await offer.GetByRole(AriaRole.Button, new() { Name = "按排班填入" }).ClickAsync();
        await Assertions.Expect(dutyHours).ToHaveValueAsync("8");

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal must fit a 390-pixel phone");
        await Axe.AssertNoSeriousViolationsAsync(page, "the portal's teams, batches and shifts");
    }

    private static async Task<(string Id, string Code)> RegisterAsync(HttpClient client, string name, string phone)
    {
        var accepted = await (await client.PostAsJsonAsync("/api/registrations", new
        {
            name, phone, workUnit = Unit, partyMember = true, homeCommunity = "兰后家属院",
            skills = new[] { "gate-control" }, availableFrom = Today.ToString("O"), availableTo = Today.AddDays(30).ToString("O"), consent = true,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (accepted.GetProperty("registrationId").GetString()!, accepted.GetProperty("receiptCode").GetString()!);
    }

    /// <summary>The registration queue places them a moment later; wherever it did, the office moves them to the site.</summary>
    private static async Task PlacedAsync(HttpClient client, (string Id, string Code) volunteer)
    {
        for (var tries = 0; tries < 60; tries++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/registrations/{Uri.EscapeDataString(volunteer.Id)}?code={volunteer.Code}");
            if (status.GetProperty("status").GetString() is "assigned" or "waitlisted")
            {
                var at = status.TryGetProperty("site", out var placed) && placed.ValueKind == JsonValueKind.Object ? placed.GetProperty("id").GetString() : null;
                if (at != Site)
                {
                    (await client.PostAsJsonAsync($"/api/volunteers/{Uri.EscapeDataString(volunteer.Id)}/reassign", new { siteId = Site })).EnsureSuccessStatusCode();
                }

                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The volunteer was not placed within 30 seconds.");
    }
}
