using Frontline.Exports;
using Frontline.Http;

namespace Frontline.Audit;

/// <summary>The audit trail's routes: Admins only, read only. There is no route that changes or removes a record.</summary>
public static class AuditRoutes
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly IReadOnlyList<QueryParameter> Filter =
    [
        new("from", "First day, yyyy-MM-dd, Beijing time (default: to).", Format: "date", Example: "2022-09-16"),
        new("to", "Last day, yyyy-MM-dd (default today); at most 31 days after from.", Format: "date", Example: "2022-09-16"),
        new("actor", "Only this actor: their object id, their name as shown, or an application's client id."),
        new("action", "Only this action's code (the answer's actions list them).", Example: "volunteers.exported"),
    ];

    // Declared before the routes that use it: static fields initialize in the order they are written.
    /// <summary>Taking the trail away is itself recorded: it names the staff who acted.</summary>
    private static readonly AuditedAction Exported = new("audit.exported", new("导出审计记录", "Audit trail exported")) { Disclosure = true };

    public static RouteDeclaration ListAudit { get; } = new("ListAudit", "GET", ApiRoutes.Audit, RouteAccess.Admins,
        call => call.Service<AuditEndpoints>().ListAsync(call.Request, call.Cancellation))
    {
        Summary = new("审计记录（按日期、操作人、操作筛选）", "The audit trail by day, actor and action, newest first"),
        Response = typeof(AuditPage), Query = Filter, Problems = [400],
    };

    public static RouteDeclaration ExportAuditCsv { get; } = Export("ExportAuditCsv", ApiRoutes.AuditExportCsv, "text/csv", ExportFormat.Csv,
        new("导出审计记录（CSV）", "The audit trail as CSV, with the same filters"));

    public static RouteDeclaration ExportAuditXlsx { get; } = Export("ExportAuditXlsx", ApiRoutes.AuditExportXlsx, Xlsx, ExportFormat.Xlsx,
        new("导出审计记录（Excel）", "The audit trail as .xlsx, with the same filters"));

    private static RouteDeclaration Export(string name, string template, string mediaType, ExportFormat format, Bilingual summary) =>
        new(name, "GET", template, RouteAccess.Admins, call => call.Service<AuditEndpoints>().ExportAsync(call.Request, format, call.Audit, call.Cancellation))
        {
            Summary = summary, ResponseMediaType = mediaType, Query = Filter, Problems = [400], Audit = Exported,
        };

    public static IReadOnlyList<RouteDeclaration> All => [ListAudit, ExportAuditCsv, ExportAuditXlsx];
}
