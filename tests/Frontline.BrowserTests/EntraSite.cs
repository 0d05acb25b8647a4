using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// The site as the azd hook deploys it: config.json names the app registration. Entra ID itself is not reachable
/// here, so every request to it is refused once seen. Shared by the pages that sign in (portal, console).
/// </summary>
public static class EntraSite
{
    private const string ClientId = "6c1a4b3e-0000-4000-8000-000000000001";
    private const string Scope = $"api://{ClientId}/access_as_user";

    /// <summary>Serves the deployed config.json to <paramref name="page"/>; the list fills with any CSP violation it logs.</summary>
    public static async Task<List<string>> DeployedAsync(IPage page)
    {
        await page.RouteAsync("**/config.json", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = $$"""{"apiBaseUrl":"","entraClientId":"{{ClientId}}","entraTenantId":"contoso.onmicrosoft.com","entraApiScope":"{{Scope}}"}""",
        }));
        await page.RouteAsync("https://login.microsoftonline.com/**", route => route.AbortAsync());
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    /// <summary>
    /// MSAL sends the browser to the tenant's authorize endpoint for the API's scope, with PKCE, and asks for the
    /// answer at the redirect bridge.
    /// </summary>
    public static void AssertAuthorizeRequest(string url, Uri siteAddress)
    {
        Assert.StartsWith("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?", url, StringComparison.Ordinal);
        Assert.Contains($"client_id={ClientId}&", url, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(siteAddress + "auth-redirect.html") + "&", url, StringComparison.Ordinal);
        Assert.Contains("scope=" + Uri.EscapeDataString(Scope), url, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", url, StringComparison.Ordinal);
    }
}
