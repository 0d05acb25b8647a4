using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Frontline.Reminders;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Coordination;

public sealed class ConsoleTests(ConsoleTests.App app) : IClassFixture<ConsoleTests.App>
{
    public sealed class App : ConsoleApp;

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> ListAsync(string query) =>
        await JsonAsync(await app.Coordinator.GetAsync("/api/volunteers" + query), HttpStatusCode.OK);

    private static JsonElement Only(JsonElement page, string volunteerId) =>
        page.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("volunteerId").GetString() == volunteerId);

    [Fact]
    public async Task The_volunteer_list_shows_masked_phones_and_filters_by_unit_status_name_and_last_four_digits()
    {
        var id = await app.RegisterAsync("欧阳列表", "13911112222", "unit-b");
        await app.RegisterAsync("欧阳其他", "13911113333", "unit-a");

        var raw = await (await app.Coordinator.GetAsync("/api/volunteers?unitId=unit-b")).Content.ReadAsStringAsync();
        var item = Only(JsonDocument.Parse(raw).RootElement, id);
        Assert.Equal("139****2222", item.GetProperty("phoneMasked").GetString());
        Assert.Equal("南京市房产局", item.GetProperty("unitName").GetString());
        Assert.Equal("assigned", item.GetProperty("status").GetString());
        Assert.Equal("gate-control", Assert.Single(item.GetProperty("skills").EnumerateArray()).GetString());
        Assert.True(item.GetProperty("partyMember").GetBoolean());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("siteName").GetString()));
        Assert.DoesNotContain("13911112222", raw, StringComparison.Ordinal);

        Assert.Equal(2, (await ListAsync("?q=" + Uri.EscapeDataString("欧阳"))).GetProperty("items").GetArrayLength());
        Assert.Equal(id, Assert.Single((await ListAsync("?q=2222")).GetProperty("items").EnumerateArray()).GetProperty("volunteerId").GetString());
        Assert.Empty((await ListAsync("?q=" + Uri.EscapeDataString("欧阳") + "&status=waitlisted")).GetProperty("items").EnumerateArray());
        var siteId = item.GetProperty("siteId").GetString();
        Assert.Contains((await ListAsync($"?siteId={siteId}")).GetProperty("items").EnumerateArray(), entry => entry.GetProperty("volunteerId").GetString() == id);
    }

    [Fact]
    public async Task The_list_pages_with_a_continuation_until_everyone_is_seen_once()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.RegisterAsync($"翻页{i}", $"1370000000{i}", "unit-a"));
        }

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await ListAsync("?unitId=unit-a&take=1" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.True(page.GetProperty("items").GetArrayLength() <= 1);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("volunteerId").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
            pages++;
        }
        while (continuation is not null && pages < 50);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task A_site_list_reads_the_units_with_people_there_and_pages_across_them()
    {
        var ids = new[] { await app.RegisterAsync("同点庚", "13755550001", "unit-a"), await app.RegisterAsync("同点辛", "13755550002", "unit-b") };
        foreach (var id in ids)
        {
            await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = "site-2" }), HttpStatusCode.OK);
        }

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await ListAsync("?siteId=site-2&take=1" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.All(page.GetProperty("items").EnumerateArray(), entry => Assert.Equal("site-2", entry.GetProperty("siteId").GetString()));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("volunteerId").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
            pages++;
        }
        while (continuation is not null && pages < 50);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
    }

    [Theory]
    [InlineData("?take=0", "take")]
    [InlineData("?take=abc", "take")]
    [InlineData("?status=duplicate", "status")]
    [InlineData("?unitId=..%2Fx", "unitId")]
    [InlineData("?continuation=%25%25%25", "continuation")]
    [InlineData("?q=%E2%80%AEevil", "q")]
    [InlineData("?q=a%EF%BF%BF", "q")]
    [InlineData("?q=" + "0123456789012345678901234567890123456789012345678901", "q")]
    [InlineData("?continuation=eA", "continuation")]
    [InlineData("?continuation=LTF8eA", "continuation")]
    public async Task A_bad_list_query_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await JsonAsync(await app.Coordinator.GetAsync("/api/volunteers" + query), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Reassigning_moves_the_volunteer_and_both_sites_counts()
    {
        var id = await app.RegisterAsync("调岗甲", "13622223333", "unit-b");
        var from = Only(await ListAsync("?unitId=unit-b"), id).GetProperty("siteId").GetString()!;
        var to = from == "site-1" ? "site-2" : "site-1";
        var fromBefore = (await app.SiteAsync(from)).GetProperty("assigned").GetInt32();
        var toBefore = (await app.SiteAsync(to)).GetProperty("assigned").GetInt32();

        var moved = await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = to }), HttpStatusCode.OK);

        Assert.Equal(id, moved.GetProperty("volunteerId").GetString());
        Assert.Equal(from, moved.GetProperty("fromSiteId").GetString());
        Assert.Equal(to, moved.GetProperty("toSiteId").GetString());
        Assert.Equal("assigned", moved.GetProperty("status").GetString());
        Assert.Equal(fromBefore - 1, (await app.SiteAsync(from)).GetProperty("assigned").GetInt32());
        Assert.Equal(toBefore + 1, (await app.SiteAsync(to)).GetProperty("assigned").GetInt32());
        Assert.Equal(to, Only(await ListAsync("?unitId=unit-b"), id).GetProperty("siteId").GetString());
        var catalog = await app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        Assert.True(catalog.AssignedAt(to, "unit-b") >= 1);

        // The same move again changes nothing.
        await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = to }), HttpStatusCode.OK);
        Assert.Equal(toBefore + 1, (await app.SiteAsync(to)).GetProperty("assigned").GetInt32());
    }

    [Fact]
    public async Task A_waitlisted_volunteer_moved_to_a_short_site_becomes_assigned_there()
    {
        var personalData = app.Get<PersonalData>();
        var phoneHash = personalData.PhoneHash("13544445555");
        var id = personalData.NewRegistrationId(phoneHash);
        await app.Get<DeploymentLedger>().JoinAsync(new NewMember(phoneHash, id, "unit-b", null), _ => null, CancellationToken.None);
        await app.Get<VolunteerStore>().SaveAsync(new Volunteer(phoneHash, id, "候补戊", personalData.Encrypt("13544445555"), "unit-b", "unit-b", false, null, null,
            [Skills.GateControl], CountsApp.Today, CountsApp.Today.AddDays(10), VolunteerStatus.Waitlisted, null, DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.Equal("waitlisted", Only(await ListAsync("?unitId=unit-b&status=waitlisted"), id).GetProperty("status").GetString());
        var before = (await app.SiteAsync("site-3")).GetProperty("assigned").GetInt32();

        var moved = await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = "site-3", day = CountsApp.Day() }), HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, moved.GetProperty("fromSiteId").ValueKind);
        Assert.Equal(before + 1, (await app.SiteAsync("site-3")).GetProperty("assigned").GetInt32());
        var entry = Only(await ListAsync("?unitId=unit-b&siteId=site-3"), id);
        Assert.Equal("assigned", entry.GetProperty("status").GetString());
        Assert.Equal("三牌楼社区", entry.GetProperty("siteName").GetString());
        Assert.Equal("site-3", (await app.Get<VolunteerStore>().GetAsync(phoneHash, CancellationToken.None))!.SiteId);
    }

    [Fact]
    public async Task Volunteers_stored_before_the_directory_existed_are_backfilled_once()
    {
        var personalData = app.Get<PersonalData>();
        var phoneHash = personalData.PhoneHash("13566667777");
        var id = personalData.NewRegistrationId(phoneHash);
        await app.Get<VolunteerStore>().SaveAsync(new Volunteer(phoneHash, id, "旧档己", personalData.Encrypt("13566667777"), "unit-b", "unit-b", true, null, null,
            [Skills.GateControl], CountsApp.Today, CountsApp.Today.AddDays(10), VolunteerStatus.Waitlisted, null, DateTimeOffset.UtcNow), CancellationToken.None);
        await app.Storage.Table(Frontline.Storage.TableNames.VolunteerDirectory).DeleteEntityAsync("unit-b", phoneHash);
        Assert.DoesNotContain((await ListAsync("?unitId=unit-b")).GetProperty("items").EnumerateArray(), entry => entry.GetProperty("volunteerId").GetString() == id);

        var directory = app.Get<VolunteerDirectory>();
        Assert.True(await directory.BackfillAsync(app.Get<VolunteerStore>().AllAsync(CancellationToken.None), CancellationToken.None) >= 1);
        Assert.Equal(0, await directory.BackfillAsync(app.Get<VolunteerStore>().AllAsync(CancellationToken.None), CancellationToken.None));

        Assert.Equal("135****7777", Only(await ListAsync("?unitId=unit-b"), id).GetProperty("phoneMasked").GetString());
    }

    [Fact]
    public async Task Two_coordinators_moving_one_person_at_once_leave_the_counts_exact()
    {
        var id = await app.RegisterAsync("调岗乙", "13622224444", "unit-a");
        var sites = new[] { "site-1", "site-2", "site-3" };
        var before = new Dictionary<string, int>();
        foreach (var site in sites)
        {
            before[site] = (await app.SiteAsync(site)).GetProperty("assigned").GetInt32();
        }

        var from = Only(await ListAsync("?unitId=unit-a"), id).GetProperty("siteId").GetString()!;
        var targets = sites.Where(site => site != from).ToArray();
        var responses = await Task.WhenAll(targets.Select(site => app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = site })));

        Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.OK);
        var final = Only(await ListAsync("?unitId=unit-a"), id).GetProperty("siteId").GetString()!;
        Assert.Contains(final, targets);
        foreach (var site in sites)
        {
            var expected = before[site] + (site == final ? 1 : 0) - (site == from ? 1 : 0);
            Assert.Equal(expected, (await app.SiteAsync(site)).GetProperty("assigned").GetInt32());
        }
    }

    [Fact]
    public async Task Reassignment_refuses_closed_sites_withdrawn_volunteers_unknowns_and_bad_input_and_changes_nothing()
    {
        var id = await app.RegisterAsync("调岗丙", "13622225555", "unit-a");
        var siteBefore = Only(await ListAsync("?unitId=unit-a"), id).GetProperty("siteId").GetString();

        await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = "site-closed" }), HttpStatusCode.Conflict);
        await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = "site-nowhere" }), HttpStatusCode.NotFound);
        await JsonAsync(await app.Coordinator.PostAsJsonAsync("/api/volunteers/not-a-volunteer/reassign", new { siteId = "site-1" }), HttpStatusCode.NotFound);
        var noSite = await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { day = CountsApp.Day() }), HttpStatusCode.BadRequest);
        Assert.True(noSite.GetProperty("errors").TryGetProperty("siteId", out _));
        var pastDay = await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = "site-1", day = CountsApp.Day(3) }), HttpStatusCode.BadRequest);
        Assert.True(pastDay.GetProperty("errors").TryGetProperty("day", out _));
        var wrongType = await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = 42 }), HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("siteId", out _));
        Assert.Equal(siteBefore, Only(await ListAsync("?unitId=unit-a"), id).GetProperty("siteId").GetString());

        var withdrawn = await app.Coordinator.PostAsync($"/api/registrations/{id}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        await JsonAsync(await app.Coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = "site-1" }), HttpStatusCode.Conflict);
        Assert.Equal("withdrawn", Only(await ListAsync("?unitId=unit-a&status=withdrawn"), id).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reminder_goes_to_each_unit_missing_the_day_through_the_queue_into_the_outbox_once()
    {
        var day = CountsApp.Day(1);
        var counts = new { onDuty = 1, partyMembers = 1, tested = 1, peopleChecked = 1, vehiclesChecked = 0, suppliesDelivered = 1, householdsVisited = 1 };
        Assert.Equal(HttpStatusCode.OK, (await app.Coordinator.PutAsJsonAsync($"/api/sites/site-3/counts/{day}?unitId=unit-b", counts)).StatusCode);

        var none = await JsonAsync(await app.Coordinator.PostAsJsonAsync("/api/reminders", new { day, unitIds = new[] { "unit-b" } }), HttpStatusCode.Accepted);
        Assert.Equal(0, none.GetProperty("queued").GetInt32());
        var queued = await JsonAsync(await app.Coordinator.PostAsJsonAsync("/api/reminders", new { day }), HttpStatusCode.Accepted);
        Assert.Equal(1, queued.GetProperty("queued").GetInt32());

        var outbox = await FrontlineApp.EventuallyAsync(
            async () => await JsonAsync(await app.Coordinator.GetAsync($"/api/reminders/outbox?day={day}"), HttpStatusCode.OK),
            page => page.GetProperty("items").GetArrayLength() > 0);
        var entry = Assert.Single(outbox.GetProperty("items").EnumerateArray());
        Assert.Equal("unit-a", entry.GetProperty("unitId").GetString());
        Assert.Equal("南京市医保局", entry.GetProperty("unitName").GetString());
        Assert.Equal(day, entry.GetProperty("day").GetString());
        Assert.Equal("outbox", entry.GetProperty("channel").GetString());
        Assert.Contains("锦东庭园小区", entry.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("site-3", entry.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The same message delivered twice more records nothing more.
        var message = JsonSerializer.Serialize(new ReminderMessage(entry.GetProperty("id").GetString()!, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "unit-a", ["site-1"]), Frontline.Http.JsonBody.Options);
        await app.Get<ReminderProcessor>().HandleAsync(message, 2, CancellationToken.None);
        await app.Get<ReminderProcessor>().HandleAsync(message, 3, CancellationToken.None);
        var again = await JsonAsync(await app.Coordinator.GetAsync($"/api/reminders/outbox?day={day}"), HttpStatusCode.OK);
        Assert.Equal(1, again.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"day":"yesterday"}""", "day")]
    [InlineData("""{"unitIds":["unit-a"]}""", "day")]
    [InlineData("""{"day":"2099-01-01"}""", "day")]
    [InlineData("""{"day":"2026-01-01","unitIds":["no-such-unit"]}""", "unitIds")]
    [InlineData("""{"day":"2026-01-01","unitIds":["../x"]}""", "unitIds")]
    [InlineData("""{"day":"2026-01-01","unitIds":"unit-a"}""", "unitIds")]
    public async Task A_bad_reminder_request_is_a_400_naming_the_field_and_queues_nothing(string body, string field)
    {
        var before = (await app.Storage.Queue("reminders").GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var response = await app.Coordinator.PostAsync("/api/reminders", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, (await app.Storage.Queue("reminders").GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_counts_export_is_excel_ready_csv_with_formulas_neutralised()
    {
        var day = CountsApp.Day(2);
        var counts = new { onDuty = 2, partyMembers = 1, tested = 3000, peopleChecked = 0, vehiclesChecked = 0, suppliesDelivered = 1, householdsVisited = 0, highlight = "=cmd|' /C calc'!A0" };
        Assert.Equal(HttpStatusCode.OK, (await app.ReporterA.PutAsJsonAsync($"/api/sites/site-2/counts/{day}", counts)).StatusCode);

        var response = await app.Coordinator.GetAsync($"/api/exports/counts.csv?from={day}&to={day}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("每日数据-", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("日期,单位编号,派出单位", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[^\r]\n", text);
        var row = text.Split("\r\n")[1];
        Assert.Contains("三牌楼社区核酸检测点", row, StringComparison.Ordinal);
        Assert.Contains(",3000,", row, StringComparison.Ordinal);
        Assert.Contains("'=cmd|' /C calc'!A0", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_completeness_export_opens_as_an_xlsx_with_the_header_and_chinese_cells()
    {
        var response = await app.Coordinator.GetAsync($"/api/exports/completeness.xlsx?day={CountsApp.Day()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["日期", "单位编号", "派出单位", "点位编号", "点位", "报送状态", "报送时间", "版本"], rows[0]);
        Assert.Contains(rows.Skip(1), row => row[1] == "unit-a" && row[2] == "南京市医保局" && row[3] == "site-1" && row[4] == "锦东庭园小区");
        Assert.DoesNotContain(rows.Skip(1), row => row[3] == "site-closed");
    }

    [Fact]
    public async Task The_volunteers_export_masks_phones_for_coordinators_and_shows_them_to_admins()
    {
        await app.RegisterAsync("导出丁", "13833334444", "unit-a");

        var masked = Encoding.UTF8.GetString(await app.Coordinator.GetByteArrayAsync("/api/exports/volunteers.csv"));
        Assert.Contains("138****4444", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("13833334444", masked, StringComparison.Ordinal);

        var full = ReadSheet(await app.Admin.GetByteArrayAsync("/api/exports/volunteers.xlsx"));
        Assert.Equal("姓名", full[0][1]);
        Assert.Contains(full.Skip(1), row => row[1] == "导出丁" && row[2] == "13833334444" && row[3] == "南京市医保局");
        Assert.DoesNotContain(app.LogLines, line => line.Contains("13833334444", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/exports/counts.csv?from=2026-02-30", "from")]
    [InlineData("/api/exports/counts.xlsx?from=2026-01-10&to=2026-01-01", "from")]
    [InlineData("/api/exports/counts.csv?from=2025-01-01&to=2026-01-01", "from")]
    [InlineData("/api/exports/counts.csv?to=never", "to")]
    [InlineData("/api/exports/completeness.csv?day=2026-1-1", "day")]
    public async Task A_bad_export_query_is_a_400_naming_the_field(string path, string field)
    {
        var problem = await JsonAsync(await app.Coordinator.GetAsync(path), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// <summary>The first sheet's cells as text, row by row, read with nothing but System.IO.Compression.</summary>
    private static List<string[]> ReadSheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        using var stream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var sheet = XDocument.Load(stream);
        return sheet.Descendants(Main + "row")
            .Select(row => row.Elements(Main + "c")
                .Select(cell => cell.Attribute("t")?.Value == "inlineStr"
                    ? string.Concat(cell.Descendants(Main + "t").Select(t => t.Value))
                    : cell.Element(Main + "v")?.Value ?? "")
                .ToArray())
            .ToList();
    }
}
