using System.Net;
using System.Net.Http.Json;
using Frontline.Host;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Foundation;

public sealed class HealthTests
{
    /// <summary>A host on an Azurite of its own, so the test can stop storage without stopping anyone else's.</summary>
    private sealed class AppOnOwnAzurite : FrontlineApp
    {
        protected override Task<LocalAzurite> AzuriteForThisApp() => SharedAzurite.StartDedicatedAsync();

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_is_ok_while_storage_answers_and_503_with_retry_after_when_it_stops()
    {
        await using var app = new AppOnOwnAzurite();
        await app.InitializeAsync();
        using var client = app.CreateClient();

        var up = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal("ok", (await up.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["status"]);

        await app.Azurite.DisposeAsync();

        var down = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.True(down.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_storage_outage_answers_503_on_the_api_not_500()
    {
        await using var app = new AppOnOwnAzurite();
        await app.InitializeAsync();
        using var client = app.CreateClient();
        await app.Azurite.DisposeAsync();

        var response = await client.GetAsync("/api/sites");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
