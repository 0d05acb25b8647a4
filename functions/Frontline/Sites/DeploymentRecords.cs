namespace Frontline.Sites;

public sealed record UnitDefinition(string Id, string Name, string? Parent, string? PartyCommittee, string? Contact, IReadOnlyList<string> SiteIds);

public sealed record SiteDefinition(
    string Id, string Name, string Type, string? District, string? Street, string Community, string? Address, string? Contact,
    int Needed, IReadOnlyList<string> Duties, DateOnly? OpenFrom, DateOnly? OpenTo)
{
    /// <summary>The code of the area the site is in (Areas/), when the import names one; the directory does not store it.</summary>
    public string? Area { get; init; }
}

public sealed record NewMember(string PhoneHash, string RegistrationId, string WorkUnit, string? Community);

/// <summary>The ledger's record of one deployed volunteer.</summary>
public sealed record Membership(string PhoneHash, string? RegistrationId, string UnitId, string? SiteId, string? Community);
