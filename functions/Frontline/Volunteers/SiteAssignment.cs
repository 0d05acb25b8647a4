using Frontline.Sites;

namespace Frontline.Volunteers;

/// <summary>
/// Where a new volunteer goes: a site in their home community that still needs people (双报到, reporting
/// where they live), else the site anywhere that needs people most and whose duties they can do; when none
/// fits, the waitlist (null). A site that lists duties takes only volunteers with at least one of them. A site's
/// shortfall counts the people serving there whom the ledger does not (<see cref="AssignmentNeeds.Uncounted"/>: a
/// dispatch batch's), so a site a batch staffs gets no one more.
/// </summary>
public static class SiteAssignment
{
    public static string? Choose(Catalog catalog, AssignmentNeeds volunteer, DateOnly today)
    {
        var firstDay = volunteer.AvailableFrom > today ? volunteer.AvailableFrom : today;
        var uncounted = volunteer.Uncounted ?? new Dictionary<string, int>();
        int Shortfall(Site site) => Math.Max(0, site.Shortfall - uncounted.GetValueOrDefault(site.Id));
        var candidates = catalog.Sites.Values
            .Where(site => Shortfall(site) > 0 && site.IsOpenOn(firstDay) && firstDay <= volunteer.AvailableTo)
            .Select(site => (site, matches: site.Duties.Count(volunteer.Skills.Contains)))
            .Where(candidate => candidate.site.Duties.Count == 0 || candidate.matches > 0)
            .ToList();

        var home = volunteer.HomeCommunity is { } community
            ? candidates.Where(candidate => string.Equals(candidate.site.Community, community, StringComparison.Ordinal)).ToList()
            : [];

        return Best(home, volunteer.WriterSlot, Shortfall) ?? Best(candidates, volunteer.WriterSlot, Shortfall);
    }

    /// <summary>
    /// The site that fits best and is shortest of people, the lowest id among equals. With a <paramref name="slot"/> (the
    /// processing host's writer slot), among the sites that fit best and are about as short of people (the same quarter
    /// of their need still open), the host takes the one at its slot's place in id order. By shortfall and id alone
    /// every host sends its next arrivals to the same site, and each host's cache learns of the others' commits only
    /// seconds later, so their batches were refused on that site's counter again and again (the capacity benchmark's
    /// ETag contention). This way each host keeps to its own sites, whose counters it wrote last; sites still fill
    /// evenly, a quarter of their need at a time.
    /// </summary>
    private static string? Best(List<(Site site, int matches)> candidates, int? slot, Func<Site, int> shortfall)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var fitting = candidates.Max(candidate => candidate.matches);
        var best = candidates.Where(candidate => candidate.matches == fitting).Select(candidate => candidate.site).ToList();
        if (slot is not { } place)
        {
            return best.OrderByDescending(shortfall).ThenBy(site => site.Id, StringComparer.Ordinal).First().Id;
        }

        // How short of people a site is, in quarters of its need: 4 when empty, 1 when its last quarter is open.
        int NeedQuarter(Site site) => (int)Math.Ceiling(4.0 * shortfall(site) / Math.Max(1, site.Needed));
        var neediest = best.Max(NeedQuarter);
        var equals = best.Where(site => NeedQuarter(site) == neediest).OrderBy(site => site.Id, StringComparer.Ordinal).ToList();
        return equals[place % equals.Count].Id;
    }
}

/// <summary>
/// What assignment needs to know of a volunteer, and nothing personal; <paramref name="WriterSlot"/>, the processing
/// host's (<see cref="Sites.WriterSlot"/>), which picks among equally good sites so that hosts keep to different ones;
/// and <paramref name="Uncounted"/>, the people serving at sites whom the ledger does not count (<see cref="IUncountedStaff"/>).
/// </summary>
public sealed record AssignmentNeeds(IReadOnlyList<string> Skills, string? HomeCommunity, DateOnly AvailableFrom, DateOnly AvailableTo, int? WriterSlot = null,
    IReadOnlyDictionary<string, int>? Uncounted = null);
