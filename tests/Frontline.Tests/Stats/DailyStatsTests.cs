using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Stats;

public sealed class DailyStatsTests : IAsyncLifetime
{
    private readonly CountsApp _app = new();
    private HttpClient _reporter = null!;
    private HttpClient _public = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _reporter = _app.CreateClient(await _app.TokenAsync(["Reporter"], "unit-a"));
        _public = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _reporter.Dispose();
        _public.Dispose();
        await _app.DisposeAsync();
    }

    private async Task PutAsync(string site, int daysBack, long tested)
    {
        var body = new Dictionary<string, object?>
        {
            ["onDuty"] = 2, ["partyMembers"] = 1, ["tested"] = tested, ["peopleChecked"] = 0,
            ["vehiclesChecked"] = 0, ["suppliesDelivered"] = 5, ["householdsVisited"] = 0,
        };
        var response = await _reporter.PutAsJsonAsync($"/api/sites/{site}/counts/{CountsApp.Day(daysBack)}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_public_daily_series_sums_each_day_from_the_roll_ups_and_fills_quiet_days_with_zero()
    {
        await PutAsync("site-1", 0, 300);
        await PutAsync("site-2", 0, 200);
        await PutAsync("site-1", 1, 120);

        var url = $"/api/stats/daily?from={CountsApp.Day(2)}&to={CountsApp.Day(0)}";
        var series = await FrontlineApp.EventuallyAsync(async () => JsonDocument.Parse(await _public.GetStringAsync(url)),
            document => document.RootElement.GetProperty("days")[2].GetProperty("tested").GetInt64() == 500
                && document.RootElement.GetProperty("days")[1].GetProperty("tested").GetInt64() == 120);

        var days = series.RootElement.GetProperty("days");
        Assert.Equal(3, days.GetArrayLength());
        Assert.Equal(CountsApp.Day(2), days[0].GetProperty("day").GetString());
        Assert.Equal(0, days[0].GetProperty("reports").GetInt32());
        Assert.Equal(0, days[0].GetProperty("tested").GetInt64());
        Assert.Equal(1, days[1].GetProperty("reports").GetInt32());
        Assert.Equal(2, days[2].GetProperty("reports").GetInt32());
        Assert.Equal(4, days[2].GetProperty("onDuty").GetInt64());
        Assert.Equal(CountsApp.Day(0), series.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Without_dates_it_answers_the_fourteen_days_up_to_today()
    {
        using var series = JsonDocument.Parse(await _public.GetStringAsync("/api/stats/daily"));

        var days = series.RootElement.GetProperty("days");
        Assert.Equal(14, days.GetArrayLength());
        Assert.Equal(CountsApp.Day(13), days[0].GetProperty("day").GetString());
        Assert.Equal(CountsApp.Day(0), days[13].GetProperty("day").GetString());
    }

    [Theory]
    [InlineData("from=2022-09-07&to=2022-09-01", "from")]
    [InlineData("from=2022-01-01&to=2022-09-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2022-13-01", "to")]
    public async Task A_bad_range_is_a_problem_naming_the_field(string query, string field)
    {
        var response = await _public.GetAsync($"/api/stats/daily?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
