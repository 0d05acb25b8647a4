using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Frontline.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace Frontline.Security;

/// <summary>The Entra ID app roles Frontline defines.</summary>
public static class Roles
{
    public const string Reporter = "Reporter";
    public const string Coordinator = "Coordinator";
    public const string Admin = "Admin";

    /// <summary>The claim in a reporter's token that names their dispatching unit.</summary>
    public const string UnitIdClaim = "unit_id";

    /// <summary>The same, as Entra ID emits a directory-extension optional claim (infra/scripts/preprovision.sh sets it up).</summary>
    public const string UnitIdExtensionClaim = "extn.unit_id";
}

/// <summary>Where a caller's bearer token can arrive.</summary>
public static class BearerHeaders
{
    /// <summary>
    /// A Static Web App replaces <c>Authorization</c> on requests it passes to its linked API, so the site sends
    /// the user's token here as well; anywhere else the standard header is enough.
    /// </summary>
    public const string Forwarded = "X-Frontline-Authorization";

    private const string Scheme = "Bearer ";

    public static string? ForwardedToken(HttpRequest request) =>
        request.Headers[Forwarded].FirstOrDefault() is { } value
        && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && value.Length > Scheme.Length
            ? value[Scheme.Length..].Trim()
            : null;

    public static bool Present(HttpRequest request) =>
        ForwardedToken(request) is not null
        || request.Headers.Authorization.Any(value => value?.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>Who is calling, as far as a validated bearer token says.</summary>
public sealed record Caller(string Subject, string? Name, IReadOnlySet<string> Roles, string? UnitId)
{
    public bool IsCoordinator => Roles.Contains(Security.Roles.Coordinator) || Roles.Contains(Security.Roles.Admin);

    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);

    /// <summary>The client id of an application calling with its own (app-only) token; null for a person.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>Why an application's token is not honoured here (not bound, its claims disagree, over its rate); null when it is.</summary>
    public IResult? Refusal { get; init; }

    public bool IsReporterOf(string unitId) =>
        Roles.Contains(Security.Roles.Reporter) && string.Equals(UnitId, unitId, StringComparison.Ordinal);
}

/// <summary>
/// App-only tokens (a unit's system calling with client credentials), implemented by the Applications feature: a shared
/// layer names no feature, so the feature plugs in here.
/// </summary>
public interface IApplicationCallers
{
    /// <summary>The client id when the token is an application's own, not a person's; otherwise null.</summary>
    string? AppOnlyClientId(ClaimsPrincipal principal);

    /// <summary>The caller an application's token stands for, with <see cref="Caller.Refusal"/> set when it may not act.</summary>
    Task<Caller> ResolveAsync(HttpContext context, string clientId, string subject, IReadOnlySet<string> roles, string? unitClaim);

    /// <summary>The client id in its stored form when it is a well-formed one; otherwise null.</summary>
    string? NormalizeClientId(string clientId);

    /// <summary>Whether an Admin has bound the (normalized) client id to a unit.</summary>
    Task<bool> IsBoundAsync(string clientId, CancellationToken cancellationToken);
}

/// <summary>
/// Authenticates inside the handler. The Functions isolated worker does not run ASP.NET Core's
/// authorization middleware, so <c>[Authorize]</c> would protect nothing there; every protected route's
/// declared access (RouteAccess) asks this instead, and both hosts behave the same.
/// </summary>
public static class CallerAuthentication
{
    public static async Task<Caller?> AuthenticateAsync(HttpContext context)
    {
        if (!BearerHeaders.Present(context.Request))
        {
            return null;
        }

        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Concat(principal.FindAll("roles")).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        // The JWT handler maps inbound claim types by default (MapInboundClaims): "oid" arrives as
        // ClaimConstants.ObjectId (http://schemas.microsoft.com/identity/claims/objectidentifier), "sub" as
        // ClaimTypes.NameIdentifier. Look under the mapped names as well as the short ones, or a token that
        // carries only oid (a development token) is recorded as "unknown".
        var subject = principal.FindFirstValue(ClaimConstants.ObjectId) ?? principal.FindFirstValue(ClaimConstants.Oid)
            ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue(ClaimConstants.Sub) ?? "unknown";
        var unitClaim = principal.FindFirstValue(Roles.UnitIdClaim) ?? principal.FindFirstValue(Roles.UnitIdExtensionClaim);
        if (context.RequestServices.GetService<IApplicationCallers>() is { } applications && applications.AppOnlyClientId(principal) is { } clientId)
        {
            // A unit's system: its unit and roles come from the binding an Admin made (Applications/).
            return await applications.ResolveAsync(context, clientId, subject, roles, unitClaim);
        }

        var name = principal.FindFirstValue(ClaimConstants.Name) ?? principal.FindFirstValue(ClaimTypes.Name);
        return new Caller(subject, name, roles, unitClaim);
    }
}
