using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Teams;
using Microsoft.AspNetCore.Http;

namespace Frontline.Volunteers;

/// <summary>One of a unit's people as its organiser sees them: the phone only masked, their role at their site and their team.</summary>
/// <param name="Role">site-leader, group-leader, team-leader or member: the role held at the site they are assigned to.</param>
/// <param name="TeamId">The unit's team they are in (a person is in one team of the unit at a time), or null.</param>
public sealed record UnitVolunteer(
    string VolunteerId, string Name, string PhoneMasked, string? SiteId, string? SiteName, string Status, string Role,
    string? TeamId, string? TeamName, bool PartyMember);

/// <summary>A page of a unit's people; follow <c>continuation</c> until it is null (a page may hold fewer than <c>take</c>).</summary>
public sealed record UnitVolunteerPage(string UnitId, IReadOnlyList<UnitVolunteer> Items, string? Continuation);

/// <summary>
/// <c>GET /api/units/{unitId}/volunteers</c>: a unit's own people for its organiser (a Reporter of that unit) and the
/// coordinators, so that the organiser can find the volunteer ids a team, a role or a shift names. The coordinators'
/// directory (<c>GET /api/volunteers</c>) searches every unit; this reads only the unit's partition of it, a page at a
/// time, and adds what the Teams table says about each person (one range read of the unit's partition there, the read
/// the unit's teams list makes, bounded by its 100 teams and one role row per person given a role).
/// </summary>
public sealed class UnitVolunteerEndpoints(VolunteerDirectory directory, TeamStore teams, CatalogCache catalogCache, PersonalData personalData)
{
    private static readonly string[] Statuses = [VolunteerStatus.Assigned, VolunteerStatus.Waitlisted, VolunteerStatus.Withdrawn];

    public async Task<IResult> ListAsync(HttpRequest request, string unitId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EntityIds.IsValid(unitId))
        {
            errors["unitId"] = ["A unit's id."];
        }

        string? siteId = request.Query["siteId"];
        if (string.IsNullOrEmpty(siteId))
        {
            siteId = null;
        }
        else if (!EntityIds.IsValid(siteId))
        {
            errors["siteId"] = ["A site's id."];
        }

        string? status = request.Query["status"];
        if (string.IsNullOrEmpty(status))
        {
            status = null;
        }
        else if (!Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"One of {string.Join(", ", Statuses)}."];
        }

        var take = VolunteerAdminEndpoints.DefaultTake;
        if (request.Query["take"] is { Count: > 0 } takeText
            && !(int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= VolunteerAdminEndpoints.MaxTake))
        {
            errors["take"] = [$"A whole number from 1 to {VolunteerAdminEndpoints.MaxTake}."];
        }

        if (!VolunteerDirectory.TryDecodeContinuation(request.Query["continuation"], out var continuation))
        {
            errors["continuation"] = ["Not a continuation this list handed out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.ContainsKey(unitId))
        {
            return Problems.NotFound($"No unit {unitId} (unitId).");
        }

        // Always the unit's one partition (the list of partitions says so), so a continuation, whoever made it up, can
        // only move where the read starts inside the unit the caller may read.
        IReadOnlyList<DirectoryEntry> entries;
        string? next;
        try
        {
            (entries, next) = await directory.QueryAsync(new DirectoryQuery(null, null, unitId, null, siteId, status), [unitId], continuation, take, cancellationToken);
        }
        catch (Exception refused) when (continuation is not null && refused is FormatException or Azure.RequestFailedException { Status: 400 })
        {
            return Problems.Validation("continuation", "Not a continuation this list handed out.");
        }

        var (unitTeams, roles) = await teams.UnitAsync(unitId, cancellationToken);
        var teamOf = new Dictionary<string, Team>(StringComparer.Ordinal);
        foreach (var (team, _) in unitTeams)
        {
            foreach (var member in team.MemberHashes)
            {
                teamOf.TryAdd(member, team);
            }
        }

        var items = entries.Select(entry =>
        {
            // The registration id is the phone hash sealed: opening it finds the person's team and role without another read.
            var hash = personalData.TryOpenRegistrationId(entry.VolunteerId, out var opened) ? opened : null;
            var team = hash is not null ? teamOf.GetValueOrDefault(hash) : null;
            return new UnitVolunteer(entry.VolunteerId, entry.Name, entry.PhoneMasked, entry.SiteId,
                entry.SiteId is { } site && catalog.Sites.TryGetValue(site, out var known) ? known.Name : null,
                entry.Status, hash is null ? SiteRoles.Member : TeamEndpoints.RoleAt(roles, hash, entry.SiteId), team?.Id, team?.Name, entry.PartyMember);
        }).ToList();
        return TypedResults.Ok(new UnitVolunteerPage(unitId, items, VolunteerDirectory.EncodeContinuation(next)));
    }
}
