using Frontline.Http;
using Frontline.Stats;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class StatsFunctions(StatsEndpoints stats, HealthDetailEndpoints healthDetail)
{
    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => stats.GetHealthAsync(cancellationToken));

    [Function("HealthDetail")]
    public Task<IActionResult> HealthDetail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.HealthDetail)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => healthDetail.GetAsync(request, cancellationToken));

    [Function("Stats")]
    public Task<IActionResult> Stats([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Stats)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => stats.GetStatsAsync(cancellationToken));

    [Function("DailyStats")]
    public Task<IActionResult> DailyStats([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DailyStats)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => stats.GetDailyAsync(request, cancellationToken));
}
