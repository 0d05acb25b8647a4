using Frontline.Applications;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class ApplicationFunctions(RouteInvoker api)
{
    [Function("ListApplications")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Applications)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ApplicationRoutes.ListApplications, request, cancellationToken));

    [Function("GetApplication")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Application)] HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ApplicationRoutes.GetApplication, request, cancellationToken, clientId));

    [Function("BindApplication")]
    public Task<IActionResult> Bind(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Application)] HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ApplicationRoutes.BindApplication, request, cancellationToken, clientId));

    [Function("UnbindApplication")]
    public Task<IActionResult> Unbind(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Application)] HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ApplicationRoutes.UnbindApplication, request, cancellationToken, clientId));
}
