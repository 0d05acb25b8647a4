using Frontline.Volunteers;

namespace Frontline.Teams;

/// <summary>What an assigned volunteer's status page adds: the site's duty phone, their role, their team and its leader.</summary>
public sealed record TeamPlace(string? DutyPhone, string? Role, VolunteerTeam? Team);

/// <summary>
/// Reads a volunteer's place for the public status page: the site's duty phone (a point read), the unit's teams and
/// roles (one range read of its partition), the leader's name (a point read of the directory) and, for the leader
/// alone, the roster (one range read of the unit's directory partition). Phones appear only masked, in the roster the
/// leader sees; the leader's own phone never appears.
/// </summary>
public sealed class TeamPlaces(TeamStore store, VolunteerDirectory directory)
{
    public async Task<TeamPlace> DescribeAsync(Volunteer volunteer, CancellationToken cancellationToken)
    {
        if (volunteer.Status != VolunteerStatus.Assigned || volunteer.SiteId is not { } siteId)
        {
            return new TeamPlace(null, null, null);
        }

        var dutyPhone = store.GetDutyPhoneAsync(siteId, cancellationToken);
        if (volunteer.UnitId is not { } unitId)
        {
            return new TeamPlace(await dutyPhone, null, null);
        }

        var (teams, roles) = await store.UnitAsync(unitId, cancellationToken);
        var role = TeamEndpoints.RoleAt(roles, volunteer.PhoneHash, siteId);
        // A volunteer is in at most one team of their unit; the team at their own site first, should an old one linger.
        var team = teams.Select(entry => entry.Team).Where(team => team.MemberHashes.Contains(volunteer.PhoneHash))
            .OrderByDescending(team => team.SiteIds.Contains(siteId)).FirstOrDefault();
        if (team is null)
        {
            return new TeamPlace(await dutyPhone, role, null);
        }

        var isLeader = team.LeaderHash == volunteer.PhoneHash;
        IReadOnlyList<RosterEntry>? roster = null;
        string? leaderName;
        if (isLeader)
        {
            var people = await directory.UnitAsync(unitId, cancellationToken);
            roster = team.MemberHashes.Where(people.ContainsKey).Select(hash => (Hash: hash, Person: people[hash]))
                .Where(member => member.Person.Status != VolunteerStatus.Withdrawn)
                .Select(member => new RosterEntry(member.Person.Name, TeamEndpoints.RoleAt(roles, member.Hash, member.Person.SiteId), member.Person.PhoneMasked, member.Person.SiteId))
                .ToList();
            leaderName = volunteer.Name;
        }
        else
        {
            leaderName = (await directory.GetAsync(unitId, team.LeaderHash, cancellationToken))?.Name;
        }

        return new TeamPlace(await dutyPhone, role, new VolunteerTeam(team.Name, team.Kind, leaderName, isLeader, roster));
    }
}
