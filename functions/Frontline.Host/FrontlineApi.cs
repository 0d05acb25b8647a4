using Frontline.Http;

namespace Frontline.Host;

/// <summary>
/// Maps every declared route (<see cref="RouteTable"/>) onto the library's shared invoker, exactly as
/// Frontline.Functions' HTTP triggers call it; a test checks that none is missing.
/// </summary>
public static class FrontlineApi
{
    public static RouteGroupBuilder MapFrontlineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix)
            .AddEndpointFilter(async (context, next) => await StorageOutageGuard.RunAsync(async () => await next(context) as IResult ?? Results.Empty));

        foreach (var route in RouteTable.All)
        {
            api.MapMethods(route.Template, [route.Method], (HttpRequest request, RouteInvoker invoker, CancellationToken ct) =>
                    invoker.InvokeAsync(route, request, RouteValuesOf(request, route), ct))
                .WithName(route.Name);
        }


        // Anything else under /api is a problem+json 404 (or 405 with Allow), not the site's index page.
        api.Map(ApiRoutes.Fallback, (HttpRequest request) => ApiFallback.Answer(request));
        return api;
    }

    private static Dictionary<string, string> RouteValuesOf(HttpRequest request, RouteDeclaration route) =>
        route.RouteParameters.ToDictionary(name => name, name => request.RouteValues[name]?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);
}
