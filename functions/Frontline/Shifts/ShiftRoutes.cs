using Frontline.Http;

namespace Frontline.Shifts;

/// <summary>
/// Shifts (班次): a site's shift pattern, set by Coordinators; a volunteer's shifts on a day, set by their unit's
/// Reporter (the unit's organiser) or a Coordinator; a site's duty on a day, the roster and the duty hours a unit
/// reports. A Reporter sees and changes only their own unit's people: the volunteer's unit decides, in the handler.
/// </summary>
public static class ShiftRoutes
{
    private static readonly QueryParameter Day = new("day", "The day, yyyy-MM-dd (default today, Beijing time).", Format: "date", Example: "2022-04-10");

    public static RouteDeclaration GetShiftPattern { get; } = new("GetShiftPattern", "GET", ApiRoutes.SiteShiftPattern, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ShiftEndpoints>().GetPatternAsync(call.Request, call.Route("siteId"), call.Cancellation))
    {
        Summary = new("点位的班次安排（带 ETag）", "A site's shift pattern, with its ETag"),
        Response = typeof(ShiftPatternView), Problems = [400, 404],
    };

    public static RouteDeclaration PutShiftPattern { get; } = new("PutShiftPattern", "PUT", ApiRoutes.SiteShiftPattern, RouteAccess.Coordinators,
        call => call.Service<ShiftEndpoints>().PutPatternAsync(call.Request, call.Authorized, call.Route("siteId"), call.Audit, call.Cancellation))
    {
        Summary = new("设定点位的班次安排：日间时段或24小时交接班（If-Match；首次设定用 If-None-Match: *）",
            "Set a site's shift pattern: blocks within the day (08:00–12:00, …) or a 24-hour post's hand-over times; If-Match: the ETag read (412 when stale); If-None-Match: * for a first pattern (412 when the site has one)"),
        Request = typeof(ShiftPatternRequest), Response = typeof(ShiftPatternView), Problems = [400, 404, 412, 413, 415],
        Audit = new("shift-pattern.set", new("设定点位班次", "Site shift pattern set")),
    };

    public static RouteDeclaration PutVolunteerShifts { get; } = new("PutVolunteerShifts", "PUT", ApiRoutes.VolunteerShiftsDay, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ShiftEndpoints>().PutDayAsync(call.Request, call.Authorized, call.Route("volunteerId"), call.Route("day"), call.Audit, call.Cancellation))
    {
        Summary = new("安排志愿者某天的班次（取自点位班次，不得重叠）",
            "Set a volunteer's shifts on a day at their site, chosen from its pattern; none may overlap another of theirs; [] clears the day"),
        Request = typeof(VolunteerShiftsRequest), Response = typeof(VolunteerDayView), Problems = [400, 404, 409, 413, 415],
        Audit = new("shifts.set", new("安排志愿者班次", "Volunteer shifts set")),
    };

    public static RouteDeclaration ListVolunteerShifts { get; } = new("ListVolunteerShifts", "GET", ApiRoutes.VolunteerShifts, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ShiftEndpoints>().ListAsync(call.Request, call.Authorized, call.Route("volunteerId"), call.Cancellation))
    {
        Summary = new("志愿者的班次与值守时长", "A volunteer's shifts from one day to another, with their duty hours and shifts (人次)"),
        Response = typeof(VolunteerShifts), Problems = [400, 404],
        Query = [new("from", "The first day, yyyy-MM-dd (default a week ago).", Format: "date", Example: "2022-04-04"),
            new("to", $"The last day, at most {ShiftEndpoints.MaxReadDays} days on (default a week ahead).", Format: "date", Example: "2022-04-17")],
    };

    public static RouteDeclaration SiteDuty { get; } = new("SiteDuty", "GET", ApiRoutes.SiteDuty, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ShiftEndpoints>().DutyAsync(call.Request, call.Authorized, call.Route("siteId"), call.Cancellation))
    {
        Summary = new("点位一天的值班表：各班次人员、值守时长与人次",
            "A site's roster on a day: who is on each shift, people, shifts worked (人次) and duty hours, the figure reported as duty-hours"),
        Response = typeof(SiteDuty), Problems = [400, 404],
        Query = [Day, new("unitId", "One unit's people (a Reporter always sees their own unit's only).", Example: "nj-yibao")],
    };

    public static IReadOnlyList<RouteDeclaration> All => [GetShiftPattern, PutShiftPattern, PutVolunteerShifts, ListVolunteerShifts, SiteDuty];
}
