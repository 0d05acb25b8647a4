using Frontline.Http;

namespace Frontline.Applications;

/// <summary>An Entra ID application (its client id: the token's <c>azp</c> or <c>appid</c>) that reports for one unit.</summary>
public sealed record ApplicationBinding(string ClientId, string UnitId, string Name, string BoundBy, DateTimeOffset BoundAt);

/// <summary>The body of <c>PUT /api/apps/{clientId}</c>.</summary>
public sealed record ApplicationBindingRequest(string? UnitId, string? Name);

/// <summary>Every binding, as <c>GET /api/apps</c> answers.</summary>
public sealed record ApplicationBindingList(IReadOnlyList<ApplicationBindingView> Items);

public sealed record ApplicationBindingView(string ClientId, string UnitId, string? UnitName, string Name, string BoundBy, DateTimeOffset BoundAt);

public static class ApplicationClientIds
{
    /// <summary>
    /// Entra ID client ids are GUIDs; the canonical form (lower case, hyphens) is the storage key, so one app is one row
    /// however the Admin typed it.
    /// </summary>
    public static string? Normalize(string? clientId) =>
        clientId is { Length: 36 } && Guid.TryParseExact(clientId, "D", out var id) ? id.ToString("D") : null;

    public static IDictionary<string, string[]> Validate(string? clientId, ApplicationBindingRequest body, out string? unitId, out string? name)
    {
        var errors = new Dictionary<string, string[]>();
        if (Normalize(clientId) is null)
        {
            errors["clientId"] = ["An Entra ID application (client) id: a GUID such as 11111111-2222-3333-4444-555555555555."];
        }

        unitId = body.UnitId;
        if (string.IsNullOrEmpty(unitId))
        {
            errors["unitId"] = ["Required."];
        }
        else if (!Storage.EntityIds.IsValid(unitId))
        {
            errors["unitId"] = ["Not a unit id."];
        }

        name = Text.Required(body.Name, "name", 60, errors);
        return errors;
    }
}
