using Frontline.Http;
using Frontline.Indicators;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class IndicatorFunctions(RouteInvoker api)
{
    [Function("GetIndicators")]
    public Task<IActionResult> Current(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Indicators)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(IndicatorRoutes.CurrentIndicators, request, cancellationToken));

    [Function("GetIndicatorVersion")]
    public Task<IActionResult> Version(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.IndicatorVersion)] HttpRequest request, string version, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(IndicatorRoutes.IndicatorVersion, request, cancellationToken, version));

    [Function("PutIndicator")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Indicator)] HttpRequest request, string code, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(IndicatorRoutes.PutIndicator, request, cancellationToken, code));

    [Function("RetireIndicator")]
    public Task<IActionResult> Retire(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.IndicatorRetirement)] HttpRequest request, string code, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(IndicatorRoutes.RetireIndicator, request, cancellationToken, code));

    [Function("DeleteIndicator")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Indicator)] HttpRequest request, string code, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(IndicatorRoutes.DeleteIndicator, request, cancellationToken, code));

    [Function("PutIndicatorRules")]
    public Task<IActionResult> PutRules(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.IndicatorRules)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(IndicatorRoutes.PutIndicatorRules, request, cancellationToken));
}
