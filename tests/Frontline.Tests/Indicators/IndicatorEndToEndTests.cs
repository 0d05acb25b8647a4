using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Security;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Indicators;

/// <summary>
/// Issue 20's first "done when": an Admin defines an indicator through the API, a testing point reports it, and it shows
/// in the roll-up, the public series the dashboard draws, both exports and the next bulletin; a compound, which the
/// definition does not name, is refused it and nothing is stored.
/// </summary>
public sealed class IndicatorEndToEndTests(IndicatorEndToEndTests.App app) : IClassFixture<IndicatorEndToEndTests.App>
{
    /// <summary>The counts fixture's units and sites, with bulletins published by the timer's service without review.</summary>
    public sealed class App : CountsApp
    {
        public override Task InitializeAsync()
        {
            Settings["BulletinSchedule"] = "0 0 0 1 1 *";
            Settings["Frontline:Bulletins:RequireReview"] = "false";
            return base.InitializeAsync();
        }
    }

    private const string Code = "temperatures-taken";

    [Fact]
    public async Task A_new_indicator_defined_through_the_API_is_reported_rolled_up_exported_and_written_into_the_next_bulletin()
    {
        using var admin = app.CreateClient(await app.TokenAsync([Roles.Admin]));
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        using var anonymous = app.CreateClient();
        var yesterday = CountsApp.Day(1);

        var definition = """{"nameZh":"体温检测","nameEn":"Temperatures taken","unit":"人次","kind":"count","aggregation":"sum","min":0,"max":20000,"siteTypes":["testing-point"],"required":false,"order":85}""";
        using (var created = await admin.PutAsync($"/api/indicators/{Code}", new StringContent(definition, Encoding.UTF8, "application/json")))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        // The testing point's form asks for it, the compound's does not.
        var testingPointForm = await anonymous.GetFromJsonAsync<JsonElement>("/api/indicators?siteType=testing-point");
        Assert.Contains(Code, Codes(testingPointForm));
        Assert.DoesNotContain(Code, Codes(await anonymous.GetFromJsonAsync<JsonElement>("/api/indicators?siteType=compound")));

        // At a compound: a 400 naming the value, and no version stored.
        using (var refused = await reporter.PutAsJsonAsync($"/api/sites/site-1/counts/{yesterday}", new
        {
            values = new Dictionary<string, decimal> { ["on-duty"] = 3, ["party-members"] = 1, ["tested"] = 0, ["people-checked"] = 0, ["vehicles-checked"] = 0, ["supplies-delivered"] = 0, ["households-visited"] = 0, [Code] = 50 },
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty($"values.{Code}", out _), problem.ToString());
        }

        Assert.Empty(await app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today.AddDays(-1), "site-1", "unit-a", CancellationToken.None));

        // At the testing point: stored with the version it was checked against, and summed.
        using (var accepted = await reporter.PutAsJsonAsync($"/api/sites/site-2/counts/{yesterday}", new
        {
            values = new Dictionary<string, decimal> { ["on-duty"] = 2, ["party-members"] = 1, ["tested"] = 300, ["supplies-delivered"] = 0, [Code] = 120 },
        }))
        {
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }

        var version = Assert.Single(await app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today.AddDays(-1), "site-2", "unit-a", CancellationToken.None));
        Assert.Equal(testingPointForm.GetProperty("version").GetInt32(), version.IndicatorVersion);
        var rollUp = await FrontlineApp.EventuallyAsync(
            () => app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today.AddDays(-1), CancellationToken.None), day => day.Reports == 1);
        Assert.Equal(120m, rollUp.Total[Code]);
        Assert.Equal(120m, rollUp.BySite["site-2"][Code]);

        // The public series the dashboard draws, by code, and the definitions that name it.
        var series = await anonymous.GetFromJsonAsync<JsonElement>($"/api/stats/daily?from={yesterday}&to={yesterday}");
        Assert.Equal(120m, series.GetProperty("days")[0].GetProperty("values").GetProperty(Code).GetDecimal());
        Assert.Contains(Code, Codes(await anonymous.GetFromJsonAsync<JsonElement>("/api/indicators")));

        // Both exports: a column named with its unit, the value on the testing point's row.
        var csv = await coordinator.GetStringAsync($"/api/exports/counts.csv?from={yesterday}&to={yesterday}");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "体温检测（人次）");
        Assert.True(column > 0, lines[0]);
        Assert.Equal("120", Assert.Single(lines.Skip(1), line => line.Contains("site-2", StringComparison.Ordinal)).Split(',')[column]);
        var (sheet, unreadable) = Frontline.Spreadsheets.Xlsx.Read(await coordinator.GetByteArrayAsync($"/api/exports/counts.xlsx?from={yesterday}&to={yesterday}"), 100);
        Assert.Null(unreadable);
        var xlsxColumn = sheet![0].IndexOf("体温检测（人次）");
        Assert.True(xlsxColumn > 0, string.Join(",", sheet[0]));
        Assert.Equal("120", Assert.Single(sheet.Skip(1), row => row.Contains("site-2")).ElementAt(xlsxColumn));

        // The next bulletin (yesterday's, published by the timer's service) writes it as a clause of the figures.
        var published = Assert.Single(await app.Get<BulletinService>().RunNowAsync(CancellationToken.None));
        Assert.Equal("published", published.Outcome);
        var bulletin = (await anonymous.GetFromJsonAsync<BulletinView>($"/api/bulletins/{published.Year}/{published.Number}"))!;
        Assert.Contains("体温检测120人次", bulletin.Html, StringComparison.Ordinal);
    }

    private static string[] Codes(JsonElement set) => [.. set.GetProperty("indicators").EnumerateArray().Select(indicator => indicator.GetProperty("code").GetString()!)];
}
