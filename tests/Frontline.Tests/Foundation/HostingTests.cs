using System.Net;
using System.Net.Http.Json;
using Frontline.Seeding;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Foundation;

public sealed class HostingTests
{
    [Fact]
    public async Task A_scheduled_operation_runs_on_its_ncrontab_schedule_from_configuration()
    {
        var operation = new CountingOperation();
        await using var app = new FrontlineApp { ConfigureTestServices = operation.Replace };
        app.Settings["BulletinSchedule"] = "*/1 * * * * *";
        await app.InitializeAsync();

        await FrontlineApp.EventuallyAsync(() => Task.FromResult(operation.Runs), runs => runs >= 2, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Seeds_load_into_an_empty_store_once_through_the_importer_and_the_registration_queue()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");
        var seeder = app.Get<DemoSeeder>();

        Assert.True(await seeder.SeedAsync(seeds, CancellationToken.None));
        Assert.False(await seeder.SeedAsync(seeds, CancellationToken.None));

        var catalog = await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        Assert.Equal(10, catalog.Units.Count);
        Assert.Equal(12, catalog.Sites.Count);
        // The 南京市医保局 突击队's four members at the 沪宁高速 checkpoint (source 004); the 28人次 are 甘肃省人防办's.
        Assert.Equal(4, catalog.Sites["nj-huning-checkpoint"].Needed);
        var volunteerLines = File.ReadAllLines(Path.Combine(seeds, "volunteers.csv")).Length - 1;
        var registered = await FrontlineApp.EventuallyAsync(
            async () => (await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true)).Units.Values.Sum(unit => unit.Volunteers),
            total => total == volunteerLines);
        Assert.Equal(volunteerLines, registered);

        // The units' pieces for the bulletin, each about a site its unit serves, signed by its party committee.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var pieces = await app.Get<Frontline.Bulletins.Contributions.ContributionStore>().ListAsync(today.AddDays(-7), today, CancellationToken.None);
        using var seeded = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(seeds, "contributions.json")));
        Assert.Equal(seeded.RootElement.GetArrayLength(), pieces.Count);
        Assert.All(pieces, piece => Assert.Contains(piece.SiteId, catalog.Units[piece.UnitId].SiteIds));
        Assert.Contains(pieces, piece => piece.Contributor == "四川省地方志办机关党委");
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_json_404()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_host_tells_the_site_it_runs_in_development_through_config_json_and_only_there()
    {
        await using var development = new FrontlineApp();
        await development.InitializeAsync();
        using var client = development.CreateClient();

        var config = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/config.json");

        Assert.True(config.GetProperty("development").GetBoolean());
        Assert.Equal("", config.GetProperty("entraClientId").GetString());
        Assert.Equal("Asia/Shanghai", config.GetProperty("timeZone").GetString());
        Assert.Equal(3, config.GetProperty("countLockDays").GetInt32());

        await using var azure = new FrontlineApp();
        azure.Settings["WEBSITE_SITE_NAME"] = "frontline-api";
        await azure.InitializeAsync();
        using var azureClient = azure.CreateClient();
        var answer = await azureClient.GetAsync("/config.json");
        Assert.False(answer.IsSuccessStatusCode && (await answer.Content.ReadAsStringAsync()).Contains("\"development\":true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_sends_the_content_security_policy_of_the_static_web_app()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        using var client = app.CreateClient();
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Serverless.sln")))
        {
            root = root.Parent!;
        }

        var staticWebApp = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root.FullName, "web", "staticwebapp.config.json")));
        var response = await client.GetAsync("/portal.html");

        var expected = staticWebApp.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString();
        Assert.Equal(expected, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-src https://login.microsoftonline.com;", expected, StringComparison.Ordinal);

        var bridgeRoute = staticWebApp.RootElement.GetProperty("routes").EnumerateArray().Single(route => route.GetProperty("route").GetString() == "/auth-redirect.html");
        var bridge = await client.GetAsync("/auth-redirect.html");
        Assert.Equal(bridgeRoute.GetProperty("headers").GetProperty("Content-Security-Policy").GetString(), bridge.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", bridgeRoute.GetProperty("headers").GetProperty("Cache-Control").GetString());
    }

    [Fact]
    public async Task The_development_token_route_is_404_outside_development()
    {
        await using var app = new FrontlineApp { Environment = "Production" };
        await app.InitializeAsync();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Admin" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_development_token_route_is_404_on_an_azure_host_even_in_development()
    {
        await using var app = new FrontlineApp();
        app.Settings["WEBSITE_SITE_NAME"] = "frontline-api";
        await app.InitializeAsync();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { roles = new[] { "Admin" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_development_token_passes_the_same_bearer_validation_and_a_forged_one_does_not()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var coordinator = await app.TokenAsync(["Coordinator"]);
        var csv = new StringContent($"{CatalogImport.UnitsHeader}\nunit-a,测试单位,,,,\n", System.Text.Encoding.UTF8, "text/csv");

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/units/import", csv)).StatusCode);

        var forged = coordinator[..^4] + (coordinator[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using var forger = app.CreateClient(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.PostAsync("/api/units/import", csv)).StatusCode);

        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsync("/api/units/import", csv)).StatusCode);
        Assert.Empty((await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true)).Units);

        using var signedIn = app.CreateClient(coordinator);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.PostAsync("/api/units/import", csv)).StatusCode);
        Assert.Single((await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true)).Units);
    }
}
