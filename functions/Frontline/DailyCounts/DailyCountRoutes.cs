using Frontline.Exports;
using Frontline.Http;
using Frontline.Security;

namespace Frontline.DailyCounts;

/// <summary>The daily-counts routes: who may call each, what it takes and answers. Both hosts and the OpenAPI document read these.</summary>
public static class DailyCountRoutes
{
    private static readonly QueryParameter CoordinatorsUnit = new("unitId", "Coordinators name the unit they act for; a Reporter's unit comes from their token.", Example: "nj-yibao");
    private static readonly QueryParameter Day = new("day", "The day, yyyy-MM-dd (Beijing time).", Required: true, Format: "date", Example: "2022-12-15");

    public static RouteDeclaration SubmitCounts { get; } = new("SubmitCounts", "PUT", ApiRoutes.SiteCounts, RouteAccess.ReportersAndCoordinators,
        call => call.Service<DailyCountEndpoints>().SubmitAsync(call.Request, call.Authorized, call.Route("siteId"), call.Route("day"), call.Cancellation))
    {
        Summary = new("提交一个点位一天的数字", "Submit a site's counts for a day (a correction is a new version)"),
        Request = typeof(CountsRequest), Response = typeof(SubmissionResult), Query = [CoordinatorsUnit], Problems = [400, 404, 409, 413, 415, 422, 429],
        Idempotent = true,
    };

    public static RouteDeclaration CountsHistory { get; } = new("CountsHistory", "GET", ApiRoutes.SiteCountsHistory, RouteAccess.ReportersAndCoordinators,
        call => call.Service<DailyCountEndpoints>().HistoryAsync(call.Request, call.Authorized, call.Route("siteId"), call.Route("day"), call.Cancellation))
    {
        Summary = new("一个点位一天的全部版本", "Every version of a site's day, with who and when"),
        Response = typeof(IReadOnlyList<SubmissionView>), Query = [CoordinatorsUnit], Problems = [400, 404],
    };

    public static RouteDeclaration ReopenCounts { get; } = new("ReopenCounts", "POST", ApiRoutes.SiteCountsReopen, RouteAccess.Coordinators,
        call => call.Service<DailyCountEndpoints>().ReopenAsync(call.Request, call.Authorized, call.Route("siteId"), call.Route("day"), call.Cancellation))
    {
        Audit = new("counts.reopened", new("重新开放已锁定的一天", "Locked day reopened")),
        Summary = new("重新开放已锁定的一天", "Reopen a locked day for a site"),
        SuccessStatus = 204, Problems = [400, 404],
    };

    public static RouteDeclaration UnitCounts { get; } = new("UnitCounts", "GET", ApiRoutes.UnitCounts,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters see their own unit only."),
        call => call.Service<DailyCountEndpoints>().UnitDayAsync(call.Request, call.Route("unitId"), call.Cancellation))
    {
        Summary = new("本单位一天的报送与未报点位", "A unit's day: what it submitted and which open sites are missing"),
        Response = typeof(UnitDay), Query = [Day], Problems = [400, 404],
    };

    public static RouteDeclaration SubmitCountsBatch { get; } = new("SubmitCountsBatch", "POST", ApiRoutes.UnitCountsBatch,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters submit for their own unit only."),
        call => call.Service<CountBatchEndpoints>().SubmitBatchAsync(call.Request, call.Authorized, call.Route("unitId"), call.Route("day"), call.Cancellation))
    {
        Summary = new("一次提交本单位多个点位一天的数字", "Many sites of one unit and day at once, as JSON rows, CSV (UTF-8 or GBK) or the unit's .xlsx template, each row answered"),
        Request = typeof(CountsBatchRequest), RequestMediaTypes = ["text/csv", Spreadsheets.Xlsx.MediaType], Response = typeof(IReadOnlyList<BatchRowResult>),
        Problems = [400, 403, 404, 409, 413, 415, 422, 429],
        Idempotent = true,
    };

    public static RouteDeclaration CountsTemplateXlsx { get; } = Template("CountsTemplateXlsx", ApiRoutes.UnitCountsTemplateXlsx, ExportFormat.Xlsx,
        new("下载本单位的报送表格（Excel）", "The unit's count sheet to fill in, as .xlsx: its open sites in the form's order"));

    public static RouteDeclaration CountsTemplateCsv { get; } = Template("CountsTemplateCsv", ApiRoutes.UnitCountsTemplateCsv, ExportFormat.Csv,
        new("下载本单位的报送表格（CSV）", "The unit's count sheet to fill in, as CSV (UTF-8 with a BOM)"));

    private static RouteDeclaration Template(string name, string template, ExportFormat format, Bilingual summary) => new(name, "GET", template,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters download their own unit's template only."),
        call => call.Service<CountTemplateEndpoints>().TemplateAsync(call.Request, call.Route("unitId"), format, call.Cancellation))
    {
        Summary = summary,
        ResponseMediaType = format == ExportFormat.Xlsx ? Spreadsheets.Xlsx.MediaType : "text/csv",
        Problems = [400, 404],
        Query = [new("day", "The day the sheet is for, yyyy-MM-dd (default today): only sites open that day.", Format: "date", Example: "2022-09-16")],
    };

    public static RouteDeclaration Completeness { get; } = new("Completeness", "GET", ApiRoutes.Completeness, RouteAccess.Coordinators,
        call => call.Service<DailyCountEndpoints>().CompletenessAsync(call.Request, call.Cancellation))
    {
        Summary = new("各单位当天报送情况（可按行政区划）", "Every open site by unit: reported, late or missing (optionally for one area and below)"),
        Response = typeof(Completeness), Problems = [400, 404],
        Query = [Day, new("area", "Only the sites in this area and below it (an area's code).", Example: "510100")],
    };

    public static RouteDeclaration FlaggedCounts { get; } = new("FlaggedCounts", "GET", ApiRoutes.FlaggedCounts, RouteAccess.Coordinators,
        call => call.Service<DailyCountEndpoints>().FlaggedAsync(call.Request, call.Cancellation))
    {
        Summary = new("远高于七日平均的报送", "Submissions far above their 7-day average"),
        Response = typeof(IReadOnlyList<SubmissionView>), Query = [Day], Problems = [400],
    };

    public static IReadOnlyList<RouteDeclaration> All => [SubmitCounts, CountsHistory, ReopenCounts, UnitCounts, SubmitCountsBatch, CountsTemplateXlsx, CountsTemplateCsv, Completeness, FlaggedCounts];
}
