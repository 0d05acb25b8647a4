using Frontline.Security;

namespace Frontline.Http;

/// <summary>
/// A sensitive route's entry in the audit trail, declared beside the route (<see cref="RouteDeclaration.Audit"/>) so
/// that no handler can forget it: <see cref="RouteInvoker"/> writes the record once the handler has succeeded.
/// </summary>
/// <param name="Code">The action's stable code, what the trail is filtered by (<c>volunteers.exported</c>).</param>
public sealed record AuditedAction(string Code, Bilingual Description)
{
    /// <summary>
    /// The answer itself is the sensitive act (an export of people): it is given only once its record is written, so
    /// a trail that cannot be written means no answer (503) rather than a disclosure nobody can trace.
    /// </summary>
    public bool Disclosure { get; init; }
}

/// <summary>
/// What a handler adds to its route's audit record: the records it touched that the route's values do not name (a
/// reassignment's sites), a few facts (rows imported), and, on a route anyone may call, the signed-in caller who
/// acted (a Coordinator withdrawing without the receipt code). Ids and counts only: never a phone or a name of a
/// volunteer, since the trail is read by people who may not see them.
/// </summary>
public sealed class AuditNotes
{
    private readonly Dictionary<string, string> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _details = new(StringComparer.Ordinal);

    public AuditNotes(Caller? actor) => Actor = actor;

    /// <summary>Who acted; a call without one (a volunteer withdrawing with their own receipt) leaves no record.</summary>
    public Caller? Actor { get; private set; }

    public IReadOnlyDictionary<string, string> Records => _records;

    public IReadOnlyDictionary<string, string> Details => _details;

    /// <summary>On a route anyone may call: the handler authenticated this caller, who acted on their role's authority.</summary>
    public void ActedBy(Caller caller) => Actor = caller;

    /// <summary>A record the action touched, by kind (<c>site</c>, <c>unit</c>) and id.</summary>
    public AuditNotes Record(string kind, string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            _records[kind] = id;
        }

        return this;
    }

    public AuditNotes Detail(string name, object? value)
    {
        if (value is not null)
        {
            _details[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        return this;
    }
}

/// <summary>One audit record as written: who, what, when, from where and on which records.</summary>
public sealed record AuditEntry(
    string Action,
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string? ApplicationId,
    IReadOnlyList<string> ActorRoles,
    string Address,
    string Method,
    string Route,
    int Status,
    IReadOnlyDictionary<string, string> Records,
    IReadOnlyDictionary<string, string> Details);

/// <summary>
/// Where audit records go, implemented by the Audit feature (a shared layer names no feature, so it plugs in here, as
/// <see cref="IApplicationCallers"/> does). Append-only: there is no way to change or remove a record.
/// </summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);
}
