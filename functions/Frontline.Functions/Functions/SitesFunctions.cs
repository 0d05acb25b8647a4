using Frontline.Http;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class SitesFunctions(RouteInvoker api)
{
    [Function("ListUnits")]
    public Task<IActionResult> ListUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Units)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(SiteRoutes.ListUnits, request, cancellationToken));

    [Function("ImportUnits")]
    public Task<IActionResult> ImportUnits([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.UnitsImport)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(SiteRoutes.ImportUnits, request, cancellationToken));

    [Function("ListSites")]
    public Task<IActionResult> ListSites([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Sites)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(SiteRoutes.ListSites, request, cancellationToken));

    [Function("ImportSites")]
    public Task<IActionResult> ImportSites([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SitesImport)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(SiteRoutes.ImportSites, request, cancellationToken));
}
