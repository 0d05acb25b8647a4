using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

/// <summary>404 everywhere but a Development host off Azure: the handler checks, not this trigger.</summary>
public sealed class DevTokenFunction(RouteInvoker api)
{
    [Function("DevToken")]
    public Task<IActionResult> Issue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.DevToken)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DevTokenRoutes.DevToken, request, cancellationToken));
}
