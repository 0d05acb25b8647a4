using Frontline.Batches;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class BatchFunctions(RouteInvoker api)
{
    [Function("ListBatches")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UnitBatches)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BatchRoutes.ListBatches, request, cancellationToken, unitId));

    [Function("CreateBatch")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.UnitBatches)] HttpRequest request, string unitId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BatchRoutes.CreateBatch, request, cancellationToken, unitId));

    [Function("WithdrawBatch")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.UnitBatchWithdrawal)] HttpRequest request, string unitId, string batchId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BatchRoutes.WithdrawBatch, request, cancellationToken, unitId, batchId));

    [Function("SiteStaffing")]
    public Task<IActionResult> SiteStaffing([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SiteStaffing)] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BatchRoutes.SiteStaffing, request, cancellationToken, siteId));
}
