using System.Text.RegularExpressions;
using Frontline.Http;
using Frontline.Storage;

namespace Frontline.Teams;

/// <summary>The kinds of team the reports name: 党员突击队, 志愿服务队, 临时党支部.</summary>
public static class TeamKinds
{
    public const string Commando = "commando";
    public const string ServiceTeam = "service-team";
    public const string TemporaryBranch = "temporary-branch";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>([Commando, ServiceTeam, TemporaryBranch], StringComparer.Ordinal);
}

/// <summary>The roles a volunteer holds at their site: 点长 (site leader), 组长 (group leader), 队长 (team leader) or a member.</summary>
public static class SiteRoles
{
    public const string SiteLeader = "site-leader";
    public const string GroupLeader = "group-leader";
    public const string TeamLeader = "team-leader";
    public const string Member = "member";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>([SiteLeader, GroupLeader, TeamLeader, Member], StringComparer.Ordinal);
}

/// <summary>
/// A team (党员突击队, 志愿服务队 or 临时党支部) of one unit's people at one or more of the sites the unit serves.
/// Members are held by the keyed hash of their phone, the key their volunteer row has, so that names, masked phones
/// and volunteer ids are always read from the directory as they are now, never copied here.
/// </summary>
public sealed record Team(
    string Id,
    string UnitId,
    string Name,
    string Kind,
    IReadOnlyList<string> SiteIds,
    string LeaderHash,
    IReadOnlyList<string> MemberHashes,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);

/// <summary>A volunteer's role at the site they are assigned to; a role set for another site no longer applies once they move.</summary>
public sealed record SiteRole(string PhoneHash, string SiteId, string Role, string SetBy, DateTimeOffset SetAt);

/// <summary><c>POST /api/units/{unitId}/teams</c> and <c>PUT …/teams/{teamId}</c>: the whole team, members by volunteer id.</summary>
public sealed record TeamRequest(string? Name, string? Kind, IReadOnlyList<string?>? SiteIds, string? LeaderId, IReadOnlyList<string?>? MemberIds);

/// <summary>A request that passed the checks that need no storage.</summary>
public sealed record TeamDraft(string Name, string Kind, IReadOnlyList<string> SiteIds, string LeaderId, IReadOnlyList<string> MemberIds);

/// <summary><c>PUT /api/volunteers/{volunteerId}/role</c>.</summary>
public sealed record RoleRequest(string? Role);

/// <summary><c>PUT /api/sites/{siteId}/duty-phone</c>: null or empty clears it.</summary>
public sealed record DutyPhoneRequest(string? DutyPhone);

public static partial class TeamValidation
{
    /// <summary>
    /// A team's members are a JSON list of 32-character hashes in one property: 200 of them are about 7,000
    /// characters, far inside the 32,768 a property may hold, and a team of the reports' size (a 突击队 of a few
    /// dozen, a 临时党支部 of a compound) fits many times over.
    /// </summary>
    public const int MaxMembers = 200;

    public const int MaxSites = 20;
    public const int MaxName = 40;

    /// <summary>A unit's teams are read in one range read of its partition, for every status page: keep it small.</summary>
    public const int MaxTeamsPerUnit = 100;

    public const int MaxVolunteerId = 64;

    public static bool IsTeamId(string? id) => id is not null && TeamIdPattern().IsMatch(id);

    public static TeamDraft? Validate(TeamRequest request, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        var name = Text.Required(request.Name, "name", MaxName, errors);
        if (request.Kind is not { } kind || !TeamKinds.All.Contains(kind))
        {
            errors["kind"] = [$"One of {string.Join(", ", TeamKinds.All)} (党员突击队, 志愿服务队, 临时党支部)."];
            kind = null;
        }

        var sites = new List<string>();
        if (request.SiteIds is not { Count: > 0 })
        {
            errors["siteIds"] = ["At least one of the unit's sites."];
        }
        else if (request.SiteIds.Count > MaxSites)
        {
            errors["siteIds"] = [$"At most {MaxSites} sites."];
        }
        else
        {
            for (var i = 0; i < request.SiteIds.Count; i++)
            {
                if (request.SiteIds[i] is not { } siteId || !EntityIds.IsValid(siteId))
                {
                    errors[$"siteIds[{i}]"] = ["A site's id."];
                }
                else if (sites.Contains(siteId))
                {
                    errors[$"siteIds[{i}]"] = ["The site is listed twice."];
                }
                else
                {
                    sites.Add(siteId);
                }
            }
        }

        var members = new List<string>();
        if (request.MemberIds is not { Count: > 0 })
        {
            errors["memberIds"] = ["At least one member: the volunteer ids of the unit's people in the team."];
        }
        else if (request.MemberIds.Count > MaxMembers)
        {
            errors["memberIds"] = [$"At most {MaxMembers} members in one team."];
        }
        else
        {
            for (var i = 0; i < request.MemberIds.Count; i++)
            {
                if (request.MemberIds[i] is not { Length: > 0 and <= MaxVolunteerId } memberId || !Text.IsClean(memberId))
                {
                    errors[$"memberIds[{i}]"] = ["A volunteer's id."];
                }
                else if (members.Contains(memberId))
                {
                    errors[$"memberIds[{i}]"] = ["The volunteer is listed twice."];
                }
                else
                {
                    members.Add(memberId);
                }
            }
        }

        var leader = request.LeaderId;
        if (string.IsNullOrEmpty(leader))
        {
            errors["leaderId"] = ["Required: the volunteer id of the team's leader, one of memberIds."];
        }
        else if (request.MemberIds is { } listed && !listed.Contains(leader))
        {
            errors["leaderId"] = ["The leader must be a member of the team: list them in memberIds too."];
        }

        return errors.Count == 0 ? new TeamDraft(name!, kind!, sites, leader!, members) : null;
    }

    /// <summary>
    /// A duty phone as an office writes it: digits with spaces, hyphens or brackets, an optional leading + and an
    /// extension after 转; 7 to 15 digits in all (a local landline without its area code to an international number).
    /// </summary>
    public static string? DutyPhone(string? text, out string? error)
    {
        error = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        if (trimmed.Length > 30 || !DutyPhonePattern().IsMatch(trimmed) || digits is < 7 or > 15)
        {
            error = "A phone number: digits with spaces, hyphens or brackets, 7 to 15 digits (028-8662 0000, 025 8400 0000转8001).";
            return null;
        }

        // Public on purpose, so it must be an office's line: a mainland mobile is someone's own phone.
        if (Volunteers.PhoneNumber.TryNormalize(trimmed, out _))
        {
            error = "An office line, not a mobile: this number is published to everyone (a person's own phone is personal data).";
            return null;
        }

        return trimmed;
    }

    [GeneratedRegex(@"^t-[0-9a-z]{10}\z")]
    private static partial Regex TeamIdPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]*[0-9](转[0-9]{1,6})?\z")]
    private static partial Regex DutyPhonePattern();
}

/// <summary>A member as the unit's organiser and the coordinators see them: the phone only masked.</summary>
/// <param name="VolunteerId">Null for a member whose registration is still being processed.</param>
public sealed record TeamMemberView(string? VolunteerId, string Name, string PhoneMasked, string? SiteId, string Role, bool Leader);

/// <summary>A team as answered, with the ETag a change must send in If-Match.</summary>
public sealed record TeamView(
    string TeamId, string UnitId, string Name, string Kind, IReadOnlyList<string> SiteIds, string? LeaderName, IReadOnlyList<TeamMemberView> Members,
    DateTimeOffset UpdatedAt, string Etag);

public sealed record UnitTeams(string UnitId, IReadOnlyList<TeamView> Teams);

/// <summary>The role a volunteer holds at the site they are assigned to.</summary>
public sealed record VolunteerRoleView(string VolunteerId, string UnitId, string SiteId, string Role);

/// <summary>A site's duty phone: an office line the office entered, answered publicly on purpose.</summary>
public sealed record DutyPhoneView(string SiteId, string? DutyPhone, string Note);

/// <summary>
/// What the public status page adds for an assigned volunteer: their role, their team and its leader's name (never
/// the leader's phone), and for the leader the roster (names, roles and masked phones).
/// </summary>
public sealed record VolunteerTeam(string Name, string Kind, string? LeaderName, bool IsLeader, IReadOnlyList<RosterEntry>? Roster);

public sealed record RosterEntry(string Name, string Role, string PhoneMasked, string? SiteId);
