using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Volunteers;

public sealed class RegistrationTests : IAsyncLifetime
{
    private static readonly string Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).ToString("O");
    private static readonly string InAMonth = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddDays(30).ToString("O");

    private readonly FrontlineApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        var catalogStore = _app.Get<CatalogStore>();
        await catalogStore.ImportUnitsAsync([new UnitDefinition("nj-yibao", "南京市医保局", null, null, null, ["nj-sanpailou", "nj-checkpoint"])], CancellationToken.None);
        await catalogStore.ImportSitesAsync(
        [
            new SiteDefinition("nj-sanpailou", "三牌楼社区", SiteTypes.Community, "鼓楼区", null, "三牌楼社区", "三牌楼社区党群服务中心", "社区值班室 025-0000", 2, [Skills.GateControl, Skills.DoorToDoor], null, null),
            new SiteDefinition("nj-checkpoint", "沪宁高速主线查验点", SiteTypes.Checkpoint, "南京市", null, "沪宁高速主线", null, null, 5, [Skills.GateControl, Skills.Driving], null, null),
            new SiteDefinition("nj-clinic", "社区医疗点", SiteTypes.TestingPoint, "南京市", null, "某社区", null, null, 3, [Skills.Medical], null, null),
        ], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, object?> Form(string phone = "13800138000", string? community = null, string[]? skills = null) => new()
    {
        ["name"] = "李春雷",
        ["phone"] = phone,
        ["workUnit"] = "nj-yibao",
        ["partyMember"] = true,
        ["partyBranch"] = "机关第一党支部",
        ["homeCommunity"] = community,
        ["skills"] = skills ?? [Skills.GateControl],
        ["availableFrom"] = Today,
        ["availableTo"] = InAMonth,
        ["consent"] = true,
    };

    private async Task<RegistrationAccepted> SubmitAsync(Dictionary<string, object?> form)
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/registrations", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!;
    }

    private async Task<RegistrationStatus> SettledStatusAsync(RegistrationAccepted receipt)
    {
        using var client = _app.CreateClient();
        return await FrontlineApp.EventuallyAsync(
            async () => (await client.GetFromJsonAsync<RegistrationStatus>(receipt.StatusUrl))!,
            status => status.Status != VolunteerStatus.Received);
    }

    private async Task<Catalog> CatalogAsync() => await _app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);

    private async Task<int> QueuedAsync() =>
        (await _app.Storage.Queue(QueueNames.Registrations).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    [Fact]
    public async Task A_registration_goes_through_the_real_queue_and_is_assigned_with_where_to_report()
    {
        var receipt = await SubmitAsync(Form(community: "三牌楼社区"));
        Assert.Matches("^[0-9A-Z]{8}$", receipt.ReceiptCode);

        var status = await SettledStatusAsync(receipt);

        Assert.Equal(VolunteerStatus.Assigned, status.Status);
        Assert.Equal("nj-sanpailou", status.Site!.Id);
        Assert.Equal("三牌楼社区党群服务中心", status.Site.Address);
        Assert.Equal("社区值班室 025-0000", status.Site.Contact);
        var catalog = await CatalogAsync();
        Assert.Equal(1, catalog.Sites["nj-sanpailou"].Assigned);
        Assert.Equal(1, catalog.Units["nj-yibao"].Volunteers);
        // 双报到: counted to the home community in the arrival log, by the day they registered.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var communities = await _app.Get<ArrivalLog>().CommunitiesAsync(today.AddDays(-1), today, CancellationToken.None);
        Assert.Equal(1, communities["三牌楼社区"]);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task A_made_up_registration_id_is_404_without_touching_storage(string id)
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync($"/api/registrations/{id}?code=AAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_receipt_code_is_404()
    {
        var receipt = await SubmitAsync(Form());
        using var client = _app.CreateClient();

        var response = await client.GetAsync($"/api/registrations/{receipt.RegistrationId}?code=WRONG123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, object?> BadValues() => new()
    {
        { "name", null }, { "name", "" }, { "name", new string('名', 51) }, { "name", "evil\u202Ename" }, { "name", 42 },
        { "phone", null }, { "phone", "12345" }, { "phone", "+1 415 555 0100" }, { "phone", "12800138000" }, { "phone", "010-12345678" }, { "phone", "138001380001" },
        { "workUnit", null }, { "workUnit", new string('单', 101) }, { "workUnit", "unit\u0000" },
        { "partyMember", null }, { "partyMember", "yes" },
        { "partyBranch", new string('支', 101) },
        { "homeCommunity", new string('社', 101) },
        { "skills", null }, { "skills", Array.Empty<string>() }, { "skills", new[] { "hacking" } }, { "skills", "gate-control" },
        { "availableFrom", null }, { "availableFrom", "2026-13-01" }, { "availableFrom", "next week" },
        { "availableTo", null }, { "availableTo", "2020-01-01" }, { "availableTo", "2099-01-01" },
        { "consent", false }, { "consent", null },
        { "website", "http://spam.example" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Each_bad_value_is_a_400_naming_the_field_and_nothing_is_queued(string field, object? value)
    {
        var form = Form();
        form[field] = value;
        using var client = _app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/registrations", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.RootElement}");
        Assert.Equal(0, await QueuedAsync());
    }

    [Theory]
    [InlineData("not json", "text/plain", 415)]
    [InlineData("{not json", "application/json", 400)]
    [InlineData("[1,2,3]", "application/json", 400)]
    [InlineData("", "application/json", 400)]
    public async Task A_body_that_is_not_a_json_form_is_a_4xx_problem(string body, string contentType, int status)
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/api/registrations", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await QueuedAsync());
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_nothing_is_queued()
    {
        var form = Form();
        form["padding"] = new string('x', 20_000);
        using var client = _app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/registrations", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await QueuedAsync());
    }

    [Fact]
    public async Task The_same_phone_in_three_spellings_is_one_volunteer_and_the_others_are_duplicates()
    {
        var first = await SubmitAsync(Form("+86 138-0013-8000"));
        Assert.Equal(VolunteerStatus.Assigned, (await SettledStatusAsync(first)).Status);
        var second = await SubmitAsync(Form("138 0013 8000"));
        var third = await SubmitAsync(Form("13800138000"));

        Assert.Equal(VolunteerStatus.Duplicate, (await SettledStatusAsync(second)).Status);
        var thirdStatus = await SettledStatusAsync(third);
        Assert.Equal(VolunteerStatus.Duplicate, thirdStatus.Status);
        Assert.Null(thirdStatus.Site);
        var catalog = await CatalogAsync();
        Assert.Equal(1, catalog.Units["nj-yibao"].Volunteers);
        Assert.Equal(1, catalog.Sites.Values.Sum(site => site.Assigned));
        Assert.Single(await VolunteerRowsAsync());
    }

    [Fact]
    public async Task The_same_message_processed_twice_stores_and_counts_one_volunteer()
    {
        var message = Message("13900139000");
        var processor = _app.Get<RegistrationProcessor>();

        await processor.HandleAsync(message, 1, CancellationToken.None);
        await processor.HandleAsync(message, 2, CancellationToken.None);

        var catalog = await CatalogAsync();
        Assert.Equal(1, catalog.Units["nj-yibao"].Volunteers);
        Assert.Equal(1, catalog.Sites.Values.Sum(site => site.Assigned));
        Assert.Single(await VolunteerRowsAsync());
    }

    [Fact]
    public async Task Two_registrations_with_the_same_phone_racing_end_in_one_volunteer()
    {
        var processor = _app.Get<RegistrationProcessor>();
        var messages = Enumerable.Range(0, 6).Select(_ => Message("13700137000")).ToArray();

        await Task.WhenAll(messages.Select(message => Task.Run(() => processor.HandleAsync(message, 1, CancellationToken.None))));

        var catalog = await CatalogAsync();
        Assert.Equal(1, catalog.Units["nj-yibao"].Volunteers);
        Assert.Equal(1, catalog.Sites.Values.Sum(site => site.Assigned));
        Assert.Single(await VolunteerRowsAsync());
        var outcomes = new List<string>();
        using var client = _app.CreateClient();
        foreach (var message in messages)
        {
            var id = JsonDocument.Parse(message).RootElement.GetProperty("registrationId").GetString()!;
            var status = await client.GetFromJsonAsync<RegistrationStatus>($"/api/registrations/{id}?code={_app.Get<PersonalData>().ReceiptCode(id)}");
            outcomes.Add(status!.Status);
        }

        Assert.Equal(1, outcomes.Count(outcome => outcome == VolunteerStatus.Assigned));
        Assert.Equal(5, outcomes.Count(outcome => outcome == VolunteerStatus.Duplicate));
    }

    [Fact]
    public async Task A_crash_after_the_join_is_stored_but_before_the_message_is_deleted_is_completed_exactly_once()
    {
        var message = Message("13600136000");
        var parsed = JsonSerializer.Deserialize<RegistrationMessage>(message, JsonBody.Options)!;
        // The first try committed the volunteer's place in the ledger, then the host died: no volunteer row,
        // no registration record, and the message still on the queue.
        await _app.Get<DeploymentLedger>().JoinAsync(new NewMember(parsed.PhoneHash, parsed.RegistrationId, parsed.WorkUnit, null),
            catalog => "nj-checkpoint", CancellationToken.None);

        await _app.Storage.Queue(QueueNames.Registrations).SendMessageAsync(message);

        var placed = await FrontlineApp.EventuallyAsync(
            () => _app.Get<VolunteerStore>().GetAsync(parsed.PhoneHash, CancellationToken.None),
            volunteer => volunteer?.Status == VolunteerStatus.Assigned);
        Assert.Equal(parsed.RegistrationId, placed!.RegistrationId);
        Assert.Equal("nj-checkpoint", placed.SiteId);
        var catalog = await CatalogAsync();
        Assert.Equal(1, catalog.Units["nj-yibao"].Volunteers);
        Assert.Equal(1, catalog.Sites["nj-checkpoint"].Assigned);
    }

    [Fact]
    public async Task A_phone_registered_again_after_withdrawing_becomes_a_volunteer_again()
    {
        var first = await SubmitAsync(Form("13300133000"));
        await SettledStatusAsync(first);
        using var client = _app.CreateClient();
        await client.PostAsync($"/api/registrations/{first.RegistrationId}/withdraw?code={first.ReceiptCode}", null);

        var second = await SettledStatusAsync(await SubmitAsync(Form("13300133000")));

        Assert.Equal(VolunteerStatus.Assigned, second.Status);
        Assert.Equal(1, (await CatalogAsync()).Units["nj-yibao"].Volunteers);
    }

    [Fact]
    public async Task Assignment_prefers_the_home_community_over_a_site_that_needs_more_people()
    {
        var status = await SettledStatusAsync(await SubmitAsync(Form("13500135000", community: "三牌楼社区", skills: [Skills.GateControl, Skills.Driving])));

        Assert.Equal("nj-sanpailou", status.Site!.Id);
    }

    [Fact]
    public async Task Without_a_home_community_the_site_that_needs_most_people_and_matches_skills_is_chosen()
    {
        var status = await SettledStatusAsync(await SubmitAsync(Form("13500135001", skills: [Skills.GateControl, Skills.Driving])));

        Assert.Equal("nj-checkpoint", status.Site!.Id);
    }

    [Fact]
    public async Task A_volunteer_whose_skills_fit_no_site_with_room_is_waitlisted_and_still_counts_for_their_unit()
    {
        var status = await SettledStatusAsync(await SubmitAsync(Form("13500135002", skills: [Skills.PsychologicalSupport])));

        Assert.Equal(VolunteerStatus.Waitlisted, status.Status);
        Assert.Null(status.Site);
        Assert.Equal(1, (await CatalogAsync()).Units["nj-yibao"].Volunteers);
    }

    [Fact]
    public async Task A_full_home_community_site_sends_the_volunteer_elsewhere()
    {
        for (var i = 0; i < 2; i++)
        {
            await SettledStatusAsync(await SubmitAsync(Form($"1350013510{i}", community: "三牌楼社区")));
        }

        var third = await SettledStatusAsync(await SubmitAsync(Form("13500135109", community: "三牌楼社区")));

        Assert.Equal("nj-checkpoint", third.Site!.Id);
        Assert.Equal(2, (await CatalogAsync()).Sites["nj-sanpailou"].Assigned);
    }

    [Fact]
    public async Task A_volunteer_withdrawing_with_the_receipt_frees_the_site_place()
    {
        var receipt = await SubmitAsync(Form("13400134000", community: "三牌楼社区"));
        await SettledStatusAsync(receipt);
        using var client = _app.CreateClient();

        var response = await client.PostAsync($"/api/registrations/{receipt.RegistrationId}/withdraw?code={receipt.ReceiptCode}", null);
        var again = await client.PostAsync($"/api/registrations/{receipt.RegistrationId}/withdraw?code={receipt.ReceiptCode}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VolunteerStatus.Withdrawn, (await again.Content.ReadFromJsonAsync<RegistrationStatus>())!.Status);
        var catalog = await CatalogAsync();
        Assert.Equal(0, catalog.Sites["nj-sanpailou"].Assigned);
        Assert.Equal(0, catalog.Units["nj-yibao"].Volunteers);
    }

    [Fact]
    public async Task A_coordinator_can_withdraw_a_volunteer_and_a_stranger_cannot()
    {
        var receipt = await SubmitAsync(Form("13400134001"));
        await SettledStatusAsync(receipt);
        var route = $"/api/registrations/{receipt.RegistrationId}/withdraw";

        using var stranger = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync(route, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync(route + "?code=AAAAAAAA", null)).StatusCode);
        using var reporter = _app.CreateClient(await _app.TokenAsync(["Reporter"], "nj-yibao"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsync(route, null)).StatusCode);
        Assert.Equal(1, (await CatalogAsync()).Units["nj-yibao"].Volunteers);

        using var coordinator = _app.CreateClient(await _app.TokenAsync(["Coordinator"]));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync(route, null)).StatusCode);
        Assert.Equal(0, (await CatalogAsync()).Units["nj-yibao"].Volunteers);
    }

    [Fact]
    public async Task No_public_answer_no_log_line_and_no_stored_value_contains_the_phone_digits()
    {
        var receipt = await SubmitAsync(Form("+86 133-2244-6688", community: "三牌楼社区"));
        await SettledStatusAsync(receipt);
        using var client = _app.CreateClient();
        var answers = new List<string>
        {
            JsonSerializer.Serialize(receipt),
            await client.GetStringAsync(receipt.StatusUrl),
            await client.GetStringAsync("/api/sites"),
            await client.GetStringAsync("/api/units"),
            await client.GetStringAsync("/api/stats"),
        };
        await foreach (var entity in _app.Storage.Table(TableNames.Volunteers).QueryAsync<TableEntity>())
        {
            answers.Add(JsonSerializer.Serialize(entity));
        }

        await foreach (var entity in _app.Storage.Table(TableNames.Deployment).QueryAsync<TableEntity>())
        {
            answers.Add(JsonSerializer.Serialize(entity));
        }

        foreach (var text in answers.Concat(_app.LogLines))
        {
            Assert.DoesNotContain("13322446688", text, StringComparison.Ordinal);
            Assert.DoesNotContain("2244", text, StringComparison.Ordinal);
        }

        var stored = await _app.Get<VolunteerStore>().GetAsync(_app.Get<PersonalData>().PhoneHash("13322446688"), CancellationToken.None);
        Assert.Equal("13322446688", _app.Get<PersonalData>().Decrypt(stored!.ProtectedPhone));
    }

    private string Message(string phone)
    {
        var personalData = _app.Get<PersonalData>();
        var day = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);
        var phoneHash = personalData.PhoneHash(phone);
        return JsonSerializer.Serialize(new RegistrationMessage(
            personalData.NewRegistrationId(phoneHash), DateTimeOffset.UtcNow, "测试志愿者", personalData.Encrypt(phone), phoneHash,
            "nj-yibao", true, null, null, [Skills.GateControl], day, day.AddDays(30)), JsonBody.Options);
    }

    private async Task<List<TableEntity>> VolunteerRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in _app.Storage.Table(TableNames.Volunteers).QueryAsync<TableEntity>())
        {
            rows.Add(entity);
        }

        return rows;
    }
}
