using Frontline.Http;

namespace Frontline.Exports;

/// <summary>The Coordinators' downloads, each as CSV and as .xlsx.</summary>
public static class ExportRoutes
{
    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly QueryParameter From = new("from", "First day, yyyy-MM-dd (default 6 days before to).", Format: "date", Example: "2022-12-09");
    private static readonly QueryParameter To = new("to", "Last day, yyyy-MM-dd (default today).", Format: "date", Example: "2022-12-15");
    private static readonly QueryParameter Day = new("day", "The day, yyyy-MM-dd (default today).", Format: "date", Example: "2022-12-15");
    private static readonly QueryParameter Area = new("area", "Only the sites in this area and below it (an area's code); the file name says which.", Example: "510100");

    private static RouteDeclaration Export(string name, string template, string mediaType, Bilingual summary, IReadOnlyList<QueryParameter> query,
        Func<ExportEndpoints, RouteCall, Task<Microsoft.AspNetCore.Http.IResult>> handler) =>
        new(name, "GET", template, RouteAccess.Coordinators, call => handler(call.Service<ExportEndpoints>(), call))
        {
            Summary = summary, ResponseMediaType = mediaType, Query = query, Problems = query.Count == 0 ? [] : query.Contains(Area) ? [400, 404] : [400],
        };

    /// <summary>A list of people leaves the office: recorded before it is handed over (unmasked or not, it names them).</summary>
    private static readonly AuditedAction VolunteersExported = new("volunteers.exported", new("导出志愿者名单", "Volunteer list exported")) { Disclosure = true };

    public static RouteDeclaration VolunteersCsv { get; } = Export("ExportVolunteersCsv", ApiRoutes.ExportVolunteersCsv, Csv,
        new("导出志愿者（CSV；管理员可见完整手机号）", "Every volunteer as CSV (Admin: phones unmasked)"), [],
        (exports, call) => exports.VolunteersAsync(call.Request, call.Authorized, ExportFormat.Csv, call.Audit, call.Cancellation)) with { Audit = VolunteersExported };

    public static RouteDeclaration VolunteersXlsx { get; } = Export("ExportVolunteersXlsx", ApiRoutes.ExportVolunteersXlsx, Xlsx,
        new("导出志愿者（Excel；管理员可见完整手机号）", "Every volunteer as .xlsx (Admin: phones unmasked)"), [],
        (exports, call) => exports.VolunteersAsync(call.Request, call.Authorized, ExportFormat.Xlsx, call.Audit, call.Cancellation)) with { Audit = VolunteersExported };

    public static RouteDeclaration CountsCsv { get; } = Export("ExportCountsCsv", ApiRoutes.ExportCountsCsv, Csv,
        new("导出每日数字（CSV）", "Every current submission per day as CSV"), [From, To, Area],
        (exports, call) => exports.CountsAsync(call.Request, ExportFormat.Csv, call.Cancellation));

    public static RouteDeclaration CountsXlsx { get; } = Export("ExportCountsXlsx", ApiRoutes.ExportCountsXlsx, Xlsx,
        new("导出每日数字（Excel）", "Every current submission per day as .xlsx"), [From, To, Area],
        (exports, call) => exports.CountsAsync(call.Request, ExportFormat.Xlsx, call.Cancellation));

    public static RouteDeclaration CompletenessCsv { get; } = Export("ExportCompletenessCsv", ApiRoutes.ExportCompletenessCsv, Csv,
        new("导出报送情况（CSV）", "Each open site by unit, reported, late or missing, as CSV"), [Day, Area],
        (exports, call) => exports.CompletenessAsync(call.Request, ExportFormat.Csv, call.Cancellation));

    public static RouteDeclaration CompletenessXlsx { get; } = Export("ExportCompletenessXlsx", ApiRoutes.ExportCompletenessXlsx, Xlsx,
        new("导出报送情况（Excel）", "Each open site by unit, reported, late or missing, as .xlsx"), [Day, Area],
        (exports, call) => exports.CompletenessAsync(call.Request, ExportFormat.Xlsx, call.Cancellation));

    public static IReadOnlyList<RouteDeclaration> All => [VolunteersCsv, VolunteersXlsx, CountsCsv, CountsXlsx, CompletenessCsv, CompletenessXlsx];
}
