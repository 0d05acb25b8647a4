using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Seeding;
using Frontline.Sites;
using Frontline.Tests.Foundation;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Bulletins;

/// <summary>A clock the tests move; everything in the app reads time from it.</summary>
public sealed class MovableTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class BulletinTests
{
    private static readonly string Seeds = Path.Combine(HostParityTests.RepoRoot(), "seeds");

    private static async Task<FrontlineApp> StartAsync(MovableTime? time = null, bool review = false)
    {
        var app = new FrontlineApp { ConfigureTestServices = services => { if (time is not null) { services.AddSingleton<TimeProvider>(time); } } };
        app.Settings["BulletinSchedule"] = "0 0 0 1 1 *";
        app.Settings["Frontline:Bulletins:RequireReview"] = review ? "true" : "false";
        app.Settings["Frontline:Bulletins:Reviewer"] = "何晓波";
        app.Settings["Frontline:Bulletins:Office"] = "四川省地方志工作办公室";
        await app.InitializeAsync();
        return app;
    }

    // Roll-ups are applied by the queue processor, one submission at a time: a day is settled once every report is in.
    private static Task<DayRollUp> SettledAsync(FrontlineApp app, DateOnly day, int reports) =>
        FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(day, CancellationToken.None), rollUp => rollUp.Reports == reports);

    [Fact]
    public async Task Every_figure_of_a_composed_bulletin_matches_the_hand_summed_seed_counts()
    {
        await using var app = await StartAsync();
        await app.Get<DemoSeeder>().SeedAsync(Seeds, CancellationToken.None);
        var rows = Csv(Path.Combine(Seeds, "daily-counts.csv")).Where(row => row["daysBack"] == "1").ToList();
        long Sum(string code) => rows.Sum(row => row[code].Length == 0 ? 0 : long.Parse(row[code], CultureInfo.InvariantCulture));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        await SettledAsync(app, today.AddDays(-1), rows.Count);
        await SettledAsync(app, today.AddDays(-2), Csv(Path.Combine(Seeds, "daily-counts.csv")).Count(row => row["daysBack"] == "2"));
        var volunteers = File.ReadAllLines(Path.Combine(Seeds, "volunteers.csv")).Length - 1;
        await FrontlineApp.EventuallyAsync(async () => (await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true)).Units.Values.Sum(u => u.Volunteers), total => total == volunteers);

        var period = Period.JustClosed(Cadence.Daily, today);
        var catalog = await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        var series = app.Get<BulletinService>().DefaultSeries;
        var figures = BulletinFigures.Sum(series, catalog, period,
            [await app.Get<RollUpStore>().ReadDayAsync(period.First, CancellationToken.None)],
            [await app.Get<RollUpStore>().ReadDayAsync(period.First.AddDays(-1), CancellationToken.None)],
            await app.Get<RollUpStore>().ReadUnitTotalsAsync(CancellationToken.None), [], ArrivalsAfter.None,
            (await app.Get<Frontline.Indicators.IndicatorStore>().CurrentAsync(CancellationToken.None))!);

        // Every indicator column of the seeds, summed: the seven of round one and those only some site types report.
        var codes = rows[0].Keys.Except(["daysBack", "unitId", "siteId", "highlight"]).ToList();
        Assert.Equal(new CountFigures(codes.ToDictionary(code => code, code => (decimal)Sum(code))), figures.Period);
        Assert.True(figures.Period["vehicles-diverted"] > 0 && figures.Period["sampling-rounds"] > 0);
        var before = Csv(Path.Combine(Seeds, "daily-counts.csv")).Where(row => row["daysBack"] == "2").Sum(row => long.Parse(row["tested"] is { Length: > 0 } tested ? tested : "0", CultureInfo.InvariantCulture));
        Assert.Equal(before, figures.PreviousPeriod.Tested);
        Assert.Equal(rows.Count, figures.Reports);
        Assert.Equal(rows.Select(row => row["siteId"]).Distinct().Count(), figures.SitesReporting);
        Assert.Equal(volunteers, figures.VolunteersRegistered);
        Assert.Equal(File.ReadAllLines(Path.Combine(Seeds, "units.csv")).Skip(1).Sum(line => line.Split(',')[5].Split(';').Length), figures.ExpectedReports);
        Assert.Equal(rows.Count(row => row["highlight"].Length > 0), figures.Highlights.Count);

        var result = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single();
        using var client = app.CreateClient();
        var bulletin = (await client.GetFromJsonAsync<BulletinView>($"/api/bulletins/{result.Year}/{result.Number}"))!;
        // Numbers written one way, as digits with no separators, and woven into the prose.
        Assert.Contains($"协助核酸检测{Sum("tested").ToString(CultureInfo.InvariantCulture)}人次", bulletin.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("报送率", bulletin.Html, StringComparison.Ordinal);
        Assert.Equal("四川省地方志工作办公室", bulletin.Source);
        Assert.Equal("何晓波", bulletin.Reviewer);
        Assert.True(bulletin.ComposedAt <= bulletin.PublishedAt);
    }

    [Fact]
    public async Task Concurrent_runs_publish_one_bulletin_per_period_and_numbers_never_skip_or_repeat()
    {
        await using var app = await StartAsync();
        var service = app.Get<BulletinService>();
        var day = new DateOnly(2026, 11, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => service.PublishPeriodAsync(new Period("2026-11-01", day, day), CancellationToken.None))));
        var next = await Task.WhenAll(Enumerable.Range(2, 3).Select(d => Task.Run(() => service.PublishPeriodAsync(new Period($"2026-11-0{d}", day.AddDays(d - 1), day.AddDays(d - 1)), CancellationToken.None))));

        Assert.Single(results, result => result.Outcome == "published");
        Assert.Single(results.Select(result => result.TotalNumber).Distinct());
        var list = await ListAsync(app);
        Assert.Equal(4, list.Count);
        Assert.Equal(Enumerable.Range(1, 4).Reverse(), list.Select(bulletin => bulletin.Number));
        Assert.Equal(list.Select(bulletin => bulletin.Number + 96), list.Select(bulletin => bulletin.TotalNumber));
        Assert.Equal("unchanged", (await service.PublishPeriodAsync(new Period("2026-11-01", day, day), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task The_first_bulletin_of_a_new_year_is_number_1_and_the_total_keeps_counting()
    {
        var time = new MovableTime(new DateTimeOffset(2026, 12, 31, 2, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(time);
        var service = app.Get<BulletinService>();

        var december = (await service.RunNowAsync(CancellationToken.None)).Single();
        time.Now = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero);
        var january = (await service.RunNowAsync(CancellationToken.None)).Single();

        Assert.Equal((2026, 1, 97), (december.Year, december.Number, december.TotalNumber));
        Assert.Equal((2027, 1, 98), (january.Year, january.Number, january.TotalNumber));
        var titles = (await ListAsync(app)).Select(bulletin => bulletin.Title).ToList();
        Assert.Equal(["政工简讯2027年第1期(总第98期)", "政工简讯2026年第1期(总第97期)"], titles);
    }

    [Fact]
    public async Task A_period_without_reports_is_still_published_and_says_so()
    {
        await using var app = await StartAsync();

        var result = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single();

        Assert.Equal("published", result.Outcome);
        using var client = app.CreateClient();
        var bulletin = (await client.GetFromJsonAsync<BulletinView>($"/api/bulletins/{result.Year}/{result.Number}"))!;
        Assert.Contains("本期各单位未报送工作数据", bulletin.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_review_on_the_bulletin_waits_as_a_draft_until_approved_and_the_next_run_publishes_it_with_the_approvers_name()
    {
        await using var app = await StartAsync(review: true);
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));

        var run = Assert.Single((await (await coordinator.PostAsync("/api/bulletins/run", null)).Content.ReadFromJsonAsync<List<RunResult>>())!);

        Assert.Equal("draft", run.Outcome);
        Assert.Null(run.Number);
        Assert.Empty(await ListAsync(app));
        var drafts = (await coordinator.GetFromJsonAsync<List<DraftView>>("/api/bulletins/drafts"))!;
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsync($"/api/bulletins/drafts/{drafts[0].PeriodKey}/approve", null)).StatusCode);

        var approved = await coordinator.PostAsync($"/api/bulletins/drafts/{drafts[0].PeriodKey}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(BulletinStatus.Approved, (await approved.Content.ReadFromJsonAsync<DraftView>())!.Status);
        Assert.Empty(await ListAsync(app));
        Assert.Equal("published", Assert.Single((await app.Get<BulletinService>().RunNowAsync(CancellationToken.None))).Outcome);
        var published = Assert.Single(await ListAsync(app));
        using var client = app.CreateClient();
        var view = (await client.GetFromJsonAsync<BulletinView>($"/api/bulletins/{published.Year}/{published.Number}"))!;
        Assert.Equal("本地测试用户", view.Reviewer);
        Assert.Empty((await coordinator.GetFromJsonAsync<List<DraftView>>("/api/bulletins/drafts"))!);
    }

    [Fact]
    public async Task A_correction_is_a_new_numbered_notice_pointing_at_the_original_which_stays_readable()
    {
        await using var app = await StartAsync();
        var original = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single();
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        using var client = app.CreateClient();
        var before = await client.GetStringAsync($"/api/bulletins/{original.Year}/{original.Number}");

        var response = await coordinator.PostAsJsonAsync($"/api/bulletins/{original.Year}/{original.Number}/corrections", new { text = "协助核酸检测应为2690人次。" });

        var correction = (await response.Content.ReadFromJsonAsync<RunResult>())!;
        Assert.Equal(original.Number + 1, correction.Number);
        var view = (await client.GetFromJsonAsync<BulletinView>($"/api/bulletins/{correction.Year}/{correction.Number}"))!;
        Assert.Equal(original.Number, view.Corrects!.Number);
        Assert.Contains("2690", view.Html, StringComparison.Ordinal);
        Assert.Equal(before, await client.GetStringAsync($"/api/bulletins/{original.Year}/{original.Number}"));
        var audited = Assert.Single(await Frontline.Tests.Operability.AuditTrail.ReadAsync(app, "bulletin.corrected"));
        Assert.Equal("本地测试用户", audited.ActorName);
        Assert.Equal($"{original.Year}", audited.Records["year"]);
        Assert.Equal($"{original.Number}", audited.Records["number"]);
    }

    [Fact]
    public async Task Unit_text_is_escaped_and_phone_or_id_numbers_never_reach_a_bulletin()
    {
        await using var app = await StartAsync();
        var catalogStore = app.Get<CatalogStore>();
        await catalogStore.ImportUnitsAsync([new UnitDefinition("unit-a", "<b>单位</b>", null, null, null, ["site-1"])], CancellationToken.None);
        await catalogStore.ImportSitesAsync([new SiteDefinition("site-1", "点位<script>alert(2)</script>", SiteTypes.Checkpoint, null, null, "社区", null, null, 5, [], null, null)], CancellationToken.None);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        // Text stored before markup was refused at the door (or written by a seed) must still come out escaped.
        var counts = new ValidCounts(new CountFigures(1, 1, 7, 0, 0, 0, 0), "<script>alert(1)</script> 联系138-0013-8000，身份证51010519900101123X");
        await app.Get<DailyCountRecorder>().RecordAsync("unit-a", "site-1", today.AddDays(-1), counts, "test", null, CancellationToken.None);
        await SettledAsync(app, today.AddDays(-1), reports: 1);

        var result = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single();

        using var client = app.CreateClient();
        var json = await client.GetStringAsync($"/api/bulletins/{result.Year}/{result.Number}");
        var html = JsonDocument.Parse(json).RootElement.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0013", html, StringComparison.Ordinal);
        Assert.DoesNotContain("51010519900101123X", html, StringComparison.Ordinal);
        Assert.Contains("[已隐去]", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_parses_as_atom_with_one_entry_per_published_bulletin()
    {
        await using var app = await StartAsync();
        var service = app.Get<BulletinService>();
        await service.PublishPeriodAsync(new Period("2026-10-01", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)), CancellationToken.None);
        await service.PublishPeriodAsync(new Period("2026-10-02", new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 2)), CancellationToken.None);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/bulletins/feed");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Root!.Name);
        var entries = feed.Root.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, entry => Assert.Equal("html", entry.Element(atom + "content")!.Attribute("type")!.Value));
        Assert.StartsWith("政工简讯", entries[0].Element(atom + "title")!.Value, StringComparison.Ordinal);
        Assert.NotNull(feed.Root.Element(atom + "updated"));
    }

    [Fact]
    public async Task An_unknown_or_malformed_bulletin_number_is_a_404()
    {
        await using var app = await StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/bulletins/2026/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/bulletins/abcd/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/bulletins/2026/-1")).StatusCode);
    }

    private static async Task<List<BulletinSummary>> ListAsync(FrontlineApp app)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<List<BulletinSummary>>("/api/bulletins"))!;
    }

    private static List<Dictionary<string, string>> Csv(string path) => Frontline.Http.Csv.ReadWithHeader(File.ReadAllText(path));
}
