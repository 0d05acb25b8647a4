using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Frontline.Bulletins;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using Frontline.Sites;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Bulletins;

/// <summary>
/// The 政工简讯 as an office makes it: units send pieces, an editor arranges them into the period's draft, the 终审
/// approves it, the timer publishes it; the page, the feed and the Word document carry the pieces with their 供稿 lines.
/// The command office's 工作日报 is a series of its own that only Coordinators read.
/// </summary>
public sealed class EditorialTests
{
    private static readonly DateOnly Yesterday = CountsApp.Today.AddDays(-1);

    /// <summary>unit-a (南京市医保局) serves site-1 and site-2, unit-b (南京市房产局) site-3; a public series of unit-a's and the internal report.</summary>
    private static async Task<CountsApp> StartAsync(MovableTime? time = null)
    {
        var app = new CountsApp { ConfigureTestServices = services => { if (time is not null) { services.AddSingleton<TimeProvider>(time); } } };
        void Series(int index, string id, string kind, string title, string shortName, string office, string? unitId)
        {
            app.Settings[$"Frontline:Bulletins:Series:{index}:SeriesId"] = id;
            app.Settings[$"Frontline:Bulletins:Series:{index}:Kind"] = kind;
            app.Settings[$"Frontline:Bulletins:Series:{index}:Title"] = title;
            app.Settings[$"Frontline:Bulletins:Series:{index}:ShortName"] = shortName;
            app.Settings[$"Frontline:Bulletins:Series:{index}:Office"] = office;
            app.Settings[$"Frontline:Bulletins:Series:{index}:Reviewer"] = "何晓波";
            app.Settings[$"Frontline:Bulletins:Series:{index}:ReportTo"] = "市委组织部";
            app.Settings[$"Frontline:Bulletins:Series:{index}:Copies"] = "30";
            if (unitId is not null)
            {
                app.Settings[$"Frontline:Bulletins:Series:{index}:UnitIds:0"] = unitId;
            }
        }

        Series(0, "yibao", SeriesKind.Public, "政工简讯", "南京市医保局", "南京市医疗保障局", "unit-a");
        Series(1, "ribao", SeriesKind.Internal, "工作日报", "市疫情防控指挥部", "南京市疫情防控指挥部", null);
        await app.InitializeAsync();
        return app;
    }

    private static object Piece(string siteId = "site-2", string? day = null) => new
    {
        siteId,
        day = day ?? Yesterday.ToString("O"),
        title = "当好组织员 守住检测秩序",
        paragraphs = new[] { "医保局党员志愿者分批组织居民检测,一米线间隔,秩序井然.", "他们还逐户提醒行动不便的老人错峰检测。" },
        people = new[] { new { name = "蒲建宇", role = "点长" } },
        quote = "多跑一步，群众就少等一分钟。",
        quoteBy = "蒲建宇",
    };

    [Fact]
    public async Task A_reporters_piece_is_arranged_into_the_draft_under_its_etag_approved_and_published_with_its_supply_line_on_page_feed_and_docx()
    {
        await using var app = await StartAsync();
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        using var anonymous = app.CreateClient();

        var sent = await reporter.PostAsJsonAsync("/api/contributions", Piece());
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var piece = (await sent.Content.ReadFromJsonAsync<ContributionView>())!;
        Assert.Equal(("南京市医保局", ContributionStatus.Submitted), (piece.UnitName, piece.Status));
        Assert.Contains(piece.Id, (await coordinator.GetFromJsonAsync<List<ContributionView>>("/api/contributions"))!.Select(listed => listed.Id));

        var composed = await coordinator.PostAsJsonAsync("/api/bulletins/compose", new { series = "yibao", from = Yesterday.ToString("O"), to = Yesterday.ToString("O") });
        Assert.Equal(HttpStatusCode.Created, composed.StatusCode);
        var draft = (await composed.Content.ReadFromJsonAsync<DraftView>())!;
        var section = Assert.Single(draft.Content.Sections, section => section.ContributionId == piece.Id);
        Assert.Equal("南京市医保局", section.ContributedBy);
        // Typed half-width, set full-width; the people it names and the quote are in the text.
        Assert.Equal("医保局党员志愿者分批组织居民检测，一米线间隔，秩序井然。", section.Paragraphs[0]);
        Assert.Contains("蒲建宇说：“多跑一步，群众就少等一分钟。”", section.Paragraphs);
        Assert.Contains("（南京市医保局供稿）", draft.Html, StringComparison.Ordinal);
        Assert.StartsWith($"截至{Yesterday.Month}月{Yesterday.Day}日", draft.Content.Lead, StringComparison.Ordinal);

        // Two editors read the same version; the first save wins, the second gets 409 and the first one's text.
        var content = $"/api/bulletins/drafts/{draft.PeriodKey}/content?series=yibao";
        var read = await coordinator.GetAsync(content);
        var etag = read.Headers.ETag!.ToString();
        var edit = new
        {
            headline = "医保局党员下沉一线 守护群众平安",
            lead = draft.Content.Lead,
            figures = draft.Content.Figures,
            sections = new[] { new { contributionId = piece.Id, title = "当好组织员，守住检测秩序", paragraphs = new[] { section.Paragraphs[0], "编辑改写的第二段。" } } },
            closing = "下一步，医保局将继续组织党员轮班值守。",
        };
        using var first = new HttpRequestMessage(HttpMethod.Put, content) { Content = JsonContent.Create(edit) };
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        var saved = await coordinator.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var second = new HttpRequestMessage(HttpMethod.Put, content) { Content = JsonContent.Create(edit with { headline = "另一位编辑的标题" }) };
        second.Headers.TryAddWithoutValidation("If-Match", etag);
        var stale = await coordinator.SendAsync(second);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("医保局党员下沉一线 守护群众平安", problem.GetProperty("current").GetProperty("headline").GetString());

        using var approval = new HttpRequestMessage(HttpMethod.Post, $"/api/bulletins/drafts/{draft.PeriodKey}/approve?series=yibao");
        approval.Headers.TryAddWithoutValidation("If-Match", saved.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.SendAsync(approval)).StatusCode);
        var approvedRecord = Assert.Single(await Frontline.Tests.Operability.AuditTrail.ReadAsync(app, "bulletin.approved"));
        Assert.Equal(draft.PeriodKey, approvedRecord.Records["periodKey"]);
        Assert.Equal("yibao", approvedRecord.Records["series"]);
        Assert.Equal("本地测试用户", approvedRecord.ActorName);
        // Approved: the piece is used and its sender can no longer withdraw it.
        Assert.Equal(HttpStatusCode.Conflict, (await reporter.PostAsync($"/api/contributions/{piece.Id}/withdraw", null)).StatusCode);

        var published = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single(result => result.SeriesId == "yibao" && result.PeriodKey == draft.PeriodKey);
        Assert.Equal("published", published.Outcome);
        var view = (await anonymous.GetFromJsonAsync<BulletinView>($"/api/bulletins/{published.Year}/{published.Number}?series=yibao"))!;
        Assert.Equal($"南京市医保局政工简讯{published.Year}年第{published.Number}期(总第{published.TotalNumber}期)", view.Title);
        Assert.Equal("医保局党员下沉一线 守护群众平安", view.Headline);
        // The 终审 is whoever approved it, by the name their token carries.
        Assert.Equal("本地测试用户", view.Reviewer);
        Assert.Contains("编辑改写的第二段。", view.Html, StringComparison.Ordinal);
        Assert.Contains("（南京市医保局供稿）", view.Html, StringComparison.Ordinal);
        Assert.Contains("（南京市医保局供稿）", await anonymous.GetStringAsync("/api/bulletins/feed?series=yibao"), StringComparison.Ordinal);

        var docx = await anonymous.GetAsync($"/api/bulletins/{published.Year}/{published.Number}/docx?series=yibao");
        Assert.Equal(BulletinDocument.ContentType, docx.Content.Headers.ContentType?.MediaType);
        var text = ValidDocumentText(await docx.Content.ReadAsByteArrayAsync());
        Assert.Contains("（南京市医保局供稿）", text, StringComparison.Ordinal);
        Assert.Contains("编辑改写的第二段。", text, StringComparison.Ordinal);
        Assert.Contains("报：市委组织部", text, StringComparison.Ordinal);
        Assert.Contains("（共印30份）", text, StringComparison.Ordinal);

        // Published means fixed: no more edits, corrections are notices of their own.
        using var late = new HttpRequestMessage(HttpMethod.Put, content) { Content = JsonContent.Create(edit) };
        late.Headers.TryAddWithoutValidation("If-Match", saved.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(content)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.SendAsync(late)).StatusCode);
    }

    [Fact]
    public async Task A_piece_withdrawn_by_its_sender_stays_out_of_the_draft_and_another_unit_cannot_touch_it()
    {
        await using var app = await StartAsync();
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        using var otherUnit = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-b"));
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        var piece = (await (await reporter.PostAsJsonAsync("/api/contributions", Piece())).Content.ReadFromJsonAsync<ContributionView>())!;

        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.PostAsync($"/api/contributions/{piece.Id}/withdraw", null)).StatusCode);
        Assert.Empty((await otherUnit.GetFromJsonAsync<List<ContributionView>>("/api/contributions"))!);
        var withdrawn = await reporter.PostAsync($"/api/contributions/{piece.Id}/withdraw", null);

        Assert.Equal(ContributionStatus.Withdrawn, (await withdrawn.Content.ReadFromJsonAsync<ContributionView>())!.Status);
        var draft = (await (await coordinator.PostAsJsonAsync("/api/bulletins/compose", new { series = "yibao", from = Yesterday.ToString("O"), to = Yesterday.ToString("O") }))
            .Content.ReadFromJsonAsync<DraftView>())!;
        Assert.DoesNotContain(draft.Content.Sections, section => section.ContributionId == piece.Id);
        // unit-b does not serve site-2: refused, naming the field.
        var foreign = await otherUnit.PostAsJsonAsync("/api/contributions", Piece("site-2"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True(JsonDocument.Parse(await foreign.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("siteId", out _));
    }

    [Fact]
    public async Task Figures_are_as_of_the_periods_end_so_registrations_and_reports_after_it_do_not_change_them()
    {
        var time = new MovableTime(DateTimeOffset.UtcNow);
        await using var app = await StartAsync(time);
        var service = app.Get<BulletinService>();
        var series = service.DefaultSeries;
        var day = service.Today(series);
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        // Tokens are issued by the moved clock and checked by the real one: take them before the clock moves.
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        var first = await RegisterAsync(app, "13900000101", day);
        var second = await RegisterAsync(app, "13900000102", day);
        await SubmitAsync(reporter, "site-1", day, tested: 120);
        await SettledAsync(app, day, 1);

        // The next day: the period closed; a new volunteer arrives and another report comes in.
        time.Now = time.Now.AddDays(1);
        var period = Period.Day(day);
        var before = await service.ComposeAsync(series, period, CancellationToken.None);
        await RegisterAsync(app, "13900000103", day.AddDays(1));
        await SubmitAsync(reporter, "site-2", day.AddDays(1), tested: 500);
        await SettledAsync(app, day.AddDays(1), 1);
        // One of the day's people withdraws and a coordinator moves the other: neither changes the closed period.
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/api/registrations/{first.Id}/withdraw?code={first.Code}", null)).StatusCode);
        var moved = await coordinator.PostAsJsonAsync($"/api/volunteers/{second.Id}/reassign", new { siteId = "site-3" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var after = await service.ComposeAsync(series, period, CancellationToken.None);

        // unit-a had 3 people before the test (the fixture's) and 2 registered on the day: 5, not 6.
        Assert.Contains("共有5名党员干部", before.Content.Lead, StringComparison.Ordinal);
        Assert.Equal(before.Content.Lead, after.Content.Lead);
        Assert.Equal(before.Content.Figures, after.Content.Figures);
        Assert.Contains("协助核酸检测120人次", after.Content.Figures, StringComparison.Ordinal);
        Assert.DoesNotContain("620", after.Content.Figures, StringComparison.Ordinal);
        // Today's directory: 3 + 2 + 1, less the one who withdrew.
        Assert.Equal(5, (await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true)).Units["unit-a"].Volunteers);
    }

    [Fact]
    public async Task Every_time_on_a_bulletin_is_beijing_time_in_the_api_the_feed_and_the_docx()
    {
        // 17:30 UTC on 31 December is 01:30 on 1 January in Beijing: the year, the date and the hour are Beijing's.
        var time = new MovableTime(new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero));
        await using var app = await StartAsync(time);
        var result = (await app.Get<BulletinService>().RunNowAsync(CancellationToken.None)).Single(result => result.SeriesId == "yibao");
        using var anonymous = app.CreateClient();

        var view = (await anonymous.GetFromJsonAsync<BulletinView>($"/api/bulletins/{result.Year}/{result.Number}?series=yibao"))!;
        var json = await anonymous.GetStringAsync($"/api/bulletins/{result.Year}/{result.Number}?series=yibao");

        Assert.Equal((2027, 1), (result.Year, result.Number));
        Assert.Equal(TimeSpan.FromHours(8), view.PublishedAt.Offset);
        Assert.Equal(1, view.PublishedAt.Hour);
        Assert.Contains("\"publishedAt\":\"2027-01-01T01:30:00+08:00\"", json, StringComparison.Ordinal);
        Assert.Contains("<updated>2027-01-01T01:30:00+08:00</updated>", await anonymous.GetStringAsync("/api/bulletins/feed?series=yibao"), StringComparison.Ordinal);
        var docx = ValidDocumentText(await anonymous.GetByteArrayAsync($"/api/bulletins/{result.Year}/{result.Number}/docx?series=yibao"));
        Assert.Contains("2027年1月1日", docx, StringComparison.Ordinal);
        Assert.Contains("2027年第1期(总第1期)", docx, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_internal_daily_report_carries_the_command_offices_figures_and_only_coordinators_read_it()
    {
        await using var app = await StartAsync();
        using var reporter = app.CreateClient(await app.TokenAsync(["Reporter"], "unit-a"));
        using var coordinator = app.CreateClient(await app.TokenAsync(["Coordinator"]));
        using var anonymous = app.CreateClient();
        await SubmitAsync(reporter, "site-1", Yesterday, tested: 80);
        await SettledAsync(app, Yesterday, 1);

        var results = await app.Get<BulletinService>().RunNowAsync(CancellationToken.None);

        var internalReport = results.Single(result => result.SeriesId == "ribao");
        var publicIssue = results.Single(result => result.SeriesId == "yibao");
        var report = (await coordinator.GetFromJsonAsync<BulletinView>($"/api/bulletins/{internalReport.Year}/{internalReport.Number}?series=ribao"))!;
        Assert.Contains("报送率", report.Html, StringComparison.Ordinal);
        Assert.Contains("南京市房产局", report.Html, StringComparison.Ordinal);
        Assert.Contains("缺员点位", report.Html, StringComparison.Ordinal);
        var issue = (await anonymous.GetFromJsonAsync<BulletinView>($"/api/bulletins/{publicIssue.Year}/{publicIssue.Number}?series=yibao"))!;
        Assert.DoesNotContain("报送率", issue.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("缺员", issue.Html, StringComparison.Ordinal);
        // The public series is unit-a's: unit-b is not in its figures or its text.
        Assert.DoesNotContain("房产局", issue.Html, StringComparison.Ordinal);

        foreach (var path in new[] { "/api/bulletins?series=ribao", "/api/bulletins/feed?series=ribao", $"/api/bulletins/{internalReport.Year}/{internalReport.Number}?series=ribao",
                     $"/api/bulletins/{internalReport.Year}/{internalReport.Number}/docx?series=ribao" })
        {
            var refused = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(path)).StatusCode);
        }

        Assert.DoesNotContain("工作日报", await anonymous.GetStringAsync("/api/bulletins/series"), StringComparison.Ordinal);
        Assert.DoesNotContain("工作日报", await anonymous.GetStringAsync("/api/bulletins"), StringComparison.Ordinal);
        Assert.DoesNotContain("工作日报", await anonymous.GetStringAsync("/api/bulletins/feed"), StringComparison.Ordinal);
        Assert.Contains("工作日报", await coordinator.GetStringAsync("/api/bulletins/series"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_counts_its_own_units_people_wherever_they_serve_and_no_other_units_people_at_its_sites()
    {
        await using var app = await StartAsync();
        var ledger = app.Get<DeploymentLedger>();
        // unit-b's person at unit-a's site-1, and unit-a's fourth person at unit-b's site-3.
        await ledger.JoinAsync(new NewMember(new string('b', 32), "reg-b", "unit-b", null), _ => "site-1", CancellationToken.None);
        await ledger.JoinAsync(new NewMember(new string('c', 32), "reg-c", "unit-a", null), _ => "site-3", CancellationToken.None);
        var service = app.Get<BulletinService>();

        var draft = await service.ComposeAsync(service.DefaultSeries, Period.Day(Yesterday), CancellationToken.None);

        // unit-a: the fixture's 3 at site-1 and 1 at site-3; unit-b's person is not unit-a's.
        Assert.Contains("共有4名党员干部报名下沉一线，其中4人已到2个社区（点位）", draft.Content.Lead, StringComparison.Ordinal);
    }

    private static async Task<(string Id, string Code)> RegisterAsync(CountsApp app, string phone, DateOnly today)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/registrations", new Dictionary<string, object?>
        {
            ["name"] = "张三",
            ["phone"] = phone,
            ["workUnit"] = "unit-a",
            ["partyMember"] = true,
            ["partyBranch"] = "机关第一党支部",
            ["homeCommunity"] = "三牌楼社区",
            ["skills"] = new[] { "gate-control" },
            ["availableFrom"] = today.ToString("O"),
            ["availableTo"] = today.AddDays(30).ToString("O"),
            ["consent"] = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = receipt.GetProperty("registrationId").GetString();
        var code = receipt.GetProperty("receiptCode").GetString();
        await FrontlineApp.EventuallyAsync(() => client.GetStringAsync($"/api/registrations/{id}?code={code}"), body => !body.Contains("\"received\"", StringComparison.Ordinal));
        return (id!, code!);
    }

    private static async Task SubmitAsync(HttpClient reporter, string siteId, DateOnly day, int tested)
    {
        var response = await reporter.PutAsJsonAsync($"/api/sites/{siteId}/counts/{day:yyyy-MM-dd}", new
        {
            // Within the on-duty margin even at a site none of the unit's people were assigned to (assignment spreads
            // volunteers over equally good sites, so which site each test volunteer lands on is not fixed).
            onDuty = 2, partyMembers = 2, tested, peopleChecked = 0, vehiclesChecked = 0, suppliesDelivered = 0, householdsVisited = 0,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<DayRollUp> SettledAsync(FrontlineApp app, DateOnly day, int reports) =>
        FrontlineApp.EventuallyAsync(() => app.Get<RollUpStore>().ReadDayAsync(day, CancellationToken.None), rollUp => rollUp.Reports == reports);

    /// <summary>The document's text, once OpenXmlValidator has found no error in it.</summary>
    private static string ValidDocumentText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(error => $"{error.Path?.XPath}: {error.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }
}
