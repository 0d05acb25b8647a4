using Frontline.Audit;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class AuditFunctions(RouteInvoker api)
{
    [Function("ListAudit")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Audit)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(AuditRoutes.ListAudit, request, cancellationToken));

    [Function("ExportAuditCsv")]
    public Task<IActionResult> ExportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AuditExportCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(AuditRoutes.ExportAuditCsv, request, cancellationToken));

    [Function("ExportAuditXlsx")]
    public Task<IActionResult> ExportXlsx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AuditExportXlsx)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(AuditRoutes.ExportAuditXlsx, request, cancellationToken));
}
