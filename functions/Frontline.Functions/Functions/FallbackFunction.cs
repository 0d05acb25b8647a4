using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

/// <summary>
/// Everything under /api that no other function takes: unknown paths, and known paths asked with another method,
/// answered as the local host answers them (problem+json 404, or 405 with Allow).
/// </summary>
/// <remarks>
/// The Functions host does not order routes by ASP.NET Core's precedence: it sorts functions by name
/// (ordinal, case-insensitive) and the first whose template and method match takes the request
/// (Azure/azure-functions-host#9876). A catch-all named "ApiFallback" sorted first and answered every request with
/// 404. The name therefore starts with "Zz" so that it sorts after every other function, and the catch-all template
/// is the lowest precedence too, so it also comes last should the host ever order by precedence.
/// FunctionsRouteOrderTests replays the host's rule over the generated functions.metadata and fails if any
/// function takes another's request.
/// </remarks>
public sealed class FallbackFunction
{
    public const string Name = "ZzApiFallback";

    [Function(Name)]
    public static IActionResult Fallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = ApiRoutes.Fallback)] HttpRequest request) =>
        new ResultActionResult(ApiFallback.Answer(request));
}
