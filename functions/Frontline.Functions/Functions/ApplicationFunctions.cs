using Frontline.Applications;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class ApplicationFunctions(ApplicationEndpoints apps)
{
    [Function("ListApplications")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Applications)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => apps.ListAsync(request, cancellationToken));

    [Function("GetApplication")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Application)] HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => apps.GetAsync(request, clientId, cancellationToken));

    [Function("BindApplication")]
    public Task<IActionResult> Bind(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Application)] HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => apps.PutAsync(request, clientId, cancellationToken));

    [Function("UnbindApplication")]
    public Task<IActionResult> Unbind(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Application)] HttpRequest request, string clientId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => apps.DeleteAsync(request, clientId, cancellationToken));
}
