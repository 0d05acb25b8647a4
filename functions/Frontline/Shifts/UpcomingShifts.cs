using Frontline.Sites;
using Microsoft.Extensions.Options;

namespace Frontline.Shifts;

/// <summary>A shift on a volunteer's status page: the day (Beijing time), its clock times and the site it is at.</summary>
/// <param name="EndsNextDay">A 24-hour post's night shift (20:00–08:00) ends on the morning after <paramref name="Day"/>.</param>
public sealed record UpcomingShift(DateOnly Day, string Start, string End, bool EndsNextDay, decimal Hours, string SiteId, string SiteName);

/// <summary>
/// A person's shifts from today (Beijing time) through the next <see cref="DaysAhead"/> days, for the public status
/// page: one range read of their own partition of the <c>Shifts</c> table (at most seven day rows), the site names from
/// the catalog in memory. Shows clock times and sites only, nothing of anyone else on the roster.
/// </summary>
public sealed class UpcomingShifts(ShiftStore store, TimeProvider time, IOptions<FrontlineOptions> options)
{
    public const int DaysAhead = 6;

    /// <summary>
    /// The shifts at <paramref name="siteId"/>, the site the volunteer is assigned to now: a reassignment leaves the days
    /// given at the old site in storage (the old site's duty still lists them), and the page must not send them there.
    /// </summary>
    public async Task<IReadOnlyList<UpcomingShift>> ReadAsync(string phoneHash, string siteId, Catalog catalog, CancellationToken cancellationToken)
    {
        var today = options.Value.Today(time);
        var (days, _) = await store.ReadVolunteerAsync(phoneHash, today, today.AddDays(DaysAhead), cancellationToken);
        return days.Where(day => day.SiteId == siteId).OrderBy(day => day.Day)
            .SelectMany(day => day.Shifts.OrderBy(shift => shift.StartMinute).Select(shift => new UpcomingShift(day.Day, shift.Start, shift.End,
                shift.StartMinute + shift.Minutes > 1440, shift.Hours, day.SiteId, catalog.Sites.TryGetValue(day.SiteId, out var site) ? site.Name : day.SiteId)))
            .ToList();
    }
}
