using Frontline.Sites;

namespace Frontline.Volunteers;

/// <summary>
/// Where a new volunteer goes: a site in their home community that still needs people (双报到, reporting
/// where they live), else the site anywhere that needs people most and whose duties they can do; when none
/// fits, the waitlist (null). A site that lists duties takes only volunteers with at least one of them.
/// </summary>
public static class SiteAssignment
{
    public static string? Choose(Catalog catalog, AssignmentNeeds volunteer, DateOnly today)
    {
        var firstDay = volunteer.AvailableFrom > today ? volunteer.AvailableFrom : today;
        var candidates = catalog.Sites.Values
            .Where(site => site.Shortfall > 0 && site.IsOpenOn(firstDay) && firstDay <= volunteer.AvailableTo)
            .Select(site => (site, matches: site.Duties.Count(volunteer.Skills.Contains)))
            .Where(candidate => candidate.site.Duties.Count == 0 || candidate.matches > 0)
            .ToList();

        var home = volunteer.HomeCommunity is { } community
            ? candidates.Where(candidate => string.Equals(candidate.site.Community, community, StringComparison.Ordinal)).ToList()
            : [];

        return Best(home) ?? Best(candidates);
    }

    private static string? Best(List<(Site site, int matches)> candidates) =>
        candidates
            .OrderByDescending(candidate => candidate.matches)
            .ThenByDescending(candidate => candidate.site.Shortfall)
            .ThenBy(candidate => candidate.site.Id, StringComparer.Ordinal)
            .Select(candidate => candidate.site.Id)
            .FirstOrDefault();
}

/// <summary>What assignment needs to know of a volunteer, and nothing personal.</summary>
public sealed record AssignmentNeeds(IReadOnlyList<string> Skills, string? HomeCommunity, DateOnly AvailableFrom, DateOnly AvailableTo);
