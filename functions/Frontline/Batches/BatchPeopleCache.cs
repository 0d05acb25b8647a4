using Frontline.Storage;
using Frontline.Volunteers;

namespace Frontline.Batches;

/// <summary>
/// The batch people on duty at each site on a day, for the readers that cannot afford a read per request: the public
/// site list (<c>GET /api/sites</c>: the site's own staffing), the public figures (<c>GET /api/stats</c>: a total, each
/// person once) and a new registration's choice of site (<see cref="IUncountedStaff"/>, never waiting). Read with one
/// query of every site row (<see cref="BatchStore.EverySiteAsync"/>), shared and kept <see cref="MaxAge"/>, since the
/// catalog's counters cannot hold a figure that changes with the day; a batch recorded or withdrawn on this host shows
/// at once, on another host within <see cref="MaxAge"/>. A failed refresh serves the rows last read.
/// </summary>
public sealed class BatchPeopleCache : IUncountedStaff
{
    /// <summary>
    /// Five minutes: a province's batches are a few thousand rows with their site rows (each batch at most
    /// <see cref="BatchValidation.MaxSites"/> sites); at 30,000 rows each instance's refresh reads 100 entities a second,
    /// and 16 instances 1,600 (8 % of the account's 20,000), spread over the units' partitions.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>While no read has succeeded, the list counts no batch people and the read is tried again this often.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly RefreshedRead<IReadOnlyDictionary<string, IReadOnlyList<SiteBatchRow>>> _rows;

    // Replaced whole, never changed: a reader sees one view or the next.
    private volatile AssignmentView? _forAssignment;

    public BatchPeopleCache(BatchStore store, TimeProvider time)
    {
        // Batches over before yesterday (by UTC, which is never ahead of the office's day) are left out of the read.
        _rows = new(cancellationToken => store.EverySiteAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1), cancellationToken),
            new Dictionary<string, IReadOnlyList<SiteBatchRow>>(), time, MaxAge, RetryAfter);
    }

    /// <summary>
    /// For a new registration's site (<see cref="SiteAssignment"/>): the batch people each site's <c>assigned</c> does not
    /// count, whichever unit's batch it is (where a batch stands, people stand, whatever the catalog says of its unit
    /// since). Never waits on storage: the rows read last (none before the first read ends), a refresh started in the
    /// background when one is due, so a registration is never held up by the batch table. Summed once per rows and day:
    /// registrations come hundreds a second, and a pass over a province's batch rows for each would cost more than the
    /// registration. Never throws: an answer it cannot give is no batch people.
    /// </summary>
    public IReadOnlyDictionary<string, int> AtSites(DateOnly day)
    {
        IReadOnlyDictionary<string, IReadOnlyList<SiteBatchRow>> rows;
        try
        {
            rows = _rows.Peek();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new Dictionary<string, int>();
        }

        if (_forAssignment is { } kept && ReferenceEquals(kept.Rows, rows) && kept.Day == day)
        {
            return kept.People;
        }

        var people = Sum(rows, day, static (_, _) => true).Where(site => site.Value.BeyondAssigned > 0)
            .ToDictionary(site => site.Key, site => site.Value.BeyondAssigned, StringComparer.Ordinal);
        _forAssignment = new(rows, day, people);
        return people;
    }

    /// <summary>
    /// By site id, the batch people on duty on <paramref name="day"/> of the units that serve the site (as
    /// <paramref name="serves"/>(siteId, unitId) says: the catalog, as the staffing read takes it); a site with none is
    /// absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SiteBatchPeople>> OnDutyAsync(DateOnly day, Func<string, string, bool> serves, CancellationToken cancellationToken) =>
        Sum(await _rows.GetAsync(cancellationToken), day, serves);

    private static Dictionary<string, SiteBatchPeople> Sum(IReadOnlyDictionary<string, IReadOnlyList<SiteBatchRow>> rows, DateOnly day, Func<string, string, bool> serves)
    {
        var bySite = new Dictionary<string, SiteBatchPeople>(StringComparer.Ordinal);
        foreach (var (siteId, siteRows) in rows)
        {
            var onDuty = siteRows.Where(row => row.IsOnDuty(day) && serves(siteId, row.UnitId)).ToList();
            var people = new SiteBatchPeople(onDuty.Sum(row => Math.Max(0, row.People - row.RegisteredHere)), onDuty.Sum(row => Math.Max(0, row.People - row.Placed)));
            if (people.BeyondAssigned > 0 || people.BeyondPlaced > 0)
            {
                bySite[siteId] = people;
            }
        }

        return bySite;
    }

    private sealed record AssignmentView(object Rows, DateOnly Day, IReadOnlyDictionary<string, int> People);

    /// <summary>After a batch is recorded or withdrawn on this host: the next request reads the rows again.</summary>
    public void Forget() => _rows.Forget();
}

/// <summary>
/// A site's batch people on a day. <paramref name="BeyondAssigned"/>: those the site's <c>assigned</c> does not count
/// already (all but the listed volunteers the directory placed at this very site): the site's own staffing.
/// <paramref name="BeyondPlaced"/>: those in no site's <c>assigned</c> (all but the listed volunteers the directory placed
/// at a site, this one or another): what a total of people adds, so a listed volunteer placed elsewhere is counted once,
/// and a listed volunteer on the waitlist is counted here.
/// </summary>
public sealed record SiteBatchPeople(int BeyondAssigned, int BeyondPlaced);
