using Frontline.Http;

namespace Frontline.Teams;

/// <summary>
/// Teams and leaders: a unit's teams (党员突击队, 志愿服务队, 临时党支部) with members and a leader, its people's roles at
/// their sites (点长, 组长, 队长), and a site's duty phone. A Reporter sees and changes only their own unit's teams and
/// people; Coordinators any unit's, and the duty phones.
/// </summary>
public static class TeamRoutes
{
    public static RouteDeclaration ListTeams { get; } = new("ListTeams", "GET", ApiRoutes.UnitTeams,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters see their own unit's teams only."),
        call => call.Service<TeamEndpoints>().ListAsync(call.Route("unitId"), call.Cancellation))
    {
        Summary = new("本单位的队伍、成员与负责人（手机号脱敏）", "A unit's teams with their members, roles and leader (masked phones) and each team's ETag"),
        Response = typeof(UnitTeams), Problems = [400, 404],
    };

    public static RouteDeclaration CreateTeam { get; } = new("CreateTeam", "POST", ApiRoutes.UnitTeams,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters form their own unit's teams only."),
        call => call.Service<TeamEndpoints>().CreateAsync(call.Request, call.Authorized, call.Route("unitId"), call.Audit, call.Cancellation))
    {
        Summary = new("组建队伍（突击队、服务队、临时党支部）", "Form a team at the unit's sites: its own people as members, one of them the leader"),
        Request = typeof(TeamRequest), Response = typeof(TeamView), SuccessStatus = 201, Problems = [400, 404, 409, 413, 415],
        Audit = new("team.created", new("组建队伍", "Team formed")),
    };

    public static RouteDeclaration UpdateTeam { get; } = new("UpdateTeam", "PUT", ApiRoutes.UnitTeam,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters change their own unit's teams only."),
        call => call.Service<TeamEndpoints>().UpdateAsync(call.Request, call.Authorized, call.Route("unitId"), call.Route("teamId"), call.Audit, call.Cancellation))
    {
        Summary = new("修改队伍（If-Match）", "Change a team as a whole under If-Match (409 with the current team when stale)"),
        Request = typeof(TeamRequest), Response = typeof(TeamView), Problems = [400, 404, 409, 413, 415, 428],
        Audit = new("team.changed", new("修改队伍", "Team changed")),
    };

    public static RouteDeclaration SetVolunteerRole { get; } = new("SetVolunteerRole", "PUT", ApiRoutes.VolunteerRole, RouteAccess.ReportersAndCoordinators,
        call => call.Service<TeamEndpoints>().SetRoleAsync(call.Request, call.Authorized, call.Route("volunteerId"), call.Audit, call.Cancellation))
    {
        Summary = new("设定志愿者在点位的职务（点长、组长、队长、队员）", "Set a volunteer's role at the site they are assigned to (a Reporter for their own unit's people)"),
        Request = typeof(RoleRequest), Response = typeof(VolunteerRoleView), Problems = [400, 404, 409, 413, 415],
        Audit = new("volunteer.role-set", new("设定志愿者职务", "Volunteer's site role set")),
    };

    public static RouteDeclaration SetDutyPhone { get; } = new("SetDutyPhone", "PUT", ApiRoutes.SiteDutyPhone, RouteAccess.Coordinators,
        call => call.Service<TeamEndpoints>().SetDutyPhoneAsync(call.Request, call.Authorized, call.Route("siteId"), call.Audit, call.Cancellation))
    {
        Summary = new("录入点位值班电话（办公电话，公开）", "Enter a site's duty phone: an office line, shown publicly on its volunteers' status pages (empty clears it)"),
        Request = typeof(DutyPhoneRequest), Response = typeof(DutyPhoneView), Problems = [400, 404, 413, 415],
        Audit = new("site.duty-phone-set", new("录入点位值班电话", "Site duty phone set")),
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListTeams, CreateTeam, UpdateTeam, SetVolunteerRole, SetDutyPhone];
}
