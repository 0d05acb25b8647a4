using Frontline.Http;

namespace Frontline.Volunteers;

/// <summary>The coordinators' directory of volunteers and reassignment.</summary>
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

    public static IReadOnlyList<RouteDeclaration> All => [ListVolunteers, ReassignVolunteer];
}
