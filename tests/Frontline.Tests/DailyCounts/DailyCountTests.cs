using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.DailyCounts;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.DailyCounts;

public sealed class DailyCountTests : IAsyncLifetime
{
    private readonly CountsApp _app = new();
    private HttpClient _reporterA = null!;
    private HttpClient _coordinator = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _reporterA = _app.CreateClient(await _app.TokenAsync(["Reporter"], "unit-a"));
        _coordinator = _app.CreateClient(await _app.TokenAsync(["Coordinator"]));
    }

    public async Task DisposeAsync()
    {
        _reporterA.Dispose();
        _coordinator.Dispose();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, object?> Counts(long onDuty = 3, long tested = 120, string? highlight = null) => new()
    {
        ["onDuty"] = onDuty, ["partyMembers"] = Math.Min(onDuty, 2), ["tested"] = tested, ["peopleChecked"] = 300,
        ["vehiclesChecked"] = 2000, ["suppliesDelivered"] = 80, ["householdsVisited"] = 40, ["highlight"] = highlight,
    };

    private async Task<SubmissionResult> PutAsync(Dictionary<string, object?> body, string site = "site-1", int daysBack = 0)
    {
        var response = await _reporterA.PutAsJsonAsync($"/api/sites/{site}/counts/{CountsApp.Day(daysBack)}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SubmissionResult>())!;
    }

    private Task<IReadOnlyList<Submission>> HistoryAsync(string site = "site-1", int daysBack = 0) =>
        _app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today.AddDays(-daysBack), site, "unit-a", CancellationToken.None);

    [Fact]
    public async Task A_reporter_submits_and_the_day_roll_up_and_public_totals_follow_through_the_queue()
    {
        var result = await PutAsync(Counts(tested: 3000, highlight: "协助核酸检测超过3000人次"));

        Assert.Equal(1, result.Version);
        var rollUp = await FrontlineApp.EventuallyAsync(() => _app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today, CancellationToken.None), day => day.Total.Tested == 3000);
        Assert.Equal(2000, rollUp.ByUnit["unit-a"].VehiclesChecked);
        Assert.Equal(3000, rollUp.BySite["site-1"].Tested);
        Assert.Equal("协助核酸检测超过3000人次", Assert.Single(rollUp.Highlights).Text);
        using var client = _app.CreateClient();
        var stats = await FrontlineApp.EventuallyAsync(async () => JsonDocument.Parse(await client.GetStringAsync("/api/stats")),
            document => document.RootElement.GetProperty("totals").GetProperty("tested").GetInt64() == 3000);
        Assert.Equal(80, stats.RootElement.GetProperty("totals").GetProperty("suppliesDelivered").GetInt64());
    }

    [Fact]
    public async Task The_same_body_again_changes_nothing()
    {
        var first = await PutAsync(Counts());
        var second = await PutAsync(Counts());

        Assert.Equal(1, second.Version);
        Assert.False(second.Changed);
        Assert.True(first.Changed);
        Assert.Single(await HistoryAsync());
    }

    [Fact]
    public async Task A_correction_supersedes_and_keeps_every_earlier_version_with_who_and_when()
    {
        await PutAsync(Counts(tested: 100));
        var correction = await PutAsync(Counts(tested: 150));

        Assert.Equal(2, correction.Version);
        var history = await HistoryAsync();
        Assert.Equal([1, 2], history.Select(version => version.Version));
        Assert.Equal([100L, 150L], history.Select(version => version.Figures.Tested));
        Assert.All(history, version => Assert.Contains("本地测试用户", version.SubmittedBy, StringComparison.Ordinal));
        var rollUp = await FrontlineApp.EventuallyAsync(() => _app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today, CancellationToken.None), day => day.Total.Tested == 150);
        Assert.Equal(1, rollUp.Reports);
        using var historyResponse = await _reporterA.GetAsync($"/api/sites/site-1/counts/{CountsApp.Day()}/history");
        Assert.Equal(2, JsonDocument.Parse(await historyResponse.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_submission_records_who_by_name_and_object_id_even_when_the_handler_maps_the_oid_claim()
    {
        await PutAsync(Counts(tested: 70));

        var who = Assert.Single(await HistoryAsync()).SubmittedBy;
        Assert.Matches(@"^本地测试用户 \([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$", who);
        Assert.DoesNotContain("unknown", who, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_roll_up_applies_a_version_once_however_often_its_message_comes()
    {
        await PutAsync(Counts(tested: 500));
        var processor = _app.Get<DailyCountProcessor>();
        var message = JsonSerializer.Serialize(new CountChanged(CountsApp.Today, "site-1", "unit-a", 1), Frontline.Http.JsonBody.Options);

        await processor.HandleAsync(message, 1, CancellationToken.None);
        await processor.HandleAsync(message, 2, CancellationToken.None);
        await Task.Delay(1500);

        var rollUp = await _app.Get<RollUpStore>().ReadDayAsync(CountsApp.Today, CancellationToken.None);
        Assert.Equal(500, rollUp.Total.Tested);
        Assert.Equal(500, (await _app.Get<RollUpStore>().ReadAllTimeTotalsAsync(CancellationToken.None)).Tested);
    }

    public static TheoryData<string, object?, string> BadFields() => new()
    {
        { "onDuty", -1L, "onDuty" },
        { "tested", -5L, "tested" },
        { "vehiclesChecked", 10_000_000L, "vehiclesChecked" },
        { "onDuty", null, "onDuty" },
        { "tested", "many", "tested" },
        { "tested", 1.5, "tested" },
        { "partyMembers", 9L, "partyMembers" },
        { "onDuty", 6L, "onDuty" },
        { "highlight", new string('字', 501), "highlight" },
        { "highlight", "bad\u202Etext", "highlight" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Each_rule_refuses_with_a_400_naming_the_field_and_stores_nothing(string field, object? value, string named)
    {
        var body = Counts(onDuty: 3);
        body[field] = value;

        var response = await _reporterA.PutAsJsonAsync($"/api/sites/site-1/counts/{CountsApp.Day()}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(named, out _));
        Assert.Empty(await HistoryAsync());
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData("1999-01-01")]
    public async Task A_malformed_day_is_a_400(string day)
    {
        var response = await _reporterA.PutAsJsonAsync($"/api/sites/site-1/counts/{day}", Counts());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_future_day_is_refused()
    {
        var response = await _reporterA.PutAsJsonAsync($"/api/sites/site-1/counts/{CountsApp.Today.AddDays(1):O}", Counts());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today.AddDays(1), "site-1", "unit-a", CancellationToken.None));
    }

    [Fact]
    public async Task A_day_past_the_lock_is_refused_until_a_coordinator_reopens_it()
    {
        var url = $"/api/sites/site-1/counts/{CountsApp.Day(4)}";

        var locked = await _reporterA.PutAsJsonAsync(url, Counts());
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Empty(await HistoryAsync(daysBack: 4));
        Assert.Equal(HttpStatusCode.Forbidden, (await _reporterA.PostAsync(url + "/reopen", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.PostAsync(url + "/reopen", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _reporterA.PutAsJsonAsync(url, Counts())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reporterA.PutAsJsonAsync($"/api/sites/site-1/counts/{CountsApp.Day(3)}", Counts())).StatusCode);
    }

    [Fact]
    public async Task The_trend_a_flag_reads_keeps_the_newest_version_whatever_order_messages_arrive_in()
    {
        var rollUps = _app.Get<RollUpStore>();
        var yesterday = CountsApp.Today.AddDays(-1);
        Submission Version(int version, long tested) =>
            new(yesterday, "site-2", "unit-a", version, new CountFigures(1, 0, tested, 0, 0, 0, 0), null, "test", DateTimeOffset.UtcNow, false, null);

        await rollUps.ApplyAsync(Version(2, 200), [], CancellationToken.None);
        await rollUps.ApplyAsync(Version(1, 100), [], CancellationToken.None);
        await rollUps.ApplyAsync(Version(2, 200), [], CancellationToken.None);

        var trend = await rollUps.ReadTrendAsync("site-2", "unit-a", CountsApp.Today, 7, CancellationToken.None);
        Assert.Equal(200, Assert.Single(trend).Tested);
        Assert.Empty(await rollUps.ReadTrendAsync("site-2", "unit-a", yesterday, 7, CancellationToken.None));
    }

    [Fact]
    public async Task A_value_far_above_the_trailing_average_is_accepted_but_flagged()
    {
        for (var back = 1; back <= 3; back++)
        {
            Assert.False((await PutAsync(Counts(tested: 100), daysBack: back)).Flagged);
        }

        // The average comes from the roll-ups: wait until the processor has the three days in.
        await FrontlineApp.EventuallyAsync(
            () => _app.Get<RollUpStore>().ReadTrendAsync("site-1", "unit-a", CountsApp.Today, 7, CancellationToken.None), trend => trend.Count == 3);
        var spike = await PutAsync(Counts(tested: 1000));

        Assert.True(spike.Flagged);
        Assert.Contains("tested", spike.FlagReason, StringComparison.Ordinal);
        var flagged = JsonDocument.Parse(await _coordinator.GetStringAsync($"/api/counts/flagged?day={CountsApp.Day()}")).RootElement;
        Assert.Equal(1, flagged.GetArrayLength());
    }

    [Fact]
    public async Task Completeness_lists_open_sites_by_unit_and_a_closed_site_counts_against_no_one()
    {
        await PutAsync(Counts());
        await _reporterA.PutAsJsonAsync($"/api/sites/site-closed/counts/{CountsApp.Day()}", Counts());

        var completeness = (await _coordinator.GetFromJsonAsync<Completeness>($"/api/completeness?day={CountsApp.Day()}"))!;

        var unitA = completeness.Units.Single(unit => unit.UnitId == "unit-a");
        Assert.Equal(["site-1", "site-2"], unitA.Sites.Select(site => site.SiteId));
        Assert.Equal(ReportStatus.Reported, unitA.Sites[0].Status);
        Assert.Equal(ReportStatus.Missing, unitA.Sites[1].Status);
        Assert.Equal(ReportStatus.Missing, completeness.Units.Single(unit => unit.UnitId == "unit-b").Sites.Single().Status);
        Assert.Equal((1, 0, 2), (completeness.Reported, completeness.Late, completeness.Missing));

        var own = (await _reporterA.GetFromJsonAsync<UnitDay>($"/api/units/unit-a/counts?day={CountsApp.Day()}"))!;
        Assert.Equal(["site-2"], own.Missing);
        Assert.Single(own.Submissions);
    }

    [Fact]
    public async Task A_submission_after_the_due_time_is_late()
    {
        await using var app = new CountsApp();
        app.Settings["Frontline:ReportDueTime"] = "00:00";
        await app.InitializeAsync();
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        await reporter.PutAsJsonAsync($"/api/sites/site-1/counts/{CountsApp.Day()}", Counts());

        var completeness = (await coordinator.GetFromJsonAsync<Completeness>($"/api/completeness?day={CountsApp.Day()}"))!;

        Assert.Equal(ReportStatus.Late, completeness.Units.Single(unit => unit.UnitId == "unit-a").Sites[0].Status);
    }

    [Fact]
    public async Task A_csv_batch_answers_each_row_and_stores_only_the_good_ones()
    {
        var csv = "siteId,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited,highlight\n" +
                  "site-1,3,2,100,10,0,5,5,好人好事\n" +
                  "site-2,2,5,100,10,0,5,5,\n" +
                  "site-3,1,1,1,1,1,1,1,\n" +
                  "site-9,1,1,1,1,1,1,1,\n" +
                  "site-2,-1,0,0,0,0,0,0,\n";

        var response = await _reporterA.PostAsync($"/api/units/unit-a/counts/{CountsApp.Day()}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<List<BatchRowResult>>())!;
        Assert.Equal([200, 400, 403, 404, 400], rows.Select(row => row.Status));
        Assert.Contains("partyMembers", rows[1].Errors!.Keys);
        Assert.Single(await HistoryAsync("site-1"));
        Assert.Empty(await HistoryAsync("site-2"));
    }

    [Fact]
    public async Task A_json_batch_answers_each_row()
    {
        var body = new { rows = new object[] { new { siteId = "site-1", onDuty = 1, partyMembers = 1, tested = 1, peopleChecked = 1, vehiclesChecked = 1, suppliesDelivered = 1, householdsVisited = 1 }, new { siteId = "site-2" } } };

        var response = await _reporterA.PostAsJsonAsync($"/api/units/unit-a/counts/{CountsApp.Day()}", body);

        var rows = (await response.Content.ReadFromJsonAsync<List<BatchRowResult>>())!;
        Assert.Equal([200, 400], rows.Select(row => row.Status));
    }
}
