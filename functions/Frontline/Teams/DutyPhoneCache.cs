using Azure;

namespace Frontline.Teams;

/// <summary>
/// The sites' duty phones for the public site list (<c>GET /api/sites</c>), which is otherwise served from the
/// catalog in memory: one range read of the duty phones' partition (<see cref="TeamStore.DutyPhonesAsync"/>), shared by
/// the requests that arrive meanwhile and kept <see cref="MaxAge"/>. A change entered on this host shows at once; one
/// entered on another host within <see cref="MaxAge"/>. Kept apart from the catalog's rows because a duty phone is
/// not a counter the deployment ledger moves: putting it there would put an office's edit into the ledger's batches
/// and journal. When a refresh fails, the phones last read are served, so the list does not fail for a line.
/// </summary>
public sealed class DutyPhoneCache(TeamStore store, TimeProvider time)
{
    /// <summary>
    /// Five minutes: a province's 10,000 sites are 10,000 rows in one partition, so each instance's refresh costs
    /// 33 entities a second, and 16 instances 533 (27 % of a partition's 2,000); at 30 s it would be 5,333, beyond it.
    /// An office line changes seldom, and the host that changes it shows the change at once.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly object _lock = new();
    private Task<IReadOnlyDictionary<string, string>>? _read;
    private DateTimeOffset _readAt;
    private IReadOnlyDictionary<string, string>? _lastGood;
    private DateTimeOffset _retryAt;

    public Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, string>> read;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            // Read again when the phones are old, when a read failed, and, while no read has ever succeeded (the list
            // is served without phones meanwhile), every RetryAfter.
            if (_read is null || now - _readAt >= MaxAge || _read.IsFaulted || _read.IsCanceled
                || (_lastGood is null && _read.IsCompleted && now >= _retryAt))
            {
                // Not the caller's token: the read is shared, and one request going away must not cancel it for the rest.
                _read = ReadAsync();
                _readAt = now;
            }

            read = _read;
        }

        return read.WaitAsync(cancellationToken);
    }

    /// <summary>After a change on this host: the next request reads the phones again.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _read = null;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadAsync()
    {
        try
        {
            var phones = await store.DutyPhonesAsync(CancellationToken.None);
            _lastGood = phones;
            return phones;
        }
        catch (RequestFailedException) when (_lastGood is { } last)
        {
            return last;
        }
        catch (RequestFailedException)
        {
            // No good read yet: the site list is served without phones rather than failing for a line.
            _retryAt = time.GetUtcNow() + RetryAfter;
            return new Dictionary<string, string>();
        }
    }
}
