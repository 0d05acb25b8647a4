using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

/// <summary>
/// Everything under /api that no other function takes: the catch-all route has the lowest precedence, so it sees
/// only unknown paths and known paths asked with another method, and answers them as the local host does
/// (problem+json 404, or 405 with Allow).
/// </summary>
public sealed class FallbackFunction
{
    [Function("ApiFallback")]
    public static IActionResult Fallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = ApiRoutes.Fallback)] HttpRequest request) =>
        new ResultActionResult(ApiFallback.Answer(request));
}
