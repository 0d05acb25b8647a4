using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Frontline.Applications;

/// <summary>
/// Admins bind a unit's Entra ID application to the unit (<c>/api/apps</c>): from then on a client-credentials
/// token of that app with the Reporter role reports for that unit only. Coordinators cannot: a binding hands a
/// unit's reporting to a machine, which is an Admin's decision.
/// </summary>
// No method here may be called BindAsync: minimal APIs take a type with one for a parameter it binds itself.
public sealed partial class ApplicationEndpoints(ApplicationBindingStore bindings, CatalogCache catalogCache, TimeProvider time, ILogger<ApplicationEndpoints> logger)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var items = (await bindings.ListAsync(cancellationToken)).Select(binding => View(binding, catalog)).ToList();
        return TypedResults.Ok(new ApplicationBindingList(items));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string clientId, CancellationToken cancellationToken)
    {
        if (ApplicationClientIds.Normalize(clientId) is not { } id)
        {
            return Problems.Validation("clientId", "An Entra ID application (client) id: a GUID.");
        }

        var binding = await bindings.FindAsync(id, cancellationToken);
        return binding is null
            ? Problems.NotFound("No such application binding (clientId).")
            : TypedResults.Ok(View(binding, await catalogCache.GetCatalogAsync(cancellationToken)));
    }

    public async Task<IResult> PutAsync(HttpRequest request, Caller caller, string clientId, AuditNotes audit, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ApplicationBindingRequest>(request, cancellationToken, 2048);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = ApplicationClientIds.Validate(clientId, body.Value!, out var unitId, out var name);
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!errors.ContainsKey("unitId") && !catalog.Units.ContainsKey(unitId!))
        {
            errors["unitId"] = ["No such unit."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var binding = new ApplicationBinding(ApplicationClientIds.Normalize(clientId)!, unitId!, name!, caller.Name ?? caller.Subject, time.GetUtcNow());
        var created = await bindings.BindAsync(binding, cancellationToken);
        LogBound(logger, binding.ClientId, binding.UnitId);
        audit.Record("unit", binding.UnitId);
        var view = View(binding, catalog);
        return created ? TypedResults.Created($"/{ApiRoutes.Prefix}/apps/{binding.ClientId}", view) : TypedResults.Ok(view);
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string clientId, CancellationToken cancellationToken)
    {
        if (ApplicationClientIds.Normalize(clientId) is not { } id)
        {
            return Problems.Validation("clientId", "An Entra ID application (client) id: a GUID.");
        }

        if (!await bindings.UnbindAsync(id, cancellationToken))
        {
            return Problems.NotFound("No such application binding (clientId).");
        }

        LogUnbound(logger, id);
        return TypedResults.NoContent();
    }

    private static ApplicationBindingView View(ApplicationBinding binding, Catalog catalog) =>
        new(binding.ClientId, binding.UnitId, catalog.Units.TryGetValue(binding.UnitId, out var unit) ? unit.Name : null, binding.Name, binding.BoundBy, binding.BoundAt);

    // Client ids and unit ids are not personal data; the Admin's name is, so it stays out.
    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ClientId} bound to unit {UnitId}")]
    private static partial void LogBound(ILogger logger, string clientId, string unitId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ClientId} unbound")]
    private static partial void LogUnbound(ILogger logger, string clientId);
}
