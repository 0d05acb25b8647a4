using Frontline.Http;

namespace Frontline.Sites;

/// <summary>Units and sites: the public lists and the Coordinators' CSV imports.</summary>
public static class SiteRoutes
{
    public static RouteDeclaration ListUnits { get; } = new("ListUnits", "GET", ApiRoutes.Units, RouteAccess.Anyone,
        call => call.Service<SitesEndpoints>().ListUnitsAsync(call.Cancellation))
    {
        Summary = new("派出单位列表", "The dispatching units"),
        Response = typeof(IReadOnlyList<UnitSummary>),
    };

    public static RouteDeclaration ImportUnits { get; } = new("ImportUnits", "POST", ApiRoutes.UnitsImport, RouteAccess.Coordinators,
        call => call.Service<SitesEndpoints>().ImportUnitsAsync(call.Request, call.Audit, call.Cancellation))
    {
        Audit = new("units.imported", new("导入派出单位", "Units imported")),
        Summary = new("导入派出单位（CSV 或 Excel）", "Import units from CSV (UTF-8 or GBK) or .xlsx, answered row by row"),
        RequestMediaTypes = ["text/csv", Spreadsheets.Xlsx.MediaType], Response = typeof(ImportResult), Problems = [400, 413, 415],
    };

    public static RouteDeclaration ListSites { get; } = new("ListSites", "GET", ApiRoutes.Sites, RouteAccess.Anyone,
        call => call.Service<SitesEndpoints>().ListSitesAsync(call.Cancellation))
    {
        Summary = new("服务点位列表（含点位值班电话）", "The sites with needed and assigned people, and each site's duty phone (an office line, public on purpose)"),
        Response = typeof(IReadOnlyList<SiteSummary>),
    };

    public static RouteDeclaration ImportSites { get; } = new("ImportSites", "POST", ApiRoutes.SitesImport, RouteAccess.Coordinators,
        call => call.Service<SitesEndpoints>().ImportSitesAsync(call.Request, call.Audit, call.Cancellation))
    {
        Audit = new("sites.imported", new("导入服务点位", "Sites imported")),
        Summary = new("导入服务点位（CSV 或 Excel）", "Import sites from CSV (UTF-8 or GBK) or .xlsx, answered row by row"),
        RequestMediaTypes = ["text/csv", Spreadsheets.Xlsx.MediaType], Response = typeof(ImportResult), Problems = [400, 413, 415],
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListUnits, ImportUnits, ListSites, ImportSites];
}
