using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Frontline.Tests.Faults;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Volunteers;

/// <summary>
/// The registration limiter with its shipped settings: a room registering from one QR code on one network is let in
/// whole; a scripted flood from one address, or one device id used again and again, is slowed with 429 and Retry-After.
/// (In the test host every request comes from one address.)
/// </summary>
public sealed class RateLimitTests
{
    private static async Task<FrontlineApp> StartWithShippedLimitsAsync(bool processing = false)
    {
        var shipped = new FrontlineOptions();
        var app = new FrontlineApp();
        app.Settings["Frontline:RegistrationBurstPerClient"] = shipped.RegistrationBurstPerClient.ToString(CultureInfo.InvariantCulture);
        app.Settings["Frontline:RegistrationsPerMinutePerClient"] = shipped.RegistrationsPerMinutePerClient.ToString(CultureInfo.InvariantCulture);
        app.Settings["Frontline:RegistrationsPerDevicePerTenMinutes"] = shipped.RegistrationsPerDevicePerTenMinutes.ToString(CultureInfo.InvariantCulture);
        app.Settings["Frontline:Triggers:Enabled"] = processing ? "true" : "false";
        await app.InitializeAsync();
        return app;
    }

    [Fact]
    public async Task Two_hundred_people_registering_from_one_address_within_two_minutes_are_all_accepted()
    {
        await using var app = await StartWithShippedLimitsAsync();
        await Ledger.SeedCatalogAsync(app);
        using var client = app.CreateClient();

        var started = DateTime.UtcNow;
        var statuses = new HttpStatusCode[200];
        // The room submits together: sixteen phones at a time, each with its own device id.
        await Parallel.ForEachAsync(Enumerable.Range(0, statuses.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (index, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(Ledger.Form(index)) };
            request.Headers.Add(RegistrationRateLimiter.DeviceHeader, $"device-{index:D4}");
            using var response = await client.SendAsync(request, token);
            statuses[index] = response.StatusCode;
        });

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), "the room's registrations took longer than two minutes");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
    }

    [Fact]
    public async Task A_flood_from_one_address_gets_429_with_retry_after_long_before_it_ends()
    {
        await using var app = await StartWithShippedLimitsAsync();
        using var client = app.CreateClient();

        // Thousands a minute, each with a fresh device id (a script varies what it can): the address's bucket stops it.
        const int Flood = 2_000;
        var firstRefused = -1;
        HttpResponseMessage? refused = null;
        for (var index = 0; index < Flood && refused is null; index++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(new { name = "x" }) };
            request.Headers.Add(RegistrationRateLimiter.DeviceHeader, Guid.NewGuid().ToString("N"));
            var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                (firstRefused, refused) = (index, response);
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            // The burst (300) and what refilled while it was spent, no more.
            Assert.InRange(firstRefused, new FrontlineOptions().RegistrationBurstPerClient, 400);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task One_device_id_used_again_and_again_is_slowed_while_other_devices_on_the_address_go_on()
    {
        await using var app = await StartWithShippedLimitsAsync();
        using var client = app.CreateClient();
        var perDevice = new FrontlineOptions().RegistrationsPerDevicePerTenMinutes;

        async Task<HttpResponseMessage> SendAsync(string? device)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(new { name = "x" }) };
            if (device is not null)
            {
                request.Headers.Add(RegistrationRateLimiter.DeviceHeader, device);
            }

            return await client.SendAsync(request);
        }

        for (var index = 0; index < perDevice; index++)
        {
            using var allowed = await SendAsync("same-phone");
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var slowed = await SendAsync("same-phone");
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.True(slowed.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Another phone in the room, and a form that sends no device id, still get through to validation.
        using var another = await SendAsync("another-phone");
        Assert.Equal(HttpStatusCode.BadRequest, another.StatusCode);
        using var none = await SendAsync(null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }
}
