namespace Frontline.Audit;

/// <summary>One record of the audit trail as the Admin reads it: who, what, when, from where, on which records.</summary>
/// <param name="Id">The record's key (its day and position), stable for citing it.</param>
/// <param name="Route">The route's template, not the path asked: a path's query may carry a receipt code.</param>
/// <param name="Records">The records acted on, by kind (the route's values and those the handler named): ids, never phones.</param>
/// <param name="Details">Facts of the act (rows imported, whether phones were unmasked).</param>
public sealed record AuditRecord(
    string Id,
    DateTimeOffset At,
    string Action,
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

/// <summary>An action the trail records, for the filter's choices.</summary>
public sealed record AuditActionName(string Code, string Chinese, string English);

/// <summary>A read of the trail: the days read, the records newest first, and every action the trail can hold.</summary>
public sealed record AuditPage(DateOnly From, DateOnly To, IReadOnlyList<AuditRecord> Records, bool Truncated, IReadOnlyList<AuditActionName> Actions);
