using Azure.Storage.Queues.Models;
using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class DailyCountFunctions(RouteInvoker api, DailyCountProcessor processor, QueueFailures failures)
{
    [Function("SubmitCounts")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.SiteCounts)] HttpRequest request, string siteId, string day, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.SubmitCounts, request, cancellationToken, siteId, day));

    [Function("CountsHistory")]
    public Task<IActionResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SiteCountsHistory)] HttpRequest request, string siteId, string day, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.CountsHistory, request, cancellationToken, siteId, day));

    [Function("ReopenCounts")]
    public Task<IActionResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SiteCountsReopen)] HttpRequest request, string siteId, string day, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.ReopenCounts, request, cancellationToken, siteId, day));

    [Function("UnitCounts")]
    public Task<IActionResult> UnitDay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UnitCounts)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.UnitCounts, request, cancellationToken, unitId));

    [Function("SubmitCountsBatch")]
    public Task<IActionResult> SubmitBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.UnitCountsBatch)] HttpRequest request, string unitId, string day, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.SubmitCountsBatch, request, cancellationToken, unitId, day));

    [Function("CountsTemplateXlsx")]
    public Task<IActionResult> TemplateXlsx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UnitCountsTemplateXlsx)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.CountsTemplateXlsx, request, cancellationToken, unitId));

    [Function("CountsTemplateCsv")]
    public Task<IActionResult> TemplateCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UnitCountsTemplateCsv)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.CountsTemplateCsv, request, cancellationToken, unitId));

    [Function("Completeness")]
    public Task<IActionResult> Completeness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Completeness)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.Completeness, request, cancellationToken));

    [Function("FlaggedCounts")]
    public Task<IActionResult> Flagged(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.FlaggedCounts)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(DailyCountRoutes.FlaggedCounts, request, cancellationToken));

    [Function("RollUpCounts")]
    public Task RollUp([QueueTrigger(QueueNames.DailyCounts)] QueueMessage message, CancellationToken cancellationToken) =>
        failures.RunAsync(processor, message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
}
