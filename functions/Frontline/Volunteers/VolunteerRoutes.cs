using Frontline.Http;

namespace Frontline.Volunteers;

/// <summary>The coordinators' directory of volunteers and reassignment, and a unit's own people for its organiser.</summary>
public static class VolunteerRoutes
{
    public static RouteDeclaration ListVolunteers { get; } = new("ListVolunteers", "GET", ApiRoutes.Volunteers, RouteAccess.Coordinators,
        call => call.Service<VolunteerAdminEndpoints>().ListAsync(call.Request, call.Cancellation))
    {
        Summary = new("查找志愿者（手机号脱敏）", "Search volunteers (masked phones), a page at a time"),
        Response = typeof(VolunteerPage), Problems = [400],
        Query = [new("q", "A name prefix, or the phone's last 4 digits.", Example: "张"), new("unitId", "A unit's volunteers."),
            new("community", "By home community.", Example: "玉林社区"), new("siteId", "A site's volunteers."),
            new("status", "registered, assigned, waitlisted or withdrawn."), new("continuation", "The previous page's continuation."),
            new("take", "1 to 200 (50).", Format: "int32", Example: "50")],
    };

    public static RouteDeclaration ReassignVolunteer { get; } = new("ReassignVolunteer", "POST", ApiRoutes.VolunteerReassignment, RouteAccess.Coordinators,
        call => call.Service<VolunteerAdminEndpoints>().ReassignAsync(call.Request, call.Route("volunteerId"), call.Audit, call.Cancellation))
    {
        Audit = new("volunteer.reassigned", new("调配志愿者", "Volunteer reassigned")),
        Summary = new("调配志愿者到另一点位", "Move a volunteer to another site"),
        Request = typeof(ReassignRequest), Response = typeof(Reassigned), Problems = [400, 404, 409, 413, 415],
    };

    /// <summary>
    /// A unit's own people for its organiser, who may not search the directory: the ids a team, a role or a shift
    /// names. The unit's partition of the directory only, a page at a time.
    /// </summary>
    public static RouteDeclaration ListUnitVolunteers { get; } = new("ListUnitVolunteers", "GET", ApiRoutes.UnitVolunteers,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters list their own unit's people only."),
        call => call.Service<UnitVolunteerEndpoints>().ListAsync(call.Request, call.Route("unitId"), call.Cancellation))
    {
        Summary = new("本单位的人员（手机号脱敏）、点位职务与队伍", "A unit's people (masked phones) with their site, site role and team, a page at a time"),
        Response = typeof(UnitVolunteerPage), Problems = [400, 404],
        Query = [new("siteId", "Only the people assigned to this site."), new("status", "assigned, waitlisted or withdrawn."),
            new("continuation", "The previous page's continuation."), new("take", "1 to 200 (50).", Format: "int32", Example: "50")],
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListVolunteers, ListUnitVolunteers, ReassignVolunteer];
}
