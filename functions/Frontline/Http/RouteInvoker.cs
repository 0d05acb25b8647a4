using Frontline.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Frontline.Http;

/// <summary>
/// Calls a declared route's handler for either host: checks the route's <see cref="RouteAccess"/> first and answers
/// its refusal without calling the handler (so a refused call reads and writes nothing), then hands the handler the
/// caller, and writes the audit record of a sensitive route (<see cref="RouteDeclaration.Audit"/>) once the handler
/// has succeeded. The local host passes the values ASP.NET Core routing bound; the Functions app passes its
/// trigger's parameters in the template's order.
/// </summary>
public sealed partial class RouteInvoker(IServiceProvider services, IAuditTrail auditTrail, ClientAddress clientAddress, TimeProvider time, FrontlineMetrics metrics, ILogger<RouteInvoker> logger)
{
    public async Task<IResult> InvokeAsync(RouteDeclaration route, HttpRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await route.Access.AuthorizeAsync(request.HttpContext, routeValues);
        if (refusal is not null)
        {
            return refusal;
        }

        var call = new RouteCall(request, caller, routeValues, services, cancellationToken);
        var result = await route.Handler(call);
        return route.Audit is { } action ? await AuditAsync(route, action, call, result) : result;
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

    /// <summary>
    /// A sensitive action that succeeded, by a signed-in caller, is recorded. A refusal changed nothing and is not an
    /// action (logs and traces still show it); a volunteer withdrawing with their own receipt has no actor. The record
    /// is written before the answer leaves: a disclosure whose record cannot be written is not given (503); a change
    /// that already happened is answered as it is, and the lost record is logged and counted for the alert.
    /// </summary>
    private async Task<IResult> AuditAsync(RouteDeclaration route, AuditedAction action, RouteCall call, IResult result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        if (status >= 400 || call.Audit.Actor is not { } actor)
        {
            return result;
        }

        var records = new Dictionary<string, string>(call.RouteValues, StringComparer.Ordinal);
        foreach (var (kind, id) in call.Audit.Records)
        {
            records[kind] = id;
        }

        var entry = new AuditEntry(
            action.Code, time.GetUtcNow(), actor.Subject, actor.ApplicationId is null ? actor.Name : null, actor.ApplicationId,
            [.. actor.Roles.Order(StringComparer.Ordinal)], clientAddress.Of(call.Request.HttpContext), route.Method, route.Template, status,
            records, call.Audit.Details);
        try
        {
            // Not the request's token: a client that hangs up after the change must not take the record with it.
            await auditTrail.AppendAsync(entry, CancellationToken.None);
            return result;
        }
        catch (Exception exception)
        {
            metrics.AuditRecordLost(action.Code);
            LogAuditRecordLost(logger, exception, action.Code, route.Name);
            return action.Disclosure ? Problems.Unavailable(TimeSpan.FromSeconds(30)) : result;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit record of {Action} ({Route}) could not be written")]
    private static partial void LogAuditRecordLost(ILogger logger, Exception exception, string action, string route);
}
