using System.Security.Claims;
using System.Threading.RateLimiting;
using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace Frontline.Applications;

/// <summary>
/// Turns an app-only token (a unit's system calling with client credentials) into a <see cref="Caller"/>: a reporter
/// of the unit its client id is bound to, and nothing more. The unit comes from the binding an Admin made, never
/// from the token: anyone who can register an app in the tenant can ask for a token, but only an Admin says which
/// unit it speaks for.
/// </summary>
public sealed class ApplicationCallers(ApplicationBindingStore bindings, ApplicationWriteLimiter limiter) : IApplicationCallers
{
    private static readonly object ItemKey = new();

    /// <summary>
    /// The client id when the token is the application's own, not a person's. Entra ID marks v2 app-only tokens with
    /// <c>idtyp: app</c> where the optional claim is on; without it, an app-only token has no <c>scp</c> and its
    /// <c>sub</c> is its <c>oid</c> (the service principal), which a person's token never has.
    /// </summary>
    public string? AppOnlyClientId(ClaimsPrincipal principal)
    {
        var clientId = principal.FindFirstValue("azp") ?? principal.FindFirstValue("appid");
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var tokenType = principal.FindFirstValue("idtyp");
        if (tokenType is not null)
        {
            return tokenType == "app" ? clientId : null;
        }

        var hasScope = principal.HasClaim(claim => claim.Type is ClaimConstants.Scp or ClaimConstants.Scope);
        var objectId = principal.FindFirstValue(ClaimConstants.ObjectId) ?? principal.FindFirstValue(ClaimConstants.Oid);
        var subject = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue(ClaimConstants.Sub);
        return !hasScope && objectId is not null && objectId == subject ? clientId : null;
    }

    /// <summary>
    /// The caller for an app-only token, once per request (a handler may authenticate twice: the idempotency check
    /// and then the handler; the write is counted against the app's rate once).
    /// </summary>
    public async Task<Caller> ResolveAsync(HttpContext context, string clientId, string subject, IReadOnlySet<string> roles, string? unitClaim)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is Caller resolved)
        {
            return resolved;
        }

        var normalized = ApplicationClientIds.Normalize(clientId);
        var binding = normalized is null ? null : await bindings.FindAsync(normalized, context.RequestAborted);
        Caller caller;
        if (binding is null)
        {
            caller = new Caller(subject, null, new HashSet<string>(), null) { ApplicationId = normalized, Refusal = Unbound(normalized) };
        }
        else if (!string.IsNullOrEmpty(unitClaim) && !string.Equals(unitClaim, binding.UnitId, StringComparison.Ordinal))
        {
            caller = new Caller(subject, binding.Name, new HashSet<string>(), null)
            {
                ApplicationId = normalized,
                Refusal = Problems.Forbidden($"The token's unit_id claim disagrees with the unit its application (azp {normalized}) is bound to; "
                    + "an application reports for the unit an Admin bound it to, so leave unit_id out of its token."),
            };
        }
        else
        {
            // Only the Reporter role counts for an application: a unit's system reports, it does not coordinate.
            var granted = roles.Contains(Roles.Reporter) ? new HashSet<string> { Roles.Reporter } : new HashSet<string>();
            caller = new Caller(subject, binding.Name, granted, binding.UnitId) { ApplicationId = normalized };
            if (granted.Count > 0 && IsWrite(context.Request.Method) && limiter.TryAcquire(normalized!) is { } retryAfter)
            {
                caller = caller with
                {
                    Refusal = Problems.TooManyRequests(retryAfter,
                        $"This application (azp {normalized}) sent more than {limiter.PermitsPerMinute} writes this minute; wait as Retry-After says."),
                };
            }
        }

        context.Items[ItemKey] = caller;
        return caller;
    }

    public string? NormalizeClientId(string clientId) => ApplicationClientIds.Normalize(clientId);

    public async Task<bool> IsBoundAsync(string clientId, CancellationToken cancellationToken) => await bindings.FindAsync(clientId, cancellationToken) is not null;

    private static bool IsWrite(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unbound(string? clientId) => Problems.Status(StatusCodes.Status403Forbidden,
        "This application is not bound to a unit.",
        $"The token's azp (client id {clientId ?? "that is not a GUID"}) is bound to no unit. Ask a Frontline Admin to bind it: in the console under "
        + "应用绑定 / Application bindings, or with PUT /api/apps/{clientId} and {\"unitId\": \"…\", \"name\": \"…\"}. "
        + "The README's section \"For a unit's IT department\" walks through it.");
}

/// <summary>
/// Writes per application per minute, in each instance's memory like the registrations' limit: a shared counter
/// would cost a storage write per request, and a system spread over many instances is still held to a small multiple.
/// </summary>
public sealed class ApplicationWriteLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ApplicationWriteLimiter(IOptions<ApplicationOptions> options)
    {
        PermitsPerMinute = options.Value.WritesPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetFixedWindowLimiter(clientId, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    public int PermitsPerMinute { get; }

    /// <summary>Null when the write may go on; otherwise how long the application should wait.</summary>
    public TimeSpan? TryAcquire(string clientId)
    {
        using var lease = _limiter.AttemptAcquire(clientId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
