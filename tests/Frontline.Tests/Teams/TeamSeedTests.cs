using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Security;
using Frontline.Seeding;
using Frontline.Teams;
using Frontline.Tests.Foundation;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Teams;

/// <summary>The demo's teams: the sources' 突击队 and 临时党支部 and the 点长 at the 玉沙路 testing point, as their people see them.</summary>
public sealed class TeamSeedTests
{
    [Fact]
    public async Task The_demo_seeds_the_sources_teams_and_the_yusha_road_site_leader_once()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");
        await app.Get<DemoSeeder>().SeedAsync(seeds, CancellationToken.None);
        Assert.True(await app.Get<TeamSeeder>().SeedAsync(seeds, CancellationToken.None));
        Assert.False(await app.Get<TeamSeeder>().SeedAsync(seeds, CancellationToken.None));

        // 蒲建宇 (综合处, source 000): 点长 of the 玉沙路 testing point, and the leader of the team he joined there.
        var status = await StatusOfAsync(app, "13900000025");
        Assert.Equal(("cd-yusha-testing", "028-0000 0100", SiteRoles.SiteLeader), (status.Site!.Id, status.Site.DutyPhone, status.Role));
        Assert.Equal(("玉沙疫情防控党员志愿服务队", TeamKinds.ServiceTeam, "蒲建宇", true), (status.Team!.Name, status.Team.Kind, status.Team.LeaderName, status.Team.IsLeader));
        Assert.Equal(4, status.Team.Roster!.Count);

        // The 南京市医保局's four at the 沪宁高速 checkpoint joined the 南京市市级机关党员突击队 (source 004).
        var commando = await StatusOfAsync(app, "13900000016");
        Assert.Equal(("南京市市级机关党员突击队", TeamKinds.Commando, false), (commando.Team!.Name, commando.Team.Kind, commando.Team.IsLeader));
        Assert.Null(commando.Team.Roster);

        // 连娜 of 成都文旅集团 is one of the 锦东庭园 temporary party branch (source 002).
        Assert.Equal(TeamKinds.TemporaryBranch, (await StatusOfAsync(app, "13900000026")).Team!.Kind);
    }

    [Fact]
    public async Task The_demo_duty_phone_never_replaces_one_the_office_entered()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");
        var store = app.Get<TeamStore>();
        // The office entered its own line before the demo's teams were loaded (a store seeded before teams existed).
        await store.SetDutyPhoneAsync("cd-yusha-testing", "028-8765 4321转8", "测试协调员", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(await app.Get<TeamSeeder>().SeedAsync(seeds, CancellationToken.None));
        Assert.Equal("028-8765 4321转8", await store.GetDutyPhoneAsync("cd-yusha-testing", CancellationToken.None));
    }

    private static async Task<RegistrationStatus> StatusOfAsync(FrontlineApp app, string phone)
    {
        var personalData = app.Get<PersonalData>();
        var volunteer = await FrontlineApp.EventuallyAsync(
            () => app.Get<VolunteerStore>().GetAsync(personalData.PhoneHash(phone), CancellationToken.None),
            stored => stored is { Status: VolunteerStatus.Assigned }, TimeSpan.FromSeconds(60));
        using var client = app.CreateClient();
        var response = await client.GetAsync($"/api/registrations/{volunteer!.RegistrationId}?code={personalData.ReceiptCode(volunteer.RegistrationId)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegistrationStatus>(JsonSerializerOptions.Web))!;
    }
}
