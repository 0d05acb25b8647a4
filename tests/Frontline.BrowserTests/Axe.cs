using System.Text.Json;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>axe-core, pinned in web/package.json, run inside the page.</summary>
public static class Axe
{
    private static readonly string Script = File.ReadAllText(Path.Combine(SiteFixture.RepoRootPath, "web", "node_modules", "axe-core", "axe.min.js"));

    /// <summary>Runs axe-core in the page; the script is served from the page's own origin so the site's CSP (script-src 'self') stays on.</summary>
    public static async Task<List<JsonElement>> RunAsync(IPage page)
    {
        await page.RouteAsync("**/__axe/axe.min.js", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = Script }));
        await page.AddScriptTagAsync(new() { Url = "/__axe/axe.min.js" });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })));
            }
            """);
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
    }


    public static bool IsSerious(JsonElement violation) => violation.GetProperty("impact").GetString() is "serious" or "critical";

    public static string Describe(JsonElement v) => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()}\n    "
        + string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));

    /// <summary>Fails with every serious or critical violation listed.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var serious = (await RunAsync(page)).Where(IsSerious).Select(Describe).ToList();
        Assert.True(serious.Count == 0, $"{what} has serious or critical accessibility violations:\n" + string.Join("\n", serious));
    }
}
