using Frontline.Areas;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class AreaFunctions(RouteInvoker api)
{
    [Function("ListAreas")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Areas)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(AreaRoutes.ListAreas, request, cancellationToken));

    [Function("GetArea")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Area)] HttpRequest request, string code, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(AreaRoutes.GetArea, request, cancellationToken, code));

    [Function("ImportAreas")]
    public Task<IActionResult> Import([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Areas)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(AreaRoutes.ImportAreas, request, cancellationToken));
}
