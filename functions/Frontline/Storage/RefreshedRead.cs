using Azure;

namespace Frontline.Storage;

/// <summary>
/// A read of storage kept in memory for <paramref name="maxAge"/> and shared by the requests that arrive meanwhile,
/// for figures a public page shows beside the catalog (a site's duty phone, its batch people) and that may be minutes
/// old. When a refresh fails (storage answers an error or cannot be reached), the value last read is served, so a page does not fail for a figure; while no read has
/// ever succeeded, <paramref name="empty"/> is served and the read is tried again every <paramref name="retryAfter"/>.
/// Written here rather than with a memory cache package because the two behaviours that matter (one read in flight for
/// every caller, and the last good value kept through a failure) are what such a cache leaves to its caller.
/// </summary>
public sealed class RefreshedRead<T>(Func<CancellationToken, Task<T>> read, T empty, TimeProvider time, TimeSpan maxAge, TimeSpan retryAfter)
    where T : class
{
    private readonly object _lock = new();
    private Task<T>? _read;
    private DateTimeOffset _readAt;
    private T? _lastGood;
    private DateTimeOffset _retryAt;

    /// <summary>The value, read again first when it is older than the maximum age (the caller waits for that read).</summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> current;
        lock (_lock)
        {
            current = ReadIfDue();
        }

        return current.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The value read last, at once (<c>empty</c> until a first read has ended), starting a read in the background when
    /// one is due: for a caller on a hot path that must never wait on this read (a registration's choice of site).
    /// </summary>
    public T Peek()
    {
        lock (_lock)
        {
            var current = ReadIfDue();
            return current.IsCompletedSuccessfully ? current.Result : _lastGood ?? empty;
        }
    }

    /// <summary>Under the lock: the read in flight or done, a new one when the last is old, failed, or (with no good read yet) due a retry.</summary>
    private Task<T> ReadIfDue()
    {
        var now = time.GetUtcNow();
        if (_read is null || now - _readAt >= maxAge || _read.IsFaulted || _read.IsCanceled
            || (_lastGood is null && _read.IsCompleted && now >= _retryAt))
        {
            // Not the caller's token: the read is shared, and one request going away must not cancel it for the rest.
            _read = ReadAsync();
            _readAt = now;
        }

        return _read;
    }

    /// <summary>After a change on this host: the next request reads again.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _read = null;
        }
    }

    private async Task<T> ReadAsync()
    {
        try
        {
            var value = await read(CancellationToken.None);
            lock (_lock)
            {
                _lastGood = value;
            }

            return value;
        }
        catch (Exception exception) when (exception is RequestFailedException || StorageFaults.IsOutage(exception))
        {
            // Under the lock: GetAsync reads both fields under it, and a DateTimeOffset is not written in one step.
            lock (_lock)
            {
                if (_lastGood is { } last)
                {
                    return last;
                }

                _retryAt = time.GetUtcNow() + retryAfter;
                return empty;
            }
        }
    }
}
