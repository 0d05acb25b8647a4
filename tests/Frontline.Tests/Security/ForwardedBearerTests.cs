using System.Net;
using System.Net.Http.Headers;
using Frontline.Security;
using Frontline.Tests.DailyCounts;

namespace Frontline.Tests.Security;

/// <summary>
/// Behind a Static Web App's linked backend the platform replaces <c>Authorization</c> with its own token;
/// the user's token still reaches the API in <see cref="BearerHeaders.Forwarded"/>, through the same validation.
/// </summary>
public class ForwardedBearerTests(CountsApp app) : IClassFixture<CountsApp>
{
    private const string PlatformToken = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJzd2EifQ.c2lnbmF0dXJl";

    [Fact]
    public async Task A_coordinator_token_in_the_forwarded_header_is_honoured_when_authorization_holds_the_platforms()
    {
        var token = await app.TokenAsync([Roles.Coordinator]);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/completeness?day={CountsApp.Day()}");
        request.Headers.TryAddWithoutValidation("Authorization", PlatformToken);
        request.Headers.TryAddWithoutValidation(BearerHeaders.Forwarded, $"Bearer {token}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_in_the_forwarded_header_is_refused_even_beside_a_valid_authorization()
    {
        var valid = await app.TokenAsync([Roles.Coordinator]);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/completeness?day={CountsApp.Day()}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", valid);
        request.Headers.TryAddWithoutValidation(BearerHeaders.Forwarded, $"Bearer {app.ForeignToken()}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_forwarded_header_alone_carries_a_reporter_to_their_own_units_counts()
    {
        var token = await app.TokenAsync([Roles.Reporter], "unit-a");
        using var client = app.CreateClient();
        using var own = new HttpRequestMessage(HttpMethod.Get, $"/api/units/unit-a/counts?day={CountsApp.Day()}");
        own.Headers.TryAddWithoutValidation(BearerHeaders.Forwarded, $"Bearer {token}");
        using var other = new HttpRequestMessage(HttpMethod.Get, $"/api/units/unit-b/counts?day={CountsApp.Day()}");
        other.Headers.TryAddWithoutValidation(BearerHeaders.Forwarded, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(other)).StatusCode);
    }
}
