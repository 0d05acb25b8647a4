using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Teams;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Volunteers;

/// <summary>
/// A unit's own people for its organiser (<c>GET /api/units/{unitId}/volunteers</c>) on Azurite: their ids, names,
/// masked phones, sites, roles and teams, a page at a time; another unit's organiser is refused. Each test has its own
/// unit, because the tests share one store.
/// </summary>
public sealed class UnitVolunteerTests(UnitVolunteerTests.App app) : IClassFixture<UnitVolunteerTests.App>
{
    public sealed class App : FrontlineApp
    {
        private int _nextPhone;

        public override async Task InitializeAsync()
        {
            Settings["Frontline:Triggers:Enabled"] = "false";
            await base.InitializeAsync();
            var catalog = Get<CatalogStore>();
            string[] units = ["u-list", "u-else", "u-page", "u-coord"];
            await catalog.ImportUnitsAsync(units.Select(unit => new UnitDefinition(unit, "单位" + unit, null, null, null, [$"s-{unit}", $"s-{unit}-2"])), CancellationToken.None);
            await catalog.ImportSitesAsync(units.SelectMany(unit => new[]
            {
                new SiteDefinition($"s-{unit}", "沪宁高速主线查验点", SiteTypes.Checkpoint, "南京市", null, "沪宁高速主线", null, "查验点带班领导", 6, [], null, null),
                new SiteDefinition($"s-{unit}-2", "玉沙路社区核酸检测点", SiteTypes.TestingPoint, "青羊区", "草市街街道", "玉沙路社区", null, "检测点点长", 6, [], null, null),
            }), CancellationToken.None);
        }

        /// <summary>A volunteer of the unit as the processor would have stored them; answers their id and phone.</summary>
        public async Task<(string Id, string Phone)> VolunteerAsync(string unitId, string name, string? siteId, string status = VolunteerStatus.Assigned)
        {
            var phone = $"1370022{Interlocked.Increment(ref _nextPhone):D4}";
            var personalData = Get<PersonalData>();
            var hash = personalData.PhoneHash(phone);
            var id = personalData.NewRegistrationId(hash);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await Get<VolunteerStore>().SaveAsync(new Volunteer(hash, id, name, personalData.Encrypt(phone), "单位" + unitId, unitId, true, "机关党支部",
                null, [], today, today.AddDays(60), status, siteId, DateTimeOffset.UtcNow), CancellationToken.None);
            return (id, phone);
        }

        public async Task<HttpClient> ReporterAsync(string unitId) => CreateClient(await TokenAsync([Roles.Reporter], unitId));

        public async Task<HttpClient> CoordinatorAsync() => CreateClient(await TokenAsync([Roles.Coordinator]));
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<UnitVolunteerPage> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<UnitVolunteerPage>(text, JsonSerializerOptions.Web)!;
    }

    [Fact]
    public async Task An_organiser_lists_their_own_people_with_masked_phones_sites_roles_and_teams()
    {
        var leader = await app.VolunteerAsync("u-list", "李春雷", "s-u-list");
        var member = await app.VolunteerAsync("u-list", "陈翀", "s-u-list");
        var waiting = await app.VolunteerAsync("u-list", "王芳", null, VolunteerStatus.Waitlisted);
        var stranger = await app.VolunteerAsync("u-else", "赵行", "s-u-else");
        using var reporter = await app.ReporterAsync("u-list");
        var formed = await reporter.PostAsync("/api/units/u-list/teams", Json(new
        {
            name = "南京市市级机关党员突击队", kind = TeamKinds.Commando, siteIds = new[] { "s-u-list" }, leaderId = leader.Id, memberIds = new[] { leader.Id, member.Id },
        }));
        Assert.True(formed.StatusCode == HttpStatusCode.Created, await formed.Content.ReadAsStringAsync());
        var team = (await formed.Content.ReadFromJsonAsync<TeamView>(JsonSerializerOptions.Web))!;
        var role = await reporter.PutAsync($"/api/volunteers/{leader.Id}/role", Json(new { role = SiteRoles.SiteLeader }));
        Assert.True(role.StatusCode == HttpStatusCode.OK, await role.Content.ReadAsStringAsync());

        var text = await reporter.GetStringAsync("/api/units/u-list/volunteers");
        var page = JsonSerializer.Deserialize<UnitVolunteerPage>(text, JsonSerializerOptions.Web)!;

        Assert.Equal("u-list", page.UnitId);
        Assert.Null(page.Continuation);
        var people = page.Items.ToDictionary(item => item.VolunteerId);
        Assert.Equal(new[] { leader.Id, member.Id, waiting.Id }.Order(StringComparer.Ordinal), people.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(stranger.Id, people.Keys);
        Assert.Equal(("李春雷", "s-u-list", "沪宁高速主线查验点", VolunteerStatus.Assigned, SiteRoles.SiteLeader, team.TeamId, "南京市市级机关党员突击队"),
            (people[leader.Id].Name, people[leader.Id].SiteId, people[leader.Id].SiteName, people[leader.Id].Status, people[leader.Id].Role, people[leader.Id].TeamId, people[leader.Id].TeamName));
        Assert.Equal((SiteRoles.Member, team.TeamId), (people[member.Id].Role, people[member.Id].TeamId));
        Assert.Equal((VolunteerStatus.Waitlisted, (string?)null, (string?)null, SiteRoles.Member), (people[waiting.Id].Status, people[waiting.Id].SiteId, people[waiting.Id].TeamId, people[waiting.Id].Role));
        Assert.All(page.Items, person => Assert.Matches(@"^137\*{4}\d{4}$", person.PhoneMasked));
        foreach (var phone in new[] { leader.Phone, member.Phone, waiting.Phone })
        {
            Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_units_organiser_is_refused_with_403_and_told_nothing()
    {
        await app.VolunteerAsync("u-list", "蒲建宇", "s-u-list-2");
        using var other = await app.ReporterAsync("u-else");

        var response = await other.GetAsync("/api/units/u-list/volunteers");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("蒲建宇", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_list_comes_a_page_at_a_time_each_person_once_and_filters_by_site_and_status()
    {
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            expected.Add((await app.VolunteerAsync("u-page", "队员" + i, i < 3 ? "s-u-page" : "s-u-page-2")).Id);
        }

        expected.Add((await app.VolunteerAsync("u-page", "退出者", null, VolunteerStatus.Withdrawn)).Id);
        using var reporter = await app.ReporterAsync("u-page");

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(reporter, "/api/units/u-page/volunteers?take=2" + (continuation is null ? "" : "&continuation=" + continuation));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(item => item.VolunteerId));
            continuation = page.Continuation;
            Assert.True(++pages < 10, "the continuation never ends");
        }
        while (continuation is not null);

        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var atSite = await PageAsync(reporter, "/api/units/u-page/volunteers?siteId=s-u-page");
        Assert.Equal(3, atSite.Items.Count);
        Assert.All(atSite.Items, item => Assert.Equal("s-u-page", item.SiteId));
        var assigned = await PageAsync(reporter, "/api/units/u-page/volunteers?status=assigned");
        Assert.Equal(5, assigned.Items.Count);
    }

    [Fact]
    public async Task A_coordinator_lists_any_unit_and_an_unknown_unit_is_404()
    {
        var person = await app.VolunteerAsync("u-coord", "刘艳平", "s-u-coord");
        using var coordinator = await app.CoordinatorAsync();

        var page = await PageAsync(coordinator, "/api/units/u-coord/volunteers");
        var unknown = await coordinator.GetAsync("/api/units/u-nowhere/volunteers");

        Assert.Equal(person.Id, Assert.Single(page.Items).VolunteerId);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unitId", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
