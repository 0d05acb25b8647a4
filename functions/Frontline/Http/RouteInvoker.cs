using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>
/// Calls a declared route's handler for either host: checks the route's <see cref="RouteAccess"/> first and answers
/// its refusal without calling the handler (so a refused call reads and writes nothing), then hands the handler the
/// caller. The local host passes the values ASP.NET Core routing bound; the Functions app passes its trigger's
/// parameters in the template's order.
/// </summary>
public sealed class RouteInvoker(IServiceProvider services)
{
    public async Task<IResult> InvokeAsync(RouteDeclaration route, HttpRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await route.Access.AuthorizeAsync(request.HttpContext, routeValues);
        if (refusal is not null)
        {
            return refusal;
        }

        return await route.Handler(new RouteCall(request, caller, routeValues, services, cancellationToken));
    }

    /// <summary>For the Functions app's one-line triggers: the route's parameters as the trigger bound them, in the template's order.</summary>
    public Task<IResult> InvokeAsync(RouteDeclaration route, HttpRequest request, CancellationToken cancellationToken, params string[] routeValues)
    {
        if (routeValues.Length != route.RouteParameters.Count)
        {
            throw new ArgumentException($"{route.Name} takes {route.RouteParameters.Count} route values ({string.Join(", ", route.RouteParameters)}), not {routeValues.Length}.", nameof(routeValues));
        }

        var values = route.RouteParameters.Zip(routeValues).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.OrdinalIgnoreCase);
        return InvokeAsync(route, request, values, cancellationToken);
    }
}
