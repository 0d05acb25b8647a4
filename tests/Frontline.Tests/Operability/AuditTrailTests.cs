using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Audit;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Coordination;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Frontline.Tests.Operability;

/// <summary>
/// Sensitive actions leave a record of who did what, when, from where and on which records; only Admins read it,
/// and nobody can change it through the application.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly ConsoleApp _app = new();
    private HttpClient _admin = null!;
    private HttpClient _coordinator = null!;
    private string _adminId = "";
    private string _coordinatorId = "";

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        var issuer = _app.Get<DevelopmentTokenIssuer>();
        var adminToken = issuer.Issue([Roles.Admin], null, "王审计", TimeSpan.FromHours(1));
        var coordinatorToken = issuer.Issue([Roles.Coordinator], null, "蒲建宇", TimeSpan.FromHours(1));
        _adminId = new JsonWebToken(adminToken).GetClaim("oid").Value;
        _coordinatorId = new JsonWebToken(coordinatorToken).GetClaim("oid").Value;
        _admin = _app.CreateClient(adminToken);
        _coordinator = _app.CreateClient(coordinatorToken);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _coordinator.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_admins_unmasked_export_is_recorded_with_the_actor_address_and_row_count_and_a_coordinators_masked_one_too()
    {
        await _app.RegisterAsync("导出甲", "13700001111", "unit-a");
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/exports/volunteers.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _coordinator.GetAsync("/api/exports/volunteers.xlsx")).StatusCode);

        var records = await ReadAsync("?action=volunteers.exported");
        Assert.Equal(2, records.Count);
        var byAdmin = Assert.Single(records, record => record.ActorId == _adminId);
        Assert.Equal("王审计", byAdmin.ActorName);
        Assert.Equal(["Admin"], byAdmin.ActorRoles);
        Assert.Equal("unmasked", byAdmin.Details["phones"]);
        Assert.Equal("csv", byAdmin.Details["format"]);
        Assert.True(int.Parse(byAdmin.Details["rows"]) >= 1);
        Assert.Equal("GET", byAdmin.Method);
        Assert.Equal("exports/volunteers.csv", byAdmin.Route);
        Assert.Equal(200, byAdmin.Status);
        Assert.False(string.IsNullOrEmpty(byAdmin.Address));
        Assert.InRange(byAdmin.At, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));

        var byCoordinator = Assert.Single(records, record => record.ActorId == _coordinatorId);
        Assert.Equal("masked", byCoordinator.Details["phones"]);
        Assert.Equal("xlsx", byCoordinator.Details["format"]);

        // Newest first, and never a phone anywhere in the trail.
        Assert.True(records[0].At >= records[1].At);
        var raw = await _admin.GetStringAsync("/api/audit");
        Assert.DoesNotContain("13700001111", raw);
    }

    [Fact]
    public async Task A_reassignment_records_the_volunteer_and_both_sites()
    {
        var id = await _app.RegisterAsync("调配乙", "13700002222", "unit-b");
        var from = (await _app.Get<VolunteerStore>().GetAsync(_app.Get<PersonalData>().PhoneHash("13700002222"), CancellationToken.None))!.SiteId;
        var to = from == "site-1" ? "site-2" : "site-1";

        Assert.Equal(HttpStatusCode.OK, (await _coordinator.PostAsJsonAsync($"/api/volunteers/{id}/reassign", new { siteId = to })).StatusCode);

        var record = Assert.Single(await ReadAsync("?action=volunteer.reassigned"));
        Assert.Equal(_coordinatorId, record.ActorId);
        Assert.Equal(id, record.Records["volunteerId"]);
        Assert.Equal(from, record.Records["fromSite"]);
        Assert.Equal(to, record.Records["toSite"]);
        Assert.Equal("unit-b", record.Records["unit"]);
    }

    [Fact]
    public async Task A_coordinators_withdrawal_is_recorded_and_a_volunteers_own_withdrawal_with_the_receipt_is_not()
    {
        using var anonymous = _app.CreateClient();
        var own = await RegisterWithReceiptAsync(anonymous, "13700003333");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/api/registrations/{own.RegistrationId}/withdraw?code={own.ReceiptCode}", null)).StatusCode);
        var other = await _app.RegisterAsync("撤回丙", "13700004444", "unit-a");

        Assert.Equal(HttpStatusCode.OK, (await _coordinator.PostAsync($"/api/registrations/{other}/withdraw", null)).StatusCode);

        var record = Assert.Single(await ReadAsync("?action=registration.withdrawn"));
        Assert.Equal(_coordinatorId, record.ActorId);
        Assert.Equal("蒲建宇", record.ActorName);
        Assert.Equal(other, record.Records["registrationId"]);
    }

    [Fact]
    public async Task Reopening_a_day_imports_and_application_bindings_are_recorded_with_their_records()
    {
        var locked = CountsApp.Day(5);
        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.PostAsync($"/api/sites/site-1/counts/{locked}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _coordinator.PostAsync("/api/units/import",
            new StringContent(CatalogImport.UnitsHeader + "\nunit-c,新单位,,,,\nbad id!,坏,,,,\n", Encoding.UTF8, "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _coordinator.PostAsync("/api/sites/import",
            new StringContent(CatalogImport.SitesHeader + "\nsite-9,新点位,checkpoint,,,某社区,,,5,,,\n", Encoding.UTF8, "text/csv"))).StatusCode);
        const string clientId = "22222222-0000-4000-8000-000000000000";
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsJsonAsync($"/api/apps/{clientId}", new { unitId = "unit-b", name = "房产局系统" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/apps/{clientId}")).StatusCode);

        var reopened = Assert.Single(await ReadAsync("?action=counts.reopened"));
        Assert.Equal("site-1", reopened.Records["siteId"]);
        Assert.Equal(locked, reopened.Records["day"]);
        Assert.Equal(_coordinatorId, reopened.ActorId);

        var units = Assert.Single(await ReadAsync("?action=units.imported"));
        Assert.Equal("1", units.Details["imported"]);
        Assert.Equal("1", units.Details["rejected"]);
        Assert.Equal("1", Assert.Single(await ReadAsync("?action=sites.imported")).Details["imported"]);

        var bound = Assert.Single(await ReadAsync("?action=application.bound"));
        Assert.Equal(clientId, bound.Records["clientId"]);
        Assert.Equal("unit-b", bound.Records["unit"]);
        Assert.Equal(_adminId, bound.ActorId);
        Assert.Equal(clientId, Assert.Single(await ReadAsync("?action=application.unbound")).Records["clientId"]);
    }

    [Fact]
    public async Task A_refused_or_failed_action_leaves_no_record()
    {
        using var reporter = _app.CreateClient(await _app.TokenAsync([Roles.Reporter], "unit-a"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/api/exports/volunteers.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _coordinator.PostAsJsonAsync(
            "/api/volunteers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/reassign", new { siteId = "site-2" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _coordinator.PostAsync("/api/sites/site-1/counts/yesterday/reopen", null)).StatusCode);

        Assert.Empty(await ReadAsync(""));
    }

    [Fact]
    public async Task The_trail_is_read_by_day_actor_and_action_and_only_by_admins()
    {
        Assert.Equal(HttpStatusCode.OK, (await _coordinator.GetAsync("/api/exports/volunteers.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.PostAsync($"/api/sites/site-2/counts/{CountsApp.Day(6)}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/exports/volunteers.csv")).StatusCode);

        Assert.Equal(3, (await ReadAsync("")).Count);
        Assert.Equal(2, (await ReadAsync($"?actor={_coordinatorId}")).Count);
        Assert.Equal(2, (await ReadAsync($"?actor={Uri.EscapeDataString("蒲建宇")}")).Count);
        Assert.Single(await ReadAsync($"?actor={_coordinatorId}&action=counts.reopened"));
        Assert.Single(await ReadAsync($"?actor={_adminId}"));
        Assert.Equal(3, (await ReadAsync($"?from={CountsApp.Day(1)}&to={CountsApp.Day()}")).Count);
        Assert.Empty(await ReadAsync($"?from={CountsApp.Day(3)}&to={CountsApp.Day(1)}"));

        var page = (await _admin.GetFromJsonAsync<AuditPage>("/api/audit", JsonSerializerOptions.Web))!;
        Assert.Contains(page.Actions, action => action.Code == "volunteers.exported" && action.Chinese == "导出志愿者名单");
        Assert.Contains(page.Actions, action => action.Code == "bulletin.approved");

        using var anonymous = _app.CreateClient();
        using var reporter = _app.CreateClient(await _app.TokenAsync([Roles.Reporter], "unit-a"));
        foreach (var path in new[] { "/api/audit", "/api/audit/export.csv", "/api/audit/export.xlsx" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(path)).StatusCode);
            var refused = await _coordinator.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public void Every_sensitive_route_declares_its_audited_action()
    {
        var audited = Frontline.RouteTable.All.Where(route => route.Audit is not null).ToDictionary(route => route.Name, route => route.Audit!.Code);

        Assert.Equal(new Dictionary<string, string>
        {
            ["ExportVolunteersCsv"] = "volunteers.exported", ["ExportVolunteersXlsx"] = "volunteers.exported",
            ["ReassignVolunteer"] = "volunteer.reassigned", ["WithdrawRegistration"] = "registration.withdrawn",
            ["ReplayPoisonMessage"] = "poison.replayed", ["ReopenCounts"] = "counts.reopened",
            ["ApproveBulletin"] = "bulletin.approved", ["CorrectBulletin"] = "bulletin.corrected",
            ["ImportUnits"] = "units.imported", ["ImportSites"] = "sites.imported",
            ["BindApplication"] = "application.bound", ["UnbindApplication"] = "application.unbound",
            ["ExportAuditCsv"] = "audit.exported", ["ExportAuditXlsx"] = "audit.exported",
            ["PutIndicator"] = "indicator.changed", ["RetireIndicator"] = "indicator.retired",
            ["DeleteIndicator"] = "indicator.deleted", ["PutIndicatorRules"] = "indicator.rules-replaced",
            ["ImportAreas"] = "areas.imported",
            ["CreateBatch"] = "batch.created", ["WithdrawBatch"] = "batch.withdrawn",
            ["PutShiftPattern"] = "shift-pattern.set", ["PutVolunteerShifts"] = "shifts.set",
            ["CreateTeam"] = "team.created", ["UpdateTeam"] = "team.changed", ["SetVolunteerRole"] = "volunteer.role-set", ["SetDutyPhone"] = "site.duty-phone-set",
        }, audited);
        Assert.All(Frontline.RouteTable.All.Where(route => route.Audit is { Disclosure: true }), route => Assert.Equal("GET", route.Method));
    }

    [Theory]
    [InlineData("?from=2022-9-16", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2022-09-17&to=2022-09-16", "from")]
    [InlineData("?from=2022-08-01&to=2022-09-16", "from")]
    [InlineData("?action=volunteers.deleted", "action")]
    public async Task A_bad_filter_is_a_problem_naming_the_field(string query, string field)
    {
        var response = await _admin.GetAsync("/api/audit" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names {field}");
    }

    [Fact]
    public async Task The_trail_exports_as_csv_and_xlsx_in_beijing_time_and_the_export_is_itself_recorded()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.PostAsync($"/api/sites/site-1/counts/{CountsApp.Day(5)}/reopen", null)).StatusCode);

        var csv = await _admin.GetAsync("/api/audit/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF时间（北京时间）,操作,操作代码,操作人", text);
        Assert.Contains("重新开放已锁定的一天,counts.reopened,蒲建宇", text);
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Contains(at.ToString("yyyy-MM-dd ", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains("siteId=site-1", text);

        var xlsx = await _admin.GetAsync("/api/audit/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var (rows, problem) = Frontline.Spreadsheets.Xlsx.Read(await xlsx.Content.ReadAsByteArrayAsync(), 100);
        Assert.Null(problem);
        Assert.Equal("操作", rows![0][1]);
        Assert.Contains(rows, row => row.Contains("counts.reopened"));

        var exports = await ReadAsync("?action=audit.exported");
        Assert.Equal(2, exports.Count);
        Assert.All(exports, record => Assert.Equal(_adminId, record.ActorId));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task No_route_changes_or_deletes_a_record(string method)
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.PostAsync($"/api/sites/site-1/counts/{CountsApp.Day(5)}/reopen", null)).StatusCode);
        var id = Assert.Single(await ReadAsync("")).Id;

        foreach (var path in new[] { "/api/audit", $"/api/audit/{id}" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            var response = await _admin.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
        }

        Assert.Single(await ReadAsync(""));
        Assert.DoesNotContain(Frontline.RouteTable.All, route => route.Template.StartsWith("audit", StringComparison.Ordinal) && route.Method != "GET");
    }

    [Fact]
    public async Task An_export_of_people_whose_record_cannot_be_written_is_not_given_and_a_change_is_answered_and_counted()
    {
        // The trail's table is gone (as if deleted in the portal): every write to it fails as Azure answers it.
        await _app.Storage.Table(TableNames.AuditTrail).DeleteAsync();

        var export = await _admin.GetAsync("/api/exports/volunteers.csv");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.PostAsync($"/api/sites/site-1/counts/{CountsApp.Day(5)}/reopen", null)).StatusCode);
        Assert.Contains(_app.LogLines, line => line.Contains("The audit record of counts.reopened (ReopenCounts) could not be written", StringComparison.Ordinal));
        Assert.Contains(_app.LogLines, line => line.Contains("The audit record of volunteers.exported (ExportVolunteersCsv) could not be written", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<AuditRecord>> ReadAsync(string query)
    {
        var response = await _admin.GetAsync("/api/audit" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = (await response.Content.ReadFromJsonAsync<AuditPage>(JsonSerializerOptions.Web))!;
        // The Admin's own reads are not actions on anyone's records.
        return page.Records;
    }

    private async Task<RegistrationAccepted> RegisterWithReceiptAsync(HttpClient client, string phone)
    {
        var response = await client.PostAsJsonAsync("/api/registrations", new Dictionary<string, object?>
        {
            ["name"] = "自撤丁", ["phone"] = phone, ["workUnit"] = "unit-a", ["partyMember"] = false, ["skills"] = new[] { Skills.GateControl },
            ["availableFrom"] = CountsApp.Day(), ["availableTo"] = CountsApp.Today.AddDays(30).ToString("O"), ["consent"] = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!;
        await FrontlineApp.EventuallyAsync(
            async () => (await client.GetFromJsonAsync<RegistrationStatus>(receipt.StatusUrl))!,
            status => status.Status != VolunteerStatus.Received);
        return receipt;
    }
}
