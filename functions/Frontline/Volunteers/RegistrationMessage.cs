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
    DateOnly AvailableTo)
{
    /// <summary>The first field a registration cannot do without that the message lacks (JSON may leave any of them out), or null.</summary>
    public static string? MissingField(RegistrationMessage message) =>
        string.IsNullOrEmpty(message.RegistrationId) ? "registrationId"
        : string.IsNullOrEmpty(message.PhoneHash) || !Storage.TableKeys.IsValid(message.PhoneHash) ? "phoneHash"
        : string.IsNullOrEmpty(message.ProtectedPhone) ? "protectedPhone"
        : string.IsNullOrWhiteSpace(message.Name) ? "name"
        : string.IsNullOrWhiteSpace(message.WorkUnit) ? "workUnit"
        : message.Skills is null ? "skills"
        : null;
}

public sealed record RegistrationAccepted(string RegistrationId, string ReceiptCode, string StatusUrl);

/// <summary>A site as its assigned volunteer sees it: where to report in, and whom to call.</summary>
/// <param name="DutyPhone">The site's duty phone: an office line the office entered, public on purpose (Teams/).</param>
public sealed record AssignedSite(string Id, string Name, string Type, string Community, string? Address, string? Contact, string? DutyPhone = null);

/// <param name="Role">The volunteer's role at their site (site-leader 点长, group-leader 组长, team-leader 队长, member), when assigned.</param>
/// <param name="Team">Their team, its leader's name and, for the leader, the roster (Teams/).</param>
/// <param name="Shifts">Their shifts today (Beijing time) and the next 6 days, earliest first, when assigned (Shifts/).</param>
public sealed record RegistrationStatus(string Status, AssignedSite? Site, string? Reason, string? Role = null, Teams.VolunteerTeam? Team = null,
    IReadOnlyList<Shifts.UpcomingShift>? Shifts = null);
