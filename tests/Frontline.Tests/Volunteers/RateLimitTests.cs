using System.Net;
using System.Net.Http.Json;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Volunteers;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_client_over_its_registrations_per_minute_gets_429_with_retry_after()
    {
        await using var app = new FrontlineApp();
        app.Settings["Frontline:RegistrationsPerMinutePerClient"] = "3";
        await app.InitializeAsync();
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/registrations", new { name = "x" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }
}
