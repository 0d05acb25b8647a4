using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Teams;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Teams;

/// <summary>
/// Teams and leaders on Azurite: a unit's organiser forms a team of their own people at their own sites with a leader
/// who is a member, sets their people's roles at their sites, and the office enters a site's duty phone; the volunteer's
/// status page shows their site, duty phone, role, team and leader's name, and the leader their roster, never a phone
/// in full. Each test has its own unit, because the tests share one store.
/// </summary>
public sealed class TeamTests(TeamTests.App app) : IClassFixture<TeamTests.App>
{
    public sealed class App : FrontlineApp
    {
        private int _nextPhone;

        public override async Task InitializeAsync()
        {
            Settings["Frontline:Triggers:Enabled"] = "false";
            await base.InitializeAsync();
            var catalog = Get<CatalogStore>();
            string[] units = ["u-form", "u-leader", "u-scope", "u-other", "u-role", "u-etag", "u-status", "u-phone", "u-list"];
            await catalog.ImportUnitsAsync(units.Select(unit => new UnitDefinition(unit, "单位" + unit, null, null, null, [$"s-{unit}", $"s-{unit}-2"])), CancellationToken.None);
            await catalog.ImportSitesAsync(units.SelectMany(unit => new[]
            {
                new SiteDefinition($"s-{unit}", "沪宁高速主线查验点", SiteTypes.Checkpoint, "南京市", null, "沪宁高速主线", null, "查验点带班领导", 6, [], null, null),
                new SiteDefinition($"s-{unit}-2", "玉沙路社区核酸检测点", SiteTypes.TestingPoint, "青羊区", "草市街街道", "玉沙路社区", null, "检测点点长", 6, [], null, null),
            }), CancellationToken.None);
        }

        /// <summary>A volunteer of the unit as the processor would have stored them; answers their id, receipt code and phone.</summary>
        public async Task<(string Id, string Code, string Phone)> VolunteerAsync(string unitId, string name, string? siteId, string status = VolunteerStatus.Assigned)
        {
            var phone = $"1390011{Interlocked.Increment(ref _nextPhone):D4}";
            var personalData = Get<PersonalData>();
            var hash = personalData.PhoneHash(phone);
            var id = personalData.NewRegistrationId(hash);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await Get<VolunteerStore>().SaveAsync(new Volunteer(hash, id, name, personalData.Encrypt(phone), "单位" + unitId, unitId, true, "机关党支部",
                null, [], today, today.AddDays(60), status, siteId, DateTimeOffset.UtcNow), CancellationToken.None);
            return (id, personalData.ReceiptCode(id), phone);
        }

        public async Task<HttpClient> ReporterAsync(string unitId) => CreateClient(await TokenAsync([Roles.Reporter], unitId));

        public async Task<HttpClient> CoordinatorAsync() => CreateClient(await TokenAsync([Roles.Coordinator]));
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Body(string name, string kind, string[] siteIds, string leaderId, params string[] memberIds) =>
        new { name, kind, siteIds, leaderId, memberIds };

    private static async Task<TeamView> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TeamView>(JsonSerializerOptions.Web))!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    private static async Task<(RegistrationStatus Status, string Text)> StatusAsync(HttpClient client, (string Id, string Code, string Phone) volunteer)
    {
        var response = await client.GetAsync($"/api/registrations/{volunteer.Id}?code={volunteer.Code}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (JsonSerializer.Deserialize<RegistrationStatus>(text, JsonSerializerOptions.Web)!, text);
    }

    private Task<string> SnapshotAsync() => StorageSnapshot.TakeAsync(app.Storage, [TableNames.Teams, TableNames.AuditTrail], queues: false);

    [Fact]
    public async Task A_reporter_forms_a_team_of_their_own_people_with_a_leader_who_is_a_member()
    {
        var leader = await app.VolunteerAsync("u-form", "李春雷", "s-u-form");
        var member = await app.VolunteerAsync("u-form", "陈翀", "s-u-form");
        using var reporter = await app.ReporterAsync("u-form");

        var team = await CreatedAsync(await reporter.PostAsync("/api/units/u-form/teams",
            Json(Body("南京市市级机关党员突击队", TeamKinds.Commando, ["s-u-form"], leader.Id, leader.Id, member.Id))));

        Assert.Equal(("u-form", "南京市市级机关党员突击队", TeamKinds.Commando, "李春雷"), (team.UnitId, team.Name, team.Kind, team.LeaderName));
        Assert.StartsWith("t-", team.TeamId, StringComparison.Ordinal);
        Assert.Equal([(leader.Id, "李春雷", true), (member.Id, "陈翀", false)], team.Members.Select(person => (person.VolunteerId, person.Name, person.Leader)));
        Assert.All(team.Members, person => Assert.Matches(@"^139\*{4}\d{4}$", person.PhoneMasked));
        var listed = await reporter.GetFromJsonAsync<UnitTeams>("/api/units/u-form/teams", JsonSerializerOptions.Web);
        Assert.Equal(team.TeamId, Assert.Single(listed!.Teams).TeamId);
        var text = await reporter.GetStringAsync("/api/units/u-form/teams");
        Assert.DoesNotContain(leader.Phone, text, StringComparison.Ordinal);
        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "team.created"),
            record => record.Records.GetValueOrDefault("team") == team.TeamId && record.Details["members"] == "2");
    }

    [Fact]
    public async Task A_leader_who_is_not_a_member_is_refused_naming_leaderId_and_nothing_changes()
    {
        var leader = await app.VolunteerAsync("u-leader", "蒲建宇", "s-u-leader");
        var member = await app.VolunteerAsync("u-leader", "王芳", "s-u-leader");
        using var reporter = await app.ReporterAsync("u-leader");
        var before = await SnapshotAsync();

        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-leader/teams",
            Json(Body("玉沙疫情防控党员志愿服务队", TeamKinds.ServiceTeam, ["s-u-leader"], leader.Id, member.Id))), HttpStatusCode.BadRequest, "leaderId");

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Another_units_people_and_sites_and_unknown_ones_are_refused_by_field_and_nothing_changes()
    {
        var own = await app.VolunteerAsync("u-scope", "梁雪", "s-u-scope");
        var stranger = await app.VolunteerAsync("u-other", "李春雷", "s-u-other");
        using var reporter = await app.ReporterAsync("u-scope");
        using var coordinator = await app.CoordinatorAsync();
        var before = await SnapshotAsync();

        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-scope/teams",
            Json(Body("临时党支部", TeamKinds.TemporaryBranch, ["s-u-scope"], own.Id, own.Id, stranger.Id))), HttpStatusCode.BadRequest, "memberIds[1]");
        await AssertProblemAsync(await coordinator.PostAsync("/api/units/u-scope/teams",
            Json(Body("临时党支部", TeamKinds.TemporaryBranch, ["s-u-other"], own.Id, own.Id))), HttpStatusCode.BadRequest, "siteIds[0]");
        await AssertProblemAsync(await coordinator.PostAsync("/api/units/u-scope/teams",
            Json(Body("临时党支部", TeamKinds.TemporaryBranch, ["s-nowhere"], own.Id, own.Id))), HttpStatusCode.BadRequest, "siteIds[0]");
        await AssertProblemAsync(await coordinator.PostAsync("/api/units/u-scope/teams",
            Json(Body("临时党支部", TeamKinds.TemporaryBranch, ["s-u-scope"], own.Id, own.Id, own.Id[..^2] + "AA"))), HttpStatusCode.BadRequest, "memberIds[1]");

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_reporter_sees_and_changes_only_their_units_teams_and_people()
    {
        var stranger = await app.VolunteerAsync("u-other", "杨帆", "s-u-other");
        using var reporter = await app.ReporterAsync("u-scope");
        var before = await SnapshotAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/api/units/u-other/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsync("/api/units/u-other/teams",
            Json(Body("突击队", TeamKinds.Commando, ["s-u-other"], stranger.Id, stranger.Id)))).StatusCode);
        await AssertProblemAsync(await reporter.PutAsync($"/api/volunteers/{stranger.Id}/role", Json(new { role = SiteRoles.SiteLeader })),
            HttpStatusCode.Forbidden, "own unit");

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Roles_are_held_at_the_volunteers_site_and_set_by_their_units_organiser()
    {
        var volunteer = await app.VolunteerAsync("u-role", "蒲建宇", "s-u-role-2");
        var waiting = await app.VolunteerAsync("u-role", "刘洋", null, VolunteerStatus.Waitlisted);
        using var reporter = await app.ReporterAsync("u-role");
        using var anyone = app.CreateClient();

        var response = await reporter.PutAsync($"/api/volunteers/{volunteer.Id}/role", Json(new { role = SiteRoles.GroupLeader }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(new VolunteerRoleView(volunteer.Id, "u-role", "s-u-role-2", SiteRoles.GroupLeader),
            await response.Content.ReadFromJsonAsync<VolunteerRoleView>(JsonSerializerOptions.Web));
        Assert.Equal(SiteRoles.GroupLeader, (await StatusAsync(anyone, volunteer)).Status.Role);

        // 两天当组长, 四天当点长: the later role replaces the earlier one.
        Assert.Equal(HttpStatusCode.OK, (await reporter.PutAsync($"/api/volunteers/{volunteer.Id}/role", Json(new { role = SiteRoles.SiteLeader }))).StatusCode);
        Assert.Equal(SiteRoles.SiteLeader, (await StatusAsync(anyone, volunteer)).Status.Role);

        var before = await SnapshotAsync();
        await AssertProblemAsync(await reporter.PutAsync($"/api/volunteers/{volunteer.Id}/role", Json(new { role = "点长" })), HttpStatusCode.BadRequest, "role");
        await AssertProblemAsync(await reporter.PutAsync($"/api/volunteers/{waiting.Id}/role", Json(new { role = SiteRoles.Member })), HttpStatusCode.Conflict, "volunteerId");
        await AssertProblemAsync(await reporter.PutAsync($"/api/volunteers/{volunteer.Id[..^2]}AA/role", Json(new { role = SiteRoles.Member })), HttpStatusCode.NotFound, "volunteerId");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Changing_a_team_needs_the_etag_it_was_read_with()
    {
        var first = await app.VolunteerAsync("u-etag", "蒋志松", "s-u-etag");
        var second = await app.VolunteerAsync("u-etag", "陈翀", "s-u-etag");
        using var reporter = await app.ReporterAsync("u-etag");
        var team = await CreatedAsync(await reporter.PostAsync("/api/units/u-etag/teams",
            Json(Body("党员突击队", TeamKinds.Commando, ["s-u-etag"], first.Id, first.Id))));
        var path = $"/api/units/u-etag/teams/{team.TeamId}";
        var change = Body("党员突击队", TeamKinds.Commando, ["s-u-etag", "s-u-etag-2"], second.Id, first.Id, second.Id);

        await AssertProblemAsync(await reporter.PutAsync(path, Json(change)), HttpStatusCode.PreconditionRequired, "If-Match");

        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(change) };
        request.Headers.TryAddWithoutValidation("If-Match", team.Etag);
        var changed = await reporter.SendAsync(request);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var view = (await changed.Content.ReadFromJsonAsync<TeamView>(JsonSerializerOptions.Web))!;
        Assert.Equal(("陈翀", 2, 2), (view.LeaderName, view.Members.Count, view.SiteIds.Count));

        using var stale = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(Body("改名", TeamKinds.Commando, ["s-u-etag"], first.Id, first.Id)) };
        stale.Headers.TryAddWithoutValidation("If-Match", team.Etag);
        await AssertProblemAsync(await reporter.SendAsync(stale), HttpStatusCode.Conflict, "If-Match");
        Assert.Equal("党员突击队", Assert.Single((await reporter.GetFromJsonAsync<UnitTeams>("/api/units/u-etag/teams", JsonSerializerOptions.Web))!.Teams).Name);
    }

    [Fact]
    public async Task The_status_page_shows_site_duty_phone_role_team_and_leader_name_and_never_a_phone_in_full()
    {
        var leader = await app.VolunteerAsync("u-status", "蒲建宇", "s-u-status-2");
        var member = await app.VolunteerAsync("u-status", "王芳", "s-u-status-2");
        using var reporter = await app.ReporterAsync("u-status");
        using var coordinator = await app.CoordinatorAsync();
        using var anyone = app.CreateClient();
        await CreatedAsync(await reporter.PostAsync("/api/units/u-status/teams",
            Json(Body("玉沙疫情防控党员志愿服务队", TeamKinds.ServiceTeam, ["s-u-status-2"], leader.Id, leader.Id, member.Id))));
        Assert.Equal(HttpStatusCode.OK, (await reporter.PutAsync($"/api/volunteers/{leader.Id}/role", Json(new { role = SiteRoles.SiteLeader }))).StatusCode);
        var phone = await coordinator.PutAsync("/api/sites/s-u-status-2/duty-phone", Json(new { dutyPhone = "028-8888 6666" }));
        Assert.True(phone.StatusCode == HttpStatusCode.OK, await phone.Content.ReadAsStringAsync());

        var (seen, text) = await StatusAsync(anyone, member);
        Assert.Equal(("玉沙路社区核酸检测点", "028-8888 6666"), (seen.Site!.Name, seen.Site.DutyPhone));
        Assert.Equal(SiteRoles.Member, seen.Role);
        Assert.Equal(("玉沙疫情防控党员志愿服务队", TeamKinds.ServiceTeam, "蒲建宇", false), (seen.Team!.Name, seen.Team.Kind, seen.Team.LeaderName, seen.Team.IsLeader));
        Assert.Null(seen.Team.Roster);
        Assert.DoesNotContain(leader.Phone, text, StringComparison.Ordinal);
        Assert.DoesNotContain(leader.Phone[7..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(member.Phone, text, StringComparison.Ordinal);

        // The leader sees the roster: names and roles, phones masked.
        var (led, ledText) = await StatusAsync(anyone, leader);
        Assert.Equal((SiteRoles.SiteLeader, true), (led.Role, led.Team!.IsLeader));
        Assert.Equal([("蒲建宇", SiteRoles.SiteLeader), ("王芳", SiteRoles.Member)], led.Team.Roster!.Select(person => (person.Name, person.Role)));
        Assert.Equal(PersonalData.Mask(member.Phone), led.Team.Roster![1].PhoneMasked);
        Assert.DoesNotContain(member.Phone, ledText, StringComparison.Ordinal);
        Assert.DoesNotContain(leader.Phone, ledText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sites_duty_phone_is_entered_by_a_coordinator_checked_and_can_be_cleared()
    {
        using var reporter = await app.ReporterAsync("u-phone");
        using var coordinator = await app.CoordinatorAsync();
        var before = await SnapshotAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PutAsync("/api/sites/s-u-phone/duty-phone", Json(new { dutyPhone = "025-0000 0002" }))).StatusCode);
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-u-phone/duty-phone", Json(new { dutyPhone = "找检测点点长" })), HttpStatusCode.BadRequest, "dutyPhone");
        // A mobile is a person's own phone: the duty phone is published to everyone, so it must be an office's line.
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-u-phone/duty-phone", Json(new { dutyPhone = "138 0013 8000" })), HttpStatusCode.BadRequest, "dutyPhone");
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-nowhere/duty-phone", Json(new { dutyPhone = "025-0000 0002" })), HttpStatusCode.NotFound, "siteId");
        Assert.Equal(before, await SnapshotAsync());

        var set = await coordinator.PutAsync("/api/sites/s-u-phone/duty-phone", Json(new { dutyPhone = "025 0000 0002转8001" }));
        var view = (await set.Content.ReadFromJsonAsync<DutyPhoneView>(JsonSerializerOptions.Web))!;
        Assert.Equal(("025 0000 0002转8001", true), (view.DutyPhone, view.Note.Contains("public on purpose", StringComparison.Ordinal)));
        Assert.Equal("025 0000 0002转8001", await app.Get<TeamStore>().GetDutyPhoneAsync("s-u-phone", CancellationToken.None));

        var cleared = await coordinator.PutAsync("/api/sites/s-u-phone/duty-phone", Json(new { dutyPhone = "" }));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null(await app.Get<TeamStore>().GetDutyPhoneAsync("s-u-phone", CancellationToken.None));
    }

    [Fact]
    public async Task The_public_site_list_carries_each_sites_duty_phone_from_one_cached_read()
    {
        using var anyone = app.CreateClient();
        using var coordinator = await app.CoordinatorAsync();
        async Task<(string? First, string? Second)> ListedAsync()
        {
            var sites = (await anyone.GetFromJsonAsync<List<SiteSummary>>("/api/sites", JsonSerializerOptions.Web))!;
            return (sites.Single(site => site.Id == "s-u-list").DutyPhone, sites.Single(site => site.Id == "s-u-list-2").DutyPhone);
        }

        Assert.Equal((null, null), await ListedAsync());
        (await coordinator.PutAsync("/api/sites/s-u-list/duty-phone", Json(new { dutyPhone = "025-0000 0003转8002" }))).EnsureSuccessStatusCode();
        // The office's change on this host shows at once; the other site still has none.
        Assert.Equal(("025-0000 0003转8002", null), await ListedAsync());

        // Served from memory: a second look reads nothing, whatever the number of sites.
        var cache = app.Get<DutyPhoneCache>();
        var first = await cache.GetAsync(CancellationToken.None);
        Assert.Same(first, await cache.GetAsync(CancellationToken.None));

        (await coordinator.PutAsync("/api/sites/s-u-list/duty-phone", Json(new { dutyPhone = "" }))).EnsureSuccessStatusCode();
        Assert.Equal((null, null), await ListedAsync());
        Assert.NotSame(first, await cache.GetAsync(CancellationToken.None));
    }
}
