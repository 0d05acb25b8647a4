using Frontline.Storage;
using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>
/// When storage stalls, callers get 503 with Retry-After, never a 500: nothing was changed and trying again
/// later is the right move. Both hosts put every handler behind this.
/// </summary>
public static class StorageOutageGuard
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    public static async Task<IResult> RunAsync(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (Exception exception) when (StorageFaults.IsOutage(exception))
        {
            return Problems.Unavailable(RetryAfter);
        }
    }
}
