using System.Text;
using System.Text.Json;
using Frontline.Http;

namespace Frontline.Tests.Foundation;

/// <summary>
/// Both hosts send the same security and caching headers on every /api answer: the Functions app from host.json's
/// <c>extensions.http.customHeaders</c> (the Functions host adds them to every response), the local host from the
/// library's list. The list is one, so host.json must say exactly it.
/// </summary>
public sealed class ApiResponseHeadersTests(HostParityTests.App app) : IClassFixture<HostParityTests.App>
{
    [Fact]
    public void The_functions_apps_host_json_sends_exactly_the_librarys_headers()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostParityTests.RepoRoot(), "functions", "Frontline.Functions", "host.json")));
        var custom = hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("customHeaders")
            .EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString(), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(ApiResponseHeaders.All.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase),
            custom.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)!);
        Assert.Equal("no-store", custom["Cache-Control"]);
        Assert.Equal("nosniff", custom["X-Content-Type-Options"]);
    }

    [Theory]
    [InlineData("GET", "/api/health", null, 200)]
    [InlineData("GET", "/api/sites", null, 200)]
    [InlineData("GET", "/api/registrations/not-a-registration?code=ABCDEFGH", null, 404)]
    [InlineData("POST", "/api/registrations", "{\"name\":", 400)]
    [InlineData("GET", "/api/volunteers", null, 401)]
    [InlineData("GET", "/api/exports/volunteers.csv", null, 401)]
    [InlineData("DELETE", "/api/health", null, 405)]
    [InlineData("GET", "/api/no/such/route", null, 404)]
    [InlineData("GET", "/API/HEALTH", null, 200)]
    [InlineData("GET", "/Api/stats", null, 200)]
    public async Task Every_answer_of_the_local_host_under_api_carries_the_same_headers(string method, string path, string? body, int status)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        foreach (var (name, value) in ApiResponseHeaders.All)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{method} {path} lacks {name}");
            Assert.Equal(value, Assert.Single(values));
        }
    }
}
