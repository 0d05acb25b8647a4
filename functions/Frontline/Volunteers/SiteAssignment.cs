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

        return Best(home, volunteer.SpreadKey) ?? Best(candidates, volunteer.SpreadKey);
    }

    /// <summary>
    /// Among sites that fit equally well and need as many people, each volunteer's own order (a hash of their key with
    /// the site's id) picks one. By id alone, every host would send its next arrivals to the same site at once, and
    /// their batches would be refused on that site's counter in turn (the capacity benchmark's ETag contention).
    /// </summary>
    private static string? Best(List<(Site site, int matches)> candidates, string? spreadKey) =>
        candidates
            .OrderByDescending(candidate => candidate.matches)
            .ThenByDescending(candidate => candidate.site.Shortfall)
            .ThenBy(candidate => spreadKey is null ? 0u : SpreadOrder(spreadKey, candidate.site.Id))
            .ThenBy(candidate => candidate.site.Id, StringComparer.Ordinal)
            .Select(candidate => candidate.site.Id)
            .FirstOrDefault();

    /// <summary>Stable across hosts and processes (string.GetHashCode is seeded per process).</summary>
    private static uint SpreadOrder(string spreadKey, string siteId)
    {
        var hash = 2166136261u;
        foreach (var character in spreadKey)
        {
            hash = unchecked((hash ^ character) * 16777619);
        }

        hash = unchecked((hash ^ '|') * 16777619);
        foreach (var character in siteId)
        {
            hash = unchecked((hash ^ character) * 16777619);
        }

        return hash;
    }
}

/// <summary>
/// What assignment needs to know of a volunteer, and nothing personal. <paramref name="SpreadKey"/> (their registration
/// id) orders equally good sites differently for different volunteers; without it, the lowest id wins.
/// </summary>
public sealed record AssignmentNeeds(IReadOnlyList<string> Skills, string? HomeCommunity, DateOnly AvailableFrom, DateOnly AvailableTo, string? SpreadKey = null);
