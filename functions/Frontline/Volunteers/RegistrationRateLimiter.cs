using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Frontline.Volunteers;

/// <summary>
/// Registrations per client address per minute, against scripted floods. Held in each instance's memory:
/// a flood spread over many instances gets through a little faster, which the honeypot and de-duplication
/// absorb; a shared counter would cost a storage write on the hottest path.
/// </summary>
public sealed class RegistrationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly bool _trustForwardedFor;

    public RegistrationRateLimiter(IOptions<FrontlineOptions> options, IConfiguration configuration)
    {
        var permits = options.Value.RegistrationsPerMinutePerClient;
        // Behind Azure's front end the client is the last address the front end appended to X-Forwarded-For;
        // anywhere else that header is whatever the client wants it to be, so it is ignored.
        _trustForwardedFor = !string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(ClientAddress(context));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();

    private string ClientAddress(HttpContext context)
    {
        if (_trustForwardedFor && context.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            // The front end may append "address:port".
            return IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address.ToString() : last;
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
