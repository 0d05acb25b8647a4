using Frontline.Http;

namespace Frontline.Indicators;

/// <summary>Indicator definitions as data: anyone reads them (the portal's form is built from them), Admins change them.</summary>
public static class IndicatorRoutes
{
    private static readonly QueryParameter SiteType = new("siteType", "Only what this site type reports, in the form's order: community, compound, testing-point, checkpoint or supply-point", Example: "testing-point");

    public static RouteDeclaration CurrentIndicators { get; } = new("GetIndicators", "GET", ApiRoutes.Indicators, RouteAccess.Anyone,
        call => call.Service<IndicatorEndpoints>().CurrentAsync(call.Request, call.Cancellation))
    {
        Summary = new("现行指标定义（可按点位类型）", "The indicator set in force (ETag: its version), optionally for one site type"),
        Response = typeof(IndicatorSetView), Problems = [400], Query = [SiteType],
    };

    public static RouteDeclaration IndicatorVersion { get; } = new("GetIndicatorVersion", "GET", ApiRoutes.IndicatorVersion, RouteAccess.Anyone,
        call => call.Service<IndicatorEndpoints>().VersionAsync(call.Request, call.Route("version"), call.Cancellation))
    {
        Summary = new("某一版本的指标定义（永久可读）", "One version of the indicator set, as it was written (readable for ever)"),
        Response = typeof(IndicatorSetView), Problems = [400, 404], Query = [SiteType],
    };

    public static RouteDeclaration PutIndicator { get; } = new("PutIndicator", "PUT", ApiRoutes.Indicator, RouteAccess.Admins,
        call => call.Service<IndicatorEndpoints>().PutAsync(call.Request, call.Authorized, call.Route("code"), call.Audit, call.Cancellation))
    {
        Summary = new("新增或修改一项指标（生成新版本；If-Match 版本号，If-None-Match: * 仅新增）",
            "Add or change an indicator: a new version (201 added, 200 changed or unchanged); If-Match: the version read; If-None-Match: * adds only"),
        Request = typeof(IndicatorRequest), Response = typeof(IndicatorSetView), SuccessStatus = 201, Problems = [400, 409, 413, 415],
        Audit = new("indicator.changed", new("新增或修改指标", "Indicator added or changed")),
    };

    public static RouteDeclaration RetireIndicator { get; } = new("RetireIndicator", "POST", ApiRoutes.IndicatorRetirement, RouteAccess.Admins,
        call => call.Service<IndicatorEndpoints>().RetireAsync(call.Request, call.Authorized, call.Route("code"), call.Audit, call.Cancellation))
    {
        Summary = new("停用一项指标（不再填报，历史数据保留）", "Retire an indicator: no longer asked for; what was reported keeps its definition"),
        Response = typeof(IndicatorSetView), Problems = [400, 404, 409],
        Audit = new("indicator.retired", new("停用指标", "Indicator retired")),
    };

    public static RouteDeclaration DeleteIndicator { get; } = new("DeleteIndicator", "DELETE", ApiRoutes.Indicator, RouteAccess.Admins,
        call => call.Service<IndicatorEndpoints>().DeleteAsync(call.Request, call.Authorized, call.Route("code"), call.Audit, call.Cancellation))
    {
        Summary = new("删除从未有数据的指标（有数据的请停用）", "Delete an indicator that never had data (409 when it has: retire it instead)"),
        SuccessStatus = 204, Problems = [400, 404, 409],
        Audit = new("indicator.deleted", new("删除指标", "Indicator deleted")),
    };

    public static RouteDeclaration PutIndicatorRules { get; } = new("PutIndicatorRules", "PUT", ApiRoutes.IndicatorRules, RouteAccess.Admins,
        call => call.Service<IndicatorEndpoints>().PutRulesAsync(call.Request, call.Authorized, call.Audit, call.Cancellation))
    {
        Summary = new("替换指标间的校验规则（生成新版本）", "Replace the cross-field rules (a new version): at-most, at-most-assigned"),
        Request = typeof(IndicatorRulesRequest), Response = typeof(IndicatorSetView), Problems = [400, 409, 413, 415],
        Audit = new("indicator.rules-replaced", new("替换指标校验规则", "Indicator rules replaced")),
    };

    public static IReadOnlyList<RouteDeclaration> All => [CurrentIndicators, IndicatorVersion, PutIndicator, RetireIndicator, DeleteIndicator, PutIndicatorRules];
}
