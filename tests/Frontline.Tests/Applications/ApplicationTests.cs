using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Applications;
using Frontline.DailyCounts;
using Frontline.Security;
using Frontline.Storage;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Applications;

/// <summary>
/// A unit's own system reports with an app-only token: an Admin binds its client id to the unit, and from then on it
/// is a reporter of that unit and nothing more. Submissions take an Idempotency-Key, and an application's writes are
/// held to a rate.
/// </summary>
public sealed class ApplicationTests(ApplicationTests.App app) : IClassFixture<ApplicationTests.App>
{
    public sealed class App : CountsApp
    {
        public const int WritesPerMinute = 6;

        public override Task InitializeAsync()
        {
            Settings["Frontline:Applications:WritesPerMinute"] = WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return base.InitializeAsync();
        }
    }

    private const string CountsJson = """{"onDuty":2,"partyMembers":1,"tested":40,"peopleChecked":5,"vehiclesChecked":6,"suppliesDelivered":7,"householdsVisited":8}""";

    /// <summary>What a testing point reports, as a unit's system sends it now: values by indicator code.</summary>
    private const string TestingPointJson = """{"values":{"on-duty":2,"party-members":1,"tested":40,"supplies-delivered":7,"sampling-rounds":3}}""";

    private static string NewClientId() => Guid.NewGuid().ToString();

    private async Task<HttpClient> AdminAsync() => app.CreateClient(await app.TokenAsync([Roles.Admin]));

    /// <summary>Binds through the API as an Admin, then takes the app's token from the development token route.</summary>
    private async Task<HttpClient> BoundAppAsync(string clientId, string unitId = "unit-a")
    {
        using var admin = await AdminAsync();
        var bound = await admin.PutAsJsonAsync($"/api/apps/{clientId}", new { unitId, name = "医保局上报系统" });
        Assert.True(bound.StatusCode == HttpStatusCode.Created, await bound.Content.ReadAsStringAsync());
        using var anonymous = app.CreateClient();
        var token = await anonymous.PostAsJsonAsync("/api/dev/token", new { clientId });
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
        return app.CreateClient((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Put(string path, string json, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(json) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotentRequests.Header, key);
        }

        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<IReadOnlyList<Submission>> HistoryAsync(string site, string unit = "unit-a") =>
        app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today, site, unit, CancellationToken.None);

    [Fact]
    public async Task A_bound_applications_token_reports_for_its_unit_and_the_counts_land()
    {
        using var system = await BoundAppAsync(NewClientId());

        var response = await system.PutAsync($"/api/sites/site-2/counts/{CountsApp.Day()}", Json(TestingPointJson));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var version = Assert.Single(await HistoryAsync("site-2"));
        Assert.Equal(40, version.Figures.Tested);
        Assert.Equal(3, version.Figures["sampling-rounds"]);
        Assert.Contains("医保局上报系统", version.SubmittedBy, StringComparison.Ordinal);
        var day = await system.GetFromJsonAsync<JsonElement>($"/api/units/unit-a/counts?day={CountsApp.Day()}");
        Assert.Contains("site-2", day.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bound_application_is_refused_for_another_units_sites_and_batches_and_nothing_is_stored()
    {
        using var system = await BoundAppAsync(NewClientId());
        var before = await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts], queues: false);

        await ProblemAsync(await system.PutAsync($"/api/sites/site-3/counts/{CountsApp.Day()}?unitId=unit-b", Json(CountsJson)), HttpStatusCode.Forbidden);
        await ProblemAsync(await system.PostAsync($"/api/units/unit-b/counts/{CountsApp.Day()}",
            Json("""{"rows":[{"siteId":"site-3","onDuty":1,"partyMembers":1,"tested":1,"peopleChecked":1,"vehiclesChecked":1,"suppliesDelivered":1,"householdsVisited":1}]}""")), HttpStatusCode.Forbidden);
        await ProblemAsync(await system.GetAsync($"/api/completeness?day={CountsApp.Day()}"), HttpStatusCode.Forbidden);

        Assert.Equal(before, await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts], queues: false));
    }

    [Fact]
    public async Task An_unbound_application_is_refused_with_how_to_get_bound()
    {
        var clientId = NewClientId();
        using var system = app.CreateClient(app.Get<DevelopmentTokenIssuer>().IssueApp(clientId, [Roles.Reporter], TimeSpan.FromHours(1)));
        var before = await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts], queues: false);

        var problem = await ProblemAsync(await system.PutAsync($"/api/sites/site-1/counts/{CountsApp.Day()}", Json(CountsJson)), HttpStatusCode.Forbidden);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(clientId, detail, StringComparison.Ordinal);
        Assert.Contains($"PUT /api/apps/", detail, StringComparison.Ordinal);
        Assert.Contains("For a unit's IT department", detail, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts], queues: false));
    }

    [Fact]
    public async Task A_token_whose_unit_id_disagrees_with_its_applications_binding_is_refused()
    {
        var clientId = NewClientId();
        (await BoundAppAsync(clientId)).Dispose();
        using var system = app.CreateClient(app.Get<DevelopmentTokenIssuer>().IssueApp(clientId, [Roles.Reporter], TimeSpan.FromHours(1), unitIdClaim: "unit-b"));

        var problem = await ProblemAsync(await system.PutAsync($"/api/sites/site-3/counts/{CountsApp.Day()}", Json(CountsJson)), HttpStatusCode.Forbidden);

        Assert.Contains("unit_id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await HistoryAsync("site-3", "unit-b"));
    }

    [Fact]
    public async Task An_application_token_without_the_Reporter_role_or_claiming_Coordinator_reports_nothing()
    {
        var clientId = NewClientId();
        (await BoundAppAsync(clientId)).Dispose();
        var issuer = app.Get<DevelopmentTokenIssuer>();
        using var roleless = app.CreateClient(issuer.IssueApp(clientId, [Roles.Coordinator], TimeSpan.FromHours(1)));

        await ProblemAsync(await roleless.PutAsync($"/api/sites/site-3/counts/{CountsApp.Day()}?unitId=unit-b", Json(CountsJson)), HttpStatusCode.Forbidden);
        await ProblemAsync(await roleless.GetAsync($"/api/completeness?day={CountsApp.Day()}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unbinding_stops_the_application_at_once_and_the_list_shows_bindings_with_unit_names()
    {
        var clientId = NewClientId();
        using var system = await BoundAppAsync(clientId);
        using var admin = await AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/apps");
        var item = list.GetProperty("items").EnumerateArray().Single(entry => entry.GetProperty("clientId").GetString() == clientId);
        Assert.Equal("南京市医保局", item.GetProperty("unitName").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/apps/{clientId.ToUpperInvariant()}")).StatusCode);

        await ProblemAsync(await system.PutAsync($"/api/sites/site-1/counts/{CountsApp.Day()}", Json(CountsJson)), HttpStatusCode.Forbidden);
        await ProblemAsync(await admin.GetAsync($"/api/apps/{clientId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_Admin_binds_and_a_bad_client_id_or_unit_is_named()
    {
        var clientId = NewClientId();
        var body = new { unitId = "unit-a", name = "系统" };
        foreach (var token in new[] { await app.TokenAsync([Roles.Coordinator]), await app.TokenAsync([Roles.Reporter], "unit-a") })
        {
            using var notAdmin = app.CreateClient(token);
            await ProblemAsync(await notAdmin.PutAsJsonAsync($"/api/apps/{clientId}", body), HttpStatusCode.Forbidden);
            await ProblemAsync(await notAdmin.GetAsync("/api/apps"), HttpStatusCode.Forbidden);
            await ProblemAsync(await notAdmin.DeleteAsync($"/api/apps/{clientId}"), HttpStatusCode.Forbidden);
        }

        using var admin = await AdminAsync();
        var badId = await ProblemAsync(await admin.PutAsJsonAsync("/api/apps/not-a-guid", body), HttpStatusCode.BadRequest);
        Assert.True(badId.GetProperty("errors").TryGetProperty("clientId", out _));
        var badUnit = await ProblemAsync(await admin.PutAsJsonAsync($"/api/apps/{clientId}", new { unitId = "unit-zz", name = "系统" }), HttpStatusCode.BadRequest);
        Assert.True(badUnit.GetProperty("errors").TryGetProperty("unitId", out _));
        await ProblemAsync(await admin.GetAsync($"/api/apps/{clientId}"), HttpStatusCode.NotFound);

        using var anonymous = app.CreateClient();
        var unboundToken = await ProblemAsync(await anonymous.PostAsJsonAsync("/api/dev/token", new { clientId }), HttpStatusCode.BadRequest);
        Assert.True(unboundToken.GetProperty("errors").TryGetProperty("clientId", out _));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_and_body_replays_the_first_answer_and_another_body_is_a_422()
    {
        using var system = await BoundAppAsync(NewClientId());
        var path = $"/api/sites/site-1/counts/{CountsApp.Day()}";
        var key = Guid.NewGuid().ToString();

        var first = await system.SendAsync(Put(path, CountsJson, key));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);
        Assert.False(first.Headers.Contains(IdempotentRequests.ReplayedHeader));

        var again = await system.SendAsync(Put(path, CountsJson, $"\"{key}\""));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues(IdempotentRequests.ReplayedHeader).Single());
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal("application/json", again.Content.Headers.ContentType?.MediaType);

        var before = await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts, TableNames.IdempotencyKeys], queues: false);
        var other = await ProblemAsync(await system.SendAsync(Put(path, CountsJson.Replace("\"tested\":40", "\"tested\":41", StringComparison.Ordinal), key)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", other.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts, TableNames.IdempotencyKeys], queues: false));
        Assert.Single(await HistoryAsync("site-1"));
    }

    [Fact]
    public async Task A_key_belongs_to_its_caller_and_a_batch_replays_too()
    {
        using var system = await BoundAppAsync(NewClientId());
        using var reporter = app.CreateClient(await app.TokenAsync([Roles.Reporter], "unit-a"));
        var key = Guid.NewGuid().ToString();
        var csv = "siteId,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited\nsite-2,2,1,9,0,0,1,0\n";
        HttpRequestMessage Batch()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/units/unit-a/counts/{CountsApp.Day(1)}") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            request.Headers.TryAddWithoutValidation(IdempotentRequests.Header, key);
            return request;
        }

        var first = await system.SendAsync(Batch());
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.IsSuccessStatusCode, firstBody);
        var replay = await system.SendAsync(Batch());
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.True(replay.Headers.Contains(IdempotentRequests.ReplayedHeader));

        // The same key from someone else is their own key: answered afresh (the same counts again change nothing).
        var person = await reporter.SendAsync(Batch());
        Assert.True(person.IsSuccessStatusCode, await person.Content.ReadAsStringAsync());
        Assert.False(person.Headers.Contains(IdempotentRequests.ReplayedHeader));
        Assert.Single(await app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today.AddDays(-1), "site-2", "unit-a", CancellationToken.None));
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_gets_a_409_and_a_malformed_key_a_400()
    {
        var clientId = NewClientId();
        using var system = await BoundAppAsync(clientId);
        var key = "still-running-" + Guid.NewGuid().ToString("N");
        var caller = new Caller("sp", null, new HashSet<string>(), "unit-a") { ApplicationId = clientId };
        Assert.IsType<IdempotencyClaim.Began>(await app.Get<IdempotencyStore>().BeginAsync(IdempotentRequests.KeyHash(caller, key), "another request", CancellationToken.None));
        var path = $"/api/sites/site-1/counts/{CountsApp.Day(2)}";

        await ProblemAsync(await system.SendAsync(Put(path, CountsJson, key)), HttpStatusCode.Conflict);

        var before = await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts, TableNames.IdempotencyKeys], queues: false);
        foreach (var malformed in new[] { "has space", "a,b", new string('k', 256), "\"unterminated", "键" })
        {
            var problem = await ProblemAsync(await system.SendAsync(Put(path, CountsJson, malformed)), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(IdempotentRequests.Header, out _), malformed);
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts, TableNames.IdempotencyKeys], queues: false));
    }

    [Fact]
    public async Task An_applications_writes_past_its_rate_get_429_with_Retry_After_and_other_callers_carry_on()
    {
        using var system = await BoundAppAsync(NewClientId());
        using var other = await BoundAppAsync(NewClientId());
        var path = $"/api/sites/site-1/counts/{CountsApp.Day(1)}";
        for (var i = 0; i < App.WritesPerMinute; i++)
        {
            var accepted = await system.PutAsync(path, Json(CountsJson));
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }

        var refused = await system.PutAsync(path, Json(CountsJson));

        var problem = await ProblemAsync(refused, (HttpStatusCode)429);
        Assert.Contains("azp", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync($"/api/units/unit-a/counts?day={CountsApp.Day(1)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PutAsync(path, Json(CountsJson))).StatusCode);
    }
}
