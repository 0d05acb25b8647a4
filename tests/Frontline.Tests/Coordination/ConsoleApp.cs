using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Coordination;

/// <summary>The counts fixture's units and sites, with a coordinator, an admin, and volunteers registered through the real queue.</summary>
public class ConsoleApp : CountsApp
{
    public HttpClient Coordinator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient ReporterA { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Coordinator = CreateClient(await TokenAsync(["Coordinator"]));
        Admin = CreateClient(await TokenAsync(["Admin"]));
        ReporterA = CreateClient(await TokenAsync(["Reporter"], "unit-a"));
    }

    public override async Task DisposeAsync()
    {
        Coordinator.Dispose();
        Admin.Dispose();
        ReporterA.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Registers through the public form and waits until the processor has placed the volunteer; returns the volunteer id.</summary>
    public async Task<string> RegisterAsync(string name, string phone, string unitId, string? community = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/registrations", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["phone"] = phone,
            ["workUnit"] = unitId,
            ["partyMember"] = true,
            ["partyBranch"] = "机关第一党支部",
            ["homeCommunity"] = community,
            ["skills"] = new[] { Skills.GateControl },
            ["availableFrom"] = Day(),
            ["availableTo"] = Today.AddDays(30).ToString("O"),
            ["consent"] = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!;
        await EventuallyAsync(
            async () => (await client.GetFromJsonAsync<RegistrationStatus>(receipt.StatusUrl))!,
            status => status.Status != VolunteerStatus.Received);
        return receipt.RegistrationId;
    }

    public async Task<JsonElement> SiteAsync(string siteId)
    {
        using var client = CreateClient();
        var sites = JsonDocument.Parse(await client.GetStringAsync("/api/sites")).RootElement;
        return sites.EnumerateArray().Single(site => site.GetProperty("id").GetString() == siteId).Clone();
    }
}
