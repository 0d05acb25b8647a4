using Frontline.Http;
using Frontline.Sites;

namespace Frontline.Areas;

/// <summary>
/// The area tree: public to read (area names and codes are public, and so are the sites, through <c>/api/sites</c>),
/// imported by Coordinators.
/// </summary>
public static class AreaRoutes
{
    public static RouteDeclaration ListAreas { get; } = new("ListAreas", "GET", ApiRoutes.Areas, RouteAccess.Anyone,
        call => call.Service<AreaEndpoints>().ListAsync(call.Request, call.Cancellation))
    {
        Summary = new("行政区划：顶层，或某区划的下级", "The areas at the top, or the areas directly under ?parent="),
        Response = typeof(IReadOnlyList<AreaSummary>), Problems = [400, 404],
        Query = [new("parent", "An area's code: its children.", Example: "510100")],
    };

    public static RouteDeclaration GetArea { get; } = new("GetArea", "GET", ApiRoutes.Area, RouteAccess.Anyone,
        call => call.Service<AreaEndpoints>().GetAsync(call.Request, call.Route("code"), call.Cancellation))
    {
        Summary = new("某区划：上级、下级、点位数与点位（分页）", "An area with the areas above it, its children, its site counts and a page of the sites in or below it"),
        Response = typeof(AreaDetail), Problems = [400, 404],
        Query = [new("take", "1 to 200 (50).", Format: "int32", Example: "50"), new("continuation", "The previous page's continuation.")],
    };

    public static RouteDeclaration ImportAreas { get; } = new("ImportAreas", "POST", ApiRoutes.Areas, RouteAccess.Coordinators,
        call => call.Service<AreaEndpoints>().ImportAsync(call.Request, call.Audit, call.Cancellation))
    {
        Summary = new("导入行政区划（CSV 或 Excel）", "Import areas (code, name, level, parent) from CSV (UTF-8 or GBK) or .xlsx, answered row by row"),
        RequestMediaTypes = ["text/csv", Spreadsheets.Xlsx.MediaType], Response = typeof(ImportResult), Problems = [400, 413, 415],
        Audit = new("areas.imported", new("导入行政区划", "Areas imported")),
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListAreas, GetArea, ImportAreas];
}
