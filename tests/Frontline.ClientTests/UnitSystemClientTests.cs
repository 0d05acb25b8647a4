using Frontline.ClientTests.Generated;
using Frontline.ClientTests.Generated.Models;
using Frontline.Tests.DailyCounts;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Frontline.ClientTests;

/// <summary>
/// A dispatching unit's own system, written against the client Kiota generated from <c>/api/openapi.json</c> and
/// signed in with an app-only token of an application bound to the unit: it submits a day's counts for the unit's
/// sites, reads a site's history back, and gets a typed problem for a bad row.
/// </summary>
public sealed class UnitSystemClientTests(CountsApp app) : IClassFixture<CountsApp>
{
    private const string Unit = "unit-a";

    [Fact]
    public async Task A_unit_s_system_submits_a_day_for_its_sites_and_reads_a_site_s_history_back()
    {
        var client = await ClientForUnitAsync(Unit);
        var day = CountsApp.Day();

        var rows = await client.Units[Unit].Counts[day].PostAsync(new CountsBatchRequest
        {
            Rows =
            [
                new CountsBatchRow { SiteId = "site-1", OnDuty = 3, PartyMembers = 2, Tested = 120, PeopleChecked = 80, VehiclesChecked = 14, SuppliesDelivered = 6, HouseholdsVisited = 30, Highlight = "协助完成沪宁高速主线查验" },
                new CountsBatchRow { SiteId = "site-2", OnDuty = 2, PartyMembers = 1, Tested = 300, PeopleChecked = 0, VehiclesChecked = 0, SuppliesDelivered = 4, HouseholdsVisited = 0 },
            ],
        });

        Assert.NotNull(rows);
        Assert.Equal([200, 200], rows.Select(row => row.Status));
        Assert.All(rows, row => Assert.Equal(Unit, row.Result!.UnitId));

        var history = await client.Sites["site-1"].Counts[day].History.GetAsync();

        var version = Assert.Single(history!);
        Assert.Equal(3, version.Figures!.OnDuty);
        Assert.Equal(120, version.Figures.Tested);
        Assert.Equal("协助完成沪宁高速主线查验", version.Highlight);
    }

    [Fact]
    public async Task A_bad_row_comes_back_as_a_typed_problem_naming_the_row_and_field()
    {
        var client = await ClientForUnitAsync(Unit);

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => client.Units[Unit].Counts[CountsApp.Day(1)].PostAsync(new CountsBatchRequest
        {
            Rows = [new CountsBatchRow { SiteId = "site-1", OnDuty = -5, PartyMembers = 0, Tested = 0, PeopleChecked = 0, VehiclesChecked = 0, SuppliesDelivered = 0, HouseholdsVisited = 0 }],
        }));

        Assert.Equal(400, problem.Status);
        Assert.Equal("No row was accepted.", problem.Title);
        Assert.Contains(problem.Errors!.AdditionalData.Keys, key => key.StartsWith("rows[1].onDuty", StringComparison.Ordinal));
    }

    private async Task<FrontlineClient> ClientForUnitAsync(string unitId)
    {
        var http = app.CreateClient();
        var token = await UnitTokenAsync(unitId);
        var adapter = new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new FixedToken(token)), httpClient: http)
        {
            BaseUrl = new Uri(http.BaseAddress!, "/api").ToString(),
        };
        return new FrontlineClient(adapter);
    }

    /// <summary>
    /// Where the unit's system gets its token, as in production: an Admin binds the unit's Entra ID application (its
    /// client id) to the unit, then the system signs in with client credentials and gets an app-only token with the
    /// Reporter role. Locally the development token route stands in for Entra ID's token endpoint, for a bound app only.
    /// </summary>
    private async Task<string> UnitTokenAsync(string unitId)
    {
        FrontlineClient ClientWith(IAuthenticationProvider authentication) => new(new HttpClientRequestAdapter(authentication, httpClient: app.CreateClient())
        {
            BaseUrl = new Uri(app.Server.BaseAddress, "/api").ToString(),
        });

        var anonymous = ClientWith(new AnonymousAuthenticationProvider());
        var admin = (await anonymous.Dev.Token.PostAsync(new DevTokenRequest { Roles = ["Admin"], Name = "管理员" }))!.AccessToken!;
        var clientId = Guid.NewGuid().ToString();
        var binding = await ClientWith(new BaseBearerTokenAuthenticationProvider(new FixedToken(admin))).Apps[clientId]
            .PutAsync(new ApplicationBindingRequest { UnitId = unitId, Name = "单位报送系统" });
        Assert.Equal(unitId, binding!.UnitId);

        var issued = await anonymous.Dev.Token.PostAsync(new DevTokenRequest { ClientId = clientId, Roles = ["Reporter"] });
        return issued!.AccessToken!;
    }

    private sealed class FixedToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
