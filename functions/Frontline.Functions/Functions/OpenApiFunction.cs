using Frontline.Http;
using Frontline.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

/// <summary>The OpenAPI document, the same text the local host serves (the library writes it).</summary>
public sealed class OpenApiFunction(RouteInvoker api)
{
    [Function("OpenApiDocument")]
    public Task<IActionResult> Document([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenApiDocument)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(OpenApiRoutes.OpenApiDocument, request, cancellationToken));
}
