using Frontline.Security;
using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>
/// Who may call a route: anyone, or a signed-in caller holding one of <see cref="Roles"/> (Admin holds every role),
/// and, when <see cref="UnitRouteValue"/> is set, a Reporter only for the unit that route value names (Coordinators
/// for any). Refusals are the problem+json the handlers used to build themselves, word for word.
/// </summary>
public sealed record RouteAccess(bool Anonymous, IReadOnlyList<string> Roles, string? UnitRouteValue = null, string? UnitRefusal = null)
{
    public static RouteAccess Anyone { get; } = new(true, []);

    public static RouteAccess Coordinators { get; } = new(false, [Security.Roles.Coordinator]);

    public static RouteAccess ReportersAndCoordinators { get; } = new(false, [Security.Roles.Reporter, Security.Roles.Coordinator]);

    public static RouteAccess Admins { get; } = new(false, [Security.Roles.Admin]);

    /// <summary>A Reporter may call it only for the unit in the route's <paramref name="routeValue"/>; <paramref name="refusal"/> is the 403's title.</summary>
    public RouteAccess UnitMustMatch(string routeValue, string refusal) => this with { UnitRouteValue = routeValue, UnitRefusal = refusal };

    /// <summary>The caller when they may call; otherwise the 401 or 403 to answer. An anonymous route reads no token.</summary>
    public async Task<(Caller? Caller, IResult? Refusal)> AuthorizeAsync(HttpContext context, IReadOnlyDictionary<string, string>? routeValues = null)
    {
        if (Anonymous)
        {
            return (null, null);
        }

        var caller = await CallerAuthentication.AuthenticateAsync(context);
        if (caller is null)
        {
            return (null, Problems.Unauthorized());
        }

        // A unit's system whose application is not bound, whose token's unit disagrees with its binding, or that is
        // over its write rate: the Applications feature says why (Caller.Refusal).
        if (caller.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        if (!Roles.Any(caller.Roles.Contains) && !caller.IsAdmin)
        {
            return (null, Problems.Forbidden($"Needs the role {string.Join(" or ", Roles)}."));
        }

        if (UnitRouteValue is not null && !caller.IsCoordinator
            && !caller.IsReporterOf(routeValues?.GetValueOrDefault(UnitRouteValue) ?? ""))
        {
            return (null, Problems.Forbidden(UnitRefusal!));
        }

        return (caller, null);
    }
}
