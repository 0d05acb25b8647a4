using Azure;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;

namespace Frontline.Teams;

/// <summary>
/// A unit's teams, its people's site roles and sites' duty phones. Written by a Coordinator or by the unit's organiser
/// (its Reporter) for their own people; every refusal is decided before anything is written.
/// </summary>
public sealed class TeamEndpoints(
    TeamStore store, DutyPhoneCache dutyPhones, CatalogCache catalogCache, VolunteerDirectory directory, VolunteerStore volunteers, PersonalData personalData, TimeProvider time)
{
    private const int BodyLimitBytes = 32 * 1024;

    public const string DutyPhoneNote =
        "值班电话是办公室录入的点位办公电话，特意公开 · The duty phone is an office line the office entered, public on purpose.";

    public async Task<IResult> ListAsync(string unitId, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(unitId))
        {
            return Problems.Validation("unitId", "A unit's id.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.ContainsKey(unitId))
        {
            return Problems.NotFound($"No unit {unitId} (unitId).");
        }

        var (teams, roles) = await store.UnitAsync(unitId, cancellationToken);
        var people = await directory.UnitAsync(unitId, cancellationToken);
        return TypedResults.Ok(new UnitTeams(unitId, teams.OrderBy(entry => entry.Team.Name, StringComparer.Ordinal)
            .Select(entry => View(entry.Team, entry.ETag, people, roles)).ToList()));
    }

    public async Task<IResult> CreateAsync(HttpRequest request, Caller caller, string unitId, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(unitId))
        {
            return Problems.Validation("unitId", "A unit's id.");
        }

        var body = await JsonBody.ReadAsync<TeamRequest>(request, cancellationToken, BodyLimitBytes);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (TeamValidation.Validate(body.Value!, out var errors) is not { } draft)
        {
            return Problems.Validation(errors);
        }

        var (teams, roles) = await store.UnitAsync(unitId, cancellationToken);
        if (teams.Count >= TeamValidation.MaxTeamsPerUnit)
        {
            return Problems.Conflict($"The unit has {TeamValidation.MaxTeamsPerUnit} teams, the most one unit may have.", "Change an existing team instead.");
        }

        var resolved = await ResolveAsync(draft, unitId, null, teams, cancellationToken);
        if (resolved.Problem is not null)
        {
            return resolved.Problem;
        }

        var team = new Team(TeamStore.NewId(), unitId, draft.Name, draft.Kind, draft.SiteIds, resolved.LeaderHash!, resolved.MemberHashes!, caller.Subject, time.GetUtcNow());
        if (TeamStore.SizeProblem(team) is { } tooLarge)
        {
            return Problems.Validation("memberIds", tooLarge);
        }

        var etag = await store.AddAsync(team, cancellationToken);
        audit.Record("unit", unitId).Record("team", team.Id).Detail("members", team.MemberHashes.Count).Detail("sites", team.SiteIds.Count);
        request.HttpContext.Response.Headers.ETag = etag.ToString();
        return TypedResults.Created($"/{ApiRoutes.Prefix}/units/{unitId}/teams", View(team, etag, resolved.People!, roles));
    }

    /// <summary>Replaces the whole team; If-Match must carry the ETag read, and a stale one is 409.</summary>
    public async Task<IResult> UpdateAsync(HttpRequest request, Caller caller, string unitId, string teamId, AuditNotes audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EntityIds.IsValid(unitId))
        {
            errors["unitId"] = ["A unit's id."];
        }

        if (!TeamValidation.IsTeamId(teamId))
        {
            errors["teamId"] = ["A team id this unit was given (t-…)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (request.Headers.IfMatch.ToString() is not { Length: > 0 } ifMatch)
        {
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "Send the team's ETag in If-Match.",
                "Read the unit's teams first (GET …/teams); each team's etag says which version you changed.");
        }

        var body = await JsonBody.ReadAsync<TeamRequest>(request, cancellationToken, BodyLimitBytes);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (TeamValidation.Validate(body.Value!, out errors) is not { } draft)
        {
            return Problems.Validation(errors);
        }

        var (teams, roles) = await store.UnitAsync(unitId, cancellationToken);
        if (teams.FirstOrDefault(entry => entry.Team.Id == teamId) is not { Team: not null } existing)
        {
            return Problems.NotFound($"No team {teamId} of unit {unitId} (teamId).");
        }

        var resolved = await ResolveAsync(draft, unitId, teamId, teams, cancellationToken);
        if (resolved.Problem is not null)
        {
            return resolved.Problem;
        }

        var team = existing.Team with
        {
            Name = draft.Name, Kind = draft.Kind, SiteIds = draft.SiteIds, LeaderHash = resolved.LeaderHash!, MemberHashes = resolved.MemberHashes!,
            UpdatedBy = caller.Subject, UpdatedAt = time.GetUtcNow(),
        };
        if (TeamStore.SizeProblem(team) is { } tooLarge)
        {
            return Problems.Validation("memberIds", tooLarge);
        }

        ETag etag;
        try
        {
            etag = await store.ReplaceAsync(team, new ETag(ifMatch), cancellationToken);
        }
        catch (TeamConflictException stale)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The team changed since it was read.", $"If-Match: {stale.Message}",
                new Dictionary<string, object?> { ["current"] = View(existing.Team, existing.ETag, resolved.People!, roles) });
        }

        audit.Record("unit", unitId).Record("team", teamId).Detail("members", team.MemberHashes.Count).Detail("sites", team.SiteIds.Count);
        request.HttpContext.Response.Headers.ETag = etag.ToString();
        return TypedResults.Ok(View(team, etag, resolved.People!, roles));
    }

    /// <summary>
    /// A volunteer's role (点长, 组长, 队长 or member) at the site they are assigned to. A Reporter sets it for their own
    /// unit's people only; the path names the volunteer, so the unit is checked here, not by the route.
    /// </summary>
    public async Task<IResult> SetRoleAsync(HttpRequest request, Caller caller, string volunteerId, AuditNotes audit, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RoleRequest>(request, cancellationToken, 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (body.Value!.Role is not { } role || !SiteRoles.All.Contains(role))
        {
            return Problems.Validation("role", $"One of {string.Join(", ", SiteRoles.All)} (点长, 组长, 队长, member).");
        }

        if (!personalData.TryOpenRegistrationId(volunteerId, out var phoneHash))
        {
            return Problems.NotFound($"No volunteer {volunteerId} (volunteerId).");
        }

        var volunteer = await volunteers.GetAsync(phoneHash, cancellationToken);
        if (volunteer is null || volunteer.RegistrationId != volunteerId || volunteer.Status == VolunteerStatus.Withdrawn)
        {
            return Problems.NotFound($"No volunteer {volunteerId} (volunteerId).");
        }

        if (!caller.IsCoordinator && !caller.IsReporterOf(volunteer.UnitId ?? ""))
        {
            return Problems.Forbidden("Reporters set the roles of their own unit's people only.");
        }

        if (volunteer.UnitId is not { } unitId || volunteer.Status != VolunteerStatus.Assigned || volunteer.SiteId is not { } siteId)
        {
            return Problems.Conflict("The volunteer is not assigned to a site of a unit.", "volunteerId: a role is held at the site a volunteer is assigned to; assign them first.");
        }

        await store.SetRoleAsync(unitId, new SiteRole(phoneHash, siteId, role, caller.Subject, time.GetUtcNow()), cancellationToken);
        audit.Record("volunteer", volunteerId).Record("unit", unitId).Record("site", siteId).Detail("role", role);
        return TypedResults.Ok(new VolunteerRoleView(volunteerId, unitId, siteId, role));
    }

    /// <summary>The site's duty phone, entered by the office: an office line, shown on its volunteers' status pages.</summary>
    public async Task<IResult> SetDutyPhoneAsync(HttpRequest request, Caller caller, string siteId, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(siteId))
        {
            return Problems.Validation("siteId", "A site's id.");
        }

        var body = await JsonBody.ReadAsync<DutyPhoneRequest>(request, cancellationToken, 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var dutyPhone = TeamValidation.DutyPhone(body.Value!.DutyPhone, out var error);
        if (error is not null)
        {
            return Problems.Validation("dutyPhone", error);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Sites.ContainsKey(siteId))
        {
            return Problems.NotFound($"No site {siteId} (siteId).");
        }

        await store.SetDutyPhoneAsync(siteId, dutyPhone, caller.Subject, time.GetUtcNow(), cancellationToken);
        dutyPhones.Forget();
        audit.Record("site", siteId).Detail("cleared", dutyPhone is null);
        return TypedResults.Ok(new DutyPhoneView(siteId, dutyPhone, DutyPhoneNote));
    }

    /// <summary>
    /// Checks the draft against the catalog, the unit's people (one range read of its directory partition) and its
    /// other teams; each refusal names its field.
    /// </summary>
    private async Task<(IResult? Problem, string? LeaderHash, IReadOnlyList<string>? MemberHashes, IReadOnlyDictionary<string, DirectoryEntry>? People)> ResolveAsync(
        TeamDraft draft, string unitId, string? teamId, IReadOnlyList<(Team Team, ETag ETag)> teams, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.TryGetValue(unitId, out var unit))
        {
            return (Problems.NotFound($"No unit {unitId} (unitId)."), null, null, null);
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < draft.SiteIds.Count; i++)
        {
            if (!catalog.Sites.ContainsKey(draft.SiteIds[i]))
            {
                errors[$"siteIds[{i}]"] = ["No such site."];
            }
            else if (!unit.SiteIds.Contains(draft.SiteIds[i]))
            {
                errors[$"siteIds[{i}]"] = ["The unit does not serve this site: a team is at its own unit's sites."];
            }
        }

        var people = await directory.UnitAsync(unitId, cancellationToken);
        var hashes = new List<string>();
        for (var i = 0; i < draft.MemberIds.Count; i++)
        {
            var memberId = draft.MemberIds[i];
            if (!personalData.TryOpenRegistrationId(memberId, out var hash) || !people.TryGetValue(hash, out var person)
                || person.VolunteerId != memberId || person.Status == VolunteerStatus.Withdrawn)
            {
                errors[$"memberIds[{i}]"] = ["No volunteer of this unit with this id: a team holds its own unit's people."];
                continue;
            }

            if (teams.FirstOrDefault(entry => entry.Team.Id != teamId && entry.Team.MemberHashes.Contains(hash)) is { Team: not null } other)
            {
                errors[$"memberIds[{i}]"] = [$"Already a member of the unit's team {other.Team.Name} ({other.Team.Id}): one team at a time."];
                continue;
            }

            hashes.Add(hash);
        }

        if (errors.Count > 0)
        {
            return (Problems.Validation(errors), null, null, null);
        }

        personalData.TryOpenRegistrationId(draft.LeaderId, out var leaderHash);
        return (null, leaderHash, hashes, people);
    }

    private static TeamView View(Team team, ETag etag, IReadOnlyDictionary<string, DirectoryEntry> people, IReadOnlyDictionary<string, SiteRole> roles)
    {
        var members = team.MemberHashes.Select(hash =>
        {
            var person = people.GetValueOrDefault(hash);
            return new TeamMemberView(person?.VolunteerId, person?.Name ?? "", person?.PhoneMasked ?? "***", person?.SiteId,
                RoleAt(roles, hash, person?.SiteId), hash == team.LeaderHash);
        }).ToList();
        return new TeamView(team.Id, team.UnitId, team.Name, team.Kind, team.SiteIds, people.GetValueOrDefault(team.LeaderHash)?.Name, members,
            team.UpdatedAt, etag.ToString());
    }

    /// <summary>The role held at the site the volunteer is at now; a role set at a site they have left is no longer theirs.</summary>
    public static string RoleAt(IReadOnlyDictionary<string, SiteRole> roles, string phoneHash, string? siteId) =>
        roles.TryGetValue(phoneHash, out var role) && siteId is not null && role.SiteId == siteId ? role.Role : SiteRoles.Member;
}
