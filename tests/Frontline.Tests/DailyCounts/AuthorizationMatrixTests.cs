using System.Net;
using System.Net.Http.Headers;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.DailyCounts;

/// <summary>
/// Every protected route against every kind of caller: each gets exactly its status, and a refused call leaves
/// every table exactly as it was.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    public sealed class App : CountsApp
    {
        public Dictionary<string, string?> Tokens { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Tokens["anonymous"] = null;
            Tokens["reporterA"] = await TokenAsync(["Reporter"], "unit-a");
            Tokens["reporterB"] = await TokenAsync(["Reporter"], "unit-b");
            Tokens["coordinator"] = await TokenAsync(["Coordinator"]);
            Tokens["admin"] = await TokenAsync(["Admin"]);
            Tokens["expired"] = ExpiredToken();
            Tokens["otherIssuer"] = ForeignToken();
            Tokens["noRoles"] = await TokenAsync([], "unit-a");

            // A unit's system: bound to unit-a it is a reporter of unit-a; unbound it is nobody.
            await Get<Frontline.Applications.ApplicationBindingStore>().BindAsync(
                new(BoundApp, "unit-a", "医保局上报系统", "test", DateTimeOffset.UtcNow), CancellationToken.None);
            var issuer = Get<Frontline.Security.DevelopmentTokenIssuer>();
            Tokens["appA"] = issuer.IssueApp(BoundApp, ["Reporter"], TimeSpan.FromHours(1));
            Tokens["appUnbound"] = issuer.IssueApp("99999999-0000-4000-8000-000000000000", ["Reporter"], TimeSpan.FromHours(1));
        }

        public const string BoundApp = "11111111-0000-4000-8000-000000000000";
    }

    private static readonly string Today = CountsApp.Day();

    // Declared before Routes, which reads it while the class initializes.
    private static readonly string BatchBody = $$"""{"from":"{{Today}}","to":"{{Today}}","sites":[{"siteId":"site-1","people":2}],"names":[{"name":"李春雷"}]}""";

    private const string StrangerId = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private const string TeamBody = $$"""{"name":"突击队","kind":"commando","siteIds":["site-1"],"leaderId":"{{StrangerId}}","memberIds":["{{StrangerId}}"]}""";

    private const string CountsBody = """{"onDuty":1,"partyMembers":1,"tested":1,"peopleChecked":1,"vehiclesChecked":1,"suppliesDelivered":1,"householdsVisited":1}""";

    // route: method, path, body (json unless it starts with "csv:"), then the status per caller in the order:
    // anonymous, reporterA, reporterB, coordinator, admin, expired, otherIssuer, noRoles, appA (an app-only token of an
    // application bound to unit-a: exactly reporterA), appUnbound (an application bound to no unit: 403 everywhere).
    // A token with no roles is refused by Microsoft.Identity.Web's own validation (no scp or roles claim): 401.
    private static readonly (string Name, string Method, string Path, string? Body, int[] Expected)[] Routes =
    [
        ("submit counts", "PUT", $"/api/sites/site-1/counts/{Today}", CountsBody, [401, 200, 403, 400, 400, 401, 401, 401, 200, 403]),
        ("submit counts for a unit", "PUT", $"/api/sites/site-1/counts/{Today}?unitId=unit-a", CountsBody, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("counts history", "GET", $"/api/sites/site-1/counts/{Today}/history?unitId=unit-a", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("reopen a day", "POST", $"/api/sites/site-1/counts/{CountsApp.Day(5)}/reopen", null, [401, 403, 403, 204, 204, 401, 401, 401, 403, 403]),
        ("a unit's day", "GET", $"/api/units/unit-a/counts?day={Today}", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("batch of counts", "POST", $"/api/units/unit-a/counts/{Today}", "csv:siteId,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited\nsite-2,1,1,1,0,0,1,0\n", [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("count template xlsx", "GET", "/api/units/unit-a/counts-template.xlsx", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("count template csv", "GET", $"/api/units/unit-a/counts-template.csv?day={Today}", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("completeness", "GET", $"/api/completeness?day={Today}", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("flagged counts", "GET", $"/api/counts/flagged?day={Today}", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("import units", "POST", "/api/units/import", "csv:" + CatalogImport.UnitsHeader + "\nunit-c,新单位,,,,\n", [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("import sites", "POST", "/api/sites/import", "csv:" + CatalogImport.SitesHeader + "\nsite-9,新点位,checkpoint,,,某社区,,,5,,,\n", [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("import areas", "POST", "/api/areas", "csv:" + Frontline.Areas.AreaImport.Header + "\n320000,江苏省,province,\n", [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("volunteer list", "GET", "/api/volunteers?unitId=unit-a&take=10", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("reassign a volunteer", "POST", "/api/volunteers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/reassign", """{"siteId":"site-2"}""", [401, 403, 403, 404, 404, 401, 401, 401, 403, 403]),
        ("send reminders", "POST", "/api/reminders", $$"""{"day":"{{Today}}","unitIds":["unit-b"]}""", [401, 403, 403, 202, 202, 401, 401, 401, 403, 403]),
        ("reminder outbox", "GET", $"/api/reminders/outbox?day={Today}", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("poison queues", "GET", "/api/queues/poison", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("replay a poison message", "POST", "/api/queues/reminders/poison/no-such-message/replay", null, [401, 403, 403, 404, 404, 401, 401, 401, 403, 403]),
        ("export volunteers csv", "GET", "/api/exports/volunteers.csv", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("export volunteers xlsx", "GET", "/api/exports/volunteers.xlsx", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("export counts csv", "GET", $"/api/exports/counts.csv?from={Today}&to={Today}", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("export counts xlsx", "GET", "/api/exports/counts.xlsx", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("export completeness csv", "GET", $"/api/exports/completeness.csv?day={Today}", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("export completeness xlsx", "GET", "/api/exports/completeness.xlsx", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("list application bindings", "GET", "/api/apps", null, [401, 403, 403, 403, 200, 401, 401, 401, 403, 403]),
        ("read an application binding", "GET", $"/api/apps/{App.BoundApp}", null, [401, 403, 403, 403, 200, 401, 401, 401, 403, 403]),
        ("bind an application", "PUT", "/api/apps/22222222-0000-4000-8000-000000000000", """{"unitId":"unit-b","name":"房产局系统"}""", [401, 403, 403, 403, 201, 401, 401, 401, 403, 403]),
        ("unbind an application", "DELETE", "/api/apps/33333333-0000-4000-8000-000000000000", null, [401, 403, 403, 403, 404, 401, 401, 401, 403, 403]),
        ("list a unit's batches", "GET", $"/api/units/unit-a/batches?day={Today}", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("record a batch", "POST", "/api/units/unit-a/batches", BatchBody, [401, 201, 403, 201, 201, 401, 401, 401, 201, 403]),
        ("withdraw a batch", "POST", "/api/units/unit-a/batches/20220317-abcdefgh/withdraw", null, [401, 404, 403, 404, 404, 401, 401, 401, 404, 403]),
        ("a site's staffing", "GET", $"/api/sites/site-1/staffing?day={Today}", null, [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("read a shift pattern", "GET", "/api/sites/site-1/shift-pattern", null, [401, 404, 404, 404, 404, 401, 401, 401, 404, 403]),
        ("set a shift pattern", "PUT", "/api/sites/site-2/shift-pattern", """{"shifts":[{"start":"08:00","end":"12:00"},{"start":"12:00","end":"16:00"}]}""", [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("set a volunteer's shifts", "PUT", $"/api/volunteers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/shifts/{Today}", """{"shifts":[]}""", [401, 404, 404, 404, 404, 401, 401, 401, 404, 403]),
        ("a volunteer's shifts", "GET", "/api/volunteers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/shifts", null, [401, 404, 404, 404, 404, 401, 401, 401, 404, 403]),
        ("a site's duty", "GET", $"/api/sites/site-1/duty?day={Today}", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("list a unit's people", "GET", "/api/units/unit-a/volunteers?take=10", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        ("list a unit's teams", "GET", "/api/units/unit-a/teams", null, [401, 200, 403, 200, 200, 401, 401, 401, 200, 403]),
        // No volunteer has this id, so a caller who may form the team is answered 400 naming memberIds[0], the others 401/403.
        ("form a team", "POST", "/api/units/unit-a/teams", TeamBody, [401, 400, 403, 400, 400, 401, 401, 401, 400, 403]),
        ("change a team", "PUT", "/api/units/unit-a/teams/t-0123456789", TeamBody, [401, 428, 403, 428, 428, 401, 401, 401, 428, 403]),
        ("set a volunteer's role", "PUT", $"/api/volunteers/{StrangerId}/role", """{"role":"member"}""", [401, 404, 404, 404, 404, 401, 401, 401, 404, 403]),
        ("set a site's duty phone", "PUT", "/api/sites/site-1/duty-phone", """{"dutyPhone":"028-8662 0000"}""", [401, 403, 403, 200, 200, 401, 401, 401, 403, 403]),
        ("read the indicators", "GET", "/api/indicators?siteType=checkpoint", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("read an indicator version", "GET", "/api/indicator-versions/1", null, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ("define an indicator", "PUT", "/api/indicators/matrix-figure", IndicatorBody, [401, 403, 403, 403, 201, 401, 401, 401, 403, 403]),
        ("retire an indicator", "POST", "/api/indicators/duty-hours/retirement", null, [401, 403, 403, 403, 200, 401, 401, 401, 403, 403]),
        ("delete an indicator", "DELETE", "/api/indicators/no-such-figure", null, [401, 403, 403, 403, 404, 401, 401, 401, 403, 403]),
        ("change the indicator rules", "PUT", "/api/indicator-rules", IndicatorRulesBody, [401, 403, 403, 403, 200, 401, 401, 401, 403, 403]),
    ];

    private const string IndicatorBody = """{"nameZh":"矩阵测试","nameEn":"Matrix figure","unit":"人","kind":"count","aggregation":"sum","max":10,"siteTypes":["checkpoint"]}""";

    private const string IndicatorRulesBody = """{"rules":[{"kind":"at-most","code":"party-members","atMost":"on-duty"},{"kind":"at-most-assigned","code":"on-duty"}]}""";

    private static readonly string[] Callers = ["anonymous", "reporterA", "reporterB", "coordinator", "admin", "expired", "otherIssuer", "noRoles", "appA", "appUnbound"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes)
        {
            foreach (var caller in Callers)
            {
                data.Add(route.Name, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_exactly_its_status_and_a_refused_call_writes_nothing(string routeName, string caller)
    {
        var route = Routes.Single(candidate => candidate.Name == routeName);
        var expected = route.Expected[Array.IndexOf(Callers, caller)];
        var before = await SnapshotAsync();
        using var client = app.CreateClient();
        if (app.Tokens[caller] is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Body is { } body)
        {
            request.Content = body.StartsWith("csv:", StringComparison.Ordinal)
                ? new StringContent(body[4..], System.Text.Encoding.UTF8, "text/csv")
                : new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    /// <summary>Everything a call could have written, except the queue (the counts message is announced first, by design).</summary>
    private Task<string> SnapshotAsync() =>
        StorageSnapshot.TakeAsync(app.Storage, [TableNames.DailyCounts, TableNames.Deployment, TableNames.Volunteers, TableNames.VolunteerDirectory, TableNames.ApplicationBindings, TableNames.IdempotencyKeys, TableNames.Indicators, TableNames.Areas, TableNames.DispatchBatches, TableNames.Shifts, TableNames.Teams], queues: false);
}
