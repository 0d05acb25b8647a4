using Frontline.Storage;

namespace Frontline.Teams;

/// <summary>
/// The sites' duty phones for the public site list (<c>GET /api/sites</c>), which is otherwise served from the
/// catalog in memory: one range read of the duty phones' partition (<see cref="TeamStore.DutyPhonesAsync"/>), shared by
/// the requests that arrive meanwhile and kept <see cref="MaxAge"/>. A change entered on this host shows at once; one
/// entered on another host within <see cref="MaxAge"/>. Kept apart from the catalog's rows because a duty phone is
/// not a counter the deployment ledger moves: putting it there would put an office's edit into the ledger's batches
/// and journal. When a refresh fails, the phones last read are served, so the list does not fail for a line.
/// </summary>
public sealed class DutyPhoneCache
{
    /// <summary>
    /// Five minutes: a province's 10,000 sites are 10,000 rows in one partition, so each instance's refresh costs
    /// 33 entities a second, and 16 instances 533 (27 % of a partition's 2,000); at 30 s it would be 5,333, beyond it.
    /// An office line changes seldom, and the host that changes it shows the change at once.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>While no read has succeeded, the list is served without phones and the read tried again this often.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly RefreshedRead<IReadOnlyDictionary<string, string>> _phones;

    public DutyPhoneCache(TeamStore store, TimeProvider time) =>
        _phones = new(store.DutyPhonesAsync, new Dictionary<string, string>(), time, MaxAge, RetryAfter);

    public Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken cancellationToken) => _phones.GetAsync(cancellationToken);

    /// <summary>After a change on this host: the next request reads the phones again.</summary>
    public void Forget() => _phones.Forget();
}
