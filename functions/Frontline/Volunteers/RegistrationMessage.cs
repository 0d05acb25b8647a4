namespace Frontline.Volunteers;

/// <summary>
/// What intake puts on the <c>registrations</c> queue. The phone travels encrypted and hashed: a queue
/// message is storage too.
/// </summary>
public sealed record RegistrationMessage(
    string RegistrationId,
    DateTimeOffset ReceivedAt,
    string Name,
    string ProtectedPhone,
    string PhoneHash,
    string WorkUnit,
    bool PartyMember,
    string? PartyBranch,
    string? HomeCommunity,
    IReadOnlyList<string> Skills,
    DateOnly AvailableFrom,
    DateOnly AvailableTo);

public sealed record RegistrationAccepted(string RegistrationId, string ReceiptCode, string StatusUrl);

/// <summary>A site as its assigned volunteer sees it: where to report in, and whom to call.</summary>
public sealed record AssignedSite(string Id, string Name, string Type, string Community, string? Address, string? Contact);

public sealed record RegistrationStatus(string Status, AssignedSite? Site, string? Reason);
