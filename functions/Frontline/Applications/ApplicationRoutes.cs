using Frontline.Http;

namespace Frontline.Applications;

/// <summary>Admins bind a unit's Entra ID application to the unit, so that its app-only tokens report for that unit.</summary>
public static class ApplicationRoutes
{
    public static RouteDeclaration ListApplications { get; } = new("ListApplications", "GET", ApiRoutes.Applications, RouteAccess.Admins,
        call => call.Service<ApplicationEndpoints>().ListAsync(call.Request, call.Cancellation))
    {
        Summary = new("已绑定的单位系统", "The units' applications bound so far"),
        Response = typeof(ApplicationBindingList),
    };

    public static RouteDeclaration GetApplication { get; } = new("GetApplication", "GET", ApiRoutes.Application, RouteAccess.Admins,
        call => call.Service<ApplicationEndpoints>().GetAsync(call.Request, call.Route("clientId"), call.Cancellation))
    {
        Summary = new("查看一个单位系统的绑定", "One application's binding"),
        Response = typeof(ApplicationBindingView), Problems = [400, 404],
    };

    public static RouteDeclaration BindApplication { get; } = new("BindApplication", "PUT", ApiRoutes.Application, RouteAccess.Admins,
        call => call.Service<ApplicationEndpoints>().PutAsync(call.Request, call.Authorized, call.Route("clientId"), call.Audit, call.Cancellation))
    {
        Audit = new("application.bound", new("绑定单位系统", "Application bound to a unit")),
        Summary = new("把单位系统（Entra 应用）绑定到派出单位", "Bind a unit's Entra ID application (client id) to the unit: 201 new, 200 re-bound"),
        Request = typeof(ApplicationBindingRequest), Response = typeof(ApplicationBindingView), SuccessStatus = 201, Problems = [400, 413, 415],
    };

    public static RouteDeclaration UnbindApplication { get; } = new("UnbindApplication", "DELETE", ApiRoutes.Application, RouteAccess.Admins,
        call => call.Service<ApplicationEndpoints>().DeleteAsync(call.Request, call.Route("clientId"), call.Cancellation))
    {
        Audit = new("application.unbound", new("解除单位系统绑定", "Application unbound")),
        Summary = new("解除单位系统的绑定", "Unbind an application: its tokens report for no unit from then on"),
        SuccessStatus = 204, Problems = [400, 404],
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListApplications, GetApplication, BindApplication, UnbindApplication];
}
