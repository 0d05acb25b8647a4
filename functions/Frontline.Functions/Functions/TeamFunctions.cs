using Frontline.Http;
using Frontline.Teams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class TeamFunctions(RouteInvoker api)
{
    [Function("ListTeams")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UnitTeams)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(TeamRoutes.ListTeams, request, cancellationToken, unitId));

    [Function("CreateTeam")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.UnitTeams)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(TeamRoutes.CreateTeam, request, cancellationToken, unitId));

    [Function("UpdateTeam")]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.UnitTeam)] HttpRequest request, string unitId, string teamId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(TeamRoutes.UpdateTeam, request, cancellationToken, unitId, teamId));

    [Function("SetVolunteerRole")]
    public Task<IActionResult> SetRole([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.VolunteerRole)] HttpRequest request, string volunteerId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(TeamRoutes.SetVolunteerRole, request, cancellationToken, volunteerId));

    [Function("SetDutyPhone")]
    public Task<IActionResult> SetDutyPhone([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.SiteDutyPhone)] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(TeamRoutes.SetDutyPhone, request, cancellationToken, siteId));
}
