using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Sites;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Hostile;

/// <summary>
/// Markup is refused at the door, but text that is already stored (seeds, data from before the rule, a store
/// written by hand) must still come back inert: escaped in every JSON answer, in bulletin HTML and in the feed.
/// </summary>
public sealed class ScriptEscapingTests
{
    private const string Script = "<script>alert(1)</script>";

    [Fact]
    public async Task Stored_script_in_unit_and_site_names_and_highlights_comes_back_escaped_in_json_bulletins_and_the_feed()
    {
        await using var app = new CountsApp();
        await app.InitializeAsync();
        var catalogStore = app.Get<CatalogStore>();
        await catalogStore.ImportUnitsAsync([new UnitDefinition("unit-a", "单位" + Script, null, null, null, ["site-1", "site-2", "site-closed"])], CancellationToken.None);
        await catalogStore.ImportSitesAsync([new SiteDefinition("site-1", "点位" + Script, SiteTypes.Checkpoint, "区" + Script, null, "社区" + Script, "路" + Script, null, 10, [], null, null)], CancellationToken.None);
        var yesterday = CountsApp.Today.AddDays(-1);
        await app.Get<DailyCountRecorder>().RecordAsync("unit-a", "site-1", yesterday, new ValidCounts(new CountFigures(1, 1, 7, 0, 0, 0, 0), "动态" + Script), "test", null, CancellationToken.None);
        await FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(yesterday, CancellationToken.None), rollUp => rollUp.Reports == 1);
        var published = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single();
        using var client = app.CreateClient();
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));

        foreach (var (path, reader) in new (string, HttpClient)[]
        {
            ("/api/sites", client),
            ("/api/units", client),
            ($"/api/bulletins/{published.Year}/{published.Number}", client),
            ($"/api/sites/site-1/counts/{yesterday:yyyy-MM-dd}/history?unitId=unit-a", coordinator),
            ($"/api/completeness?day={yesterday:yyyy-MM-dd}", coordinator),
        })
        {
            var raw = await reader.GetStringAsync(path);
            Assert.DoesNotContain("<script", raw, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("alert(1)", raw, StringComparison.Ordinal);
        }

        // The JSON carries the text as it was, escaped on the wire; the bulletin's HTML escapes it for the page.
        var sites = await client.GetFromJsonAsync<JsonElement>("/api/sites");
        Assert.Contains(sites.EnumerateArray(), site => site.GetProperty("name").GetString() == "点位" + Script);
        var html = (await client.GetFromJsonAsync<JsonElement>($"/api/bulletins/{published.Year}/{published.Number}")).GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);

        // In the feed, the HTML content is itself escaped once more as XML text: parsing gives back the escaped HTML.
        var feed = await client.GetStringAsync("/api/bulletins/feed");
        Assert.DoesNotContain("<script", feed, StringComparison.OrdinalIgnoreCase);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var content = XDocument.Parse(feed).Root!.Elements(atom + "entry").Single().Element(atom + "content")!.Value;
        Assert.DoesNotContain("<script", content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Angle_brackets_that_are_not_markup_are_accepted_and_answered_escaped()
    {
        await using var app = new CountsApp();
        await app.InitializeAsync();
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        const string Highlight = "排队<5分钟，a < b & c > d";

        var put = await reporter.PutAsJsonAsync($"/api/sites/site-1/counts/{CountsApp.Day()}",
            new { onDuty = 3, partyMembers = 1, tested = 10, peopleChecked = 0, vehiclesChecked = 0, suppliesDelivered = 0, householdsVisited = 0, highlight = Highlight });
        Assert.Equal(System.Net.HttpStatusCode.OK, put.StatusCode);

        var raw = await reporter.GetStringAsync($"/api/sites/site-1/counts/{CountsApp.Day()}/history");
        Assert.DoesNotContain("<5", raw, StringComparison.Ordinal);
        Assert.Equal(Highlight, JsonDocument.Parse(raw).RootElement[0].GetProperty("highlight").GetString());
    }
}
