using Frontline.Http;
using Frontline.Stats;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class StatsFunctions(RouteInvoker api)
{
    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(StatsRoutes.Health, request, cancellationToken));

    [Function("HealthDetail")]
    public Task<IActionResult> HealthDetail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.HealthDetail)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(StatsRoutes.HealthDetail, request, cancellationToken));

    [Function("Stats")]
    public Task<IActionResult> Stats([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Stats)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(StatsRoutes.Stats, request, cancellationToken));

    [Function("DailyStats")]
    public Task<IActionResult> DailyStats([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DailyStats)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(StatsRoutes.DailyStats, request, cancellationToken));

    [Function("AreaStats")]
    public Task<IActionResult> AreaStats([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AreaStats)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(StatsRoutes.AreaStats, request, cancellationToken));
}
