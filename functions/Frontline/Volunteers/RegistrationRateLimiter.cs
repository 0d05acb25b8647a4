using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Frontline.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Volunteers;

/// <summary>
/// Slows scripted floods of registrations without turning a room away. A unit calls a meeting and puts up a QR code,
/// and two hundred people on one office network (or a carrier's shared address) submit within a minute or two; a
/// fixed window of 20 a minute turned most of them away. So each client address gets a token bucket: a burst of
/// <see cref="FrontlineOptions.RegistrationBurstPerClient"/> (a room) refilled at
/// <see cref="FrontlineOptions.RegistrationsPerMinutePerClient"/> a minute, which a flood of thousands a minute empties
/// within seconds. And each device (the random id the form keeps on the phone, <see cref="DeviceHeader"/>) gets
/// <see cref="FrontlineOptions.RegistrationsPerDevicePerTenMinutes"/> in ten minutes: a person may register their family,
/// a script reusing one device id is stopped. A script that drops or varies the device id still meets the address's bucket.
/// Held in each instance's memory: a flood spread over many instances gets through a little faster, which the honeypot
/// and de-duplication absorb; a shared counter would cost a storage write on the hottest path.
/// </summary>
public sealed class RegistrationRateLimiter : IDisposable
{
    /// <summary>The form's device id: a random id the registration page keeps in the browser's storage.</summary>
    public const string DeviceHeader = "X-Frontline-Device";

    private const int MaxDeviceIdLength = 64;

    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly ClientAddress _clientAddress;

    public RegistrationRateLimiter(IOptions<FrontlineOptions> options, ClientAddress clientAddress)
    {
        var settings = options.Value;
        _clientAddress = clientAddress;

        // A bucket refills a few tokens at a time, at least once a second, so that its timer does not run for every
        // token when the rate is high (tests run with 100,000 a minute).
        var perMinute = settings.RegistrationsPerMinutePerClient;
        var tokensPerPeriod = Math.Max(1, perMinute / 60);
        var byAddress = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(_clientAddress.Of(context), _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(settings.RegistrationBurstPerClient, 1),
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerPeriod / perMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        var byDevice = PartitionedRateLimiter.Create<HttpContext, string>(context => DeviceId(context) is { } device
            ? RateLimitPartition.GetFixedWindowLimiter(device, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RegistrationsPerDevicePerTenMinutes,
                Window = TimeSpan.FromMinutes(10),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));
        _limiter = PartitionedRateLimiter.CreateChained(byDevice, byAddress);
    }

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>The device id when it looks like one the form makes; anything else counts as no device (the address still limits it).</summary>
    private static string? DeviceId(HttpContext context) =>
        context.Request.Headers[DeviceHeader].ToString() is { Length: > 0 and <= MaxDeviceIdLength } device
        && device.All(character => char.IsAsciiLetterOrDigit(character) || character == '-')
            ? device
            : null;
}
