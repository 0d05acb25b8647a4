using Frontline.Http;
using Frontline.Shifts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class ShiftFunctions(RouteInvoker api)
{
    [Function("GetShiftPattern")]
    public Task<IActionResult> GetPattern([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SiteShiftPattern)] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ShiftRoutes.GetShiftPattern, request, cancellationToken, siteId));

    [Function("PutShiftPattern")]
    public Task<IActionResult> PutPattern([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.SiteShiftPattern)] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ShiftRoutes.PutShiftPattern, request, cancellationToken, siteId));

    [Function("PutVolunteerShifts")]
    public Task<IActionResult> PutDay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.VolunteerShiftsDay)] HttpRequest request, string volunteerId, string day, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ShiftRoutes.PutVolunteerShifts, request, cancellationToken, volunteerId, day));

    [Function("ListVolunteerShifts")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.VolunteerShifts)] HttpRequest request, string volunteerId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ShiftRoutes.ListVolunteerShifts, request, cancellationToken, volunteerId));

    [Function("SiteDuty")]
    public Task<IActionResult> Duty([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SiteDuty)] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ShiftRoutes.SiteDuty, request, cancellationToken, siteId));
}
