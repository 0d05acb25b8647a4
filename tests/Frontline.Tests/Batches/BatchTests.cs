using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Batches;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Batches;

/// <summary>
/// Dispatch batches on Azurite: a unit's organiser records people sent in batches, rotations replace earlier batches,
/// person-times (人次) add up across batches, and a registered volunteer listed in a batch is one person. Each test
/// has its own unit, because the tests share one store.
/// </summary>
public sealed class BatchTests(BatchTests.App app) : IClassFixture<BatchTests.App>
{
    /// <summary>The first day of the 房产局's deployment in the report (自3月17日开展下沉支援以来).</summary>
    private static readonly DateOnly March17 = new(2022, 3, 17);

    /// <summary>Today in Beijing, the day the public site list and figures are of.</summary>
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    public sealed class App : FrontlineApp
    {
        public const string Phone = "13900000019";

        public string PhoneHash { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            Settings["Frontline:Triggers:Enabled"] = "false";
            Settings["Frontline:OnDutyMargin"] = "2";
            await base.InitializeAsync();
            var catalog = Get<CatalogStore>();
            string[] units = ["u-record", "u-rotate", "u-once", "u-bad", "u-own", "u-other", "u-withdraw", "u-duty", "u-public", "u-late", "u-full"];
            await catalog.ImportUnitsAsync(units.Select(unit => new UnitDefinition(unit, "单位" + unit, null, null, null, [$"s-{unit}", $"s-{unit}-2"])), CancellationToken.None);
            await catalog.ImportSitesAsync(units.SelectMany(unit => new[]
            {
                // u-late's and u-full's own communities, so a registration naming one is placed at a site of that unit.
                new SiteDefinition($"s-{unit}", "建邺区社区卫生服务中心支援点", SiteTypes.Community, "建邺区", null, unit switch { "u-late" => "宁海路街道", "u-full" => "龙江街道", _ => "兴隆街道" }, null, null, 6, [], null, null),
                new SiteDefinition($"s-{unit}-2", "江心洲街道支援点", SiteTypes.Community, "建邺区", null, unit == "u-full" ? "龙江街道" : "江心洲街道", null, null, 6, [], null, null),
            }), CancellationToken.None);

            // A registered volunteer of u-once, assigned at its first site: in the directory and in the site's assigned count.
            var personalData = Get<PersonalData>();
            PhoneHash = personalData.PhoneHash(Phone);
            var registrationId = personalData.NewRegistrationId(PhoneHash);
            await Get<DeploymentLedger>().JoinAsync(new NewMember(PhoneHash, registrationId, "u-once", null), _ => "s-u-once", CancellationToken.None);
            await Get<VolunteerStore>().SaveAsync(new Volunteer(PhoneHash, registrationId, "林霞", personalData.Encrypt(Phone), "单位u-once", "u-once", true, "机关党支部",
                null, [], March17, March17.AddDays(120), VolunteerStatus.Assigned, "s-u-once", DateTimeOffset.UtcNow), CancellationToken.None);

            // And one of u-public at its first site, serving today: the public list's figures are today's.
            var publicHash = personalData.PhoneHash(PublicPhone);
            var publicId = personalData.NewRegistrationId(publicHash);
            await Get<DeploymentLedger>().JoinAsync(new NewMember(publicHash, publicId, "u-public", null), _ => "s-u-public", CancellationToken.None);
            await Get<VolunteerStore>().SaveAsync(new Volunteer(publicHash, publicId, "周敏", personalData.Encrypt(PublicPhone), "单位u-public", "u-public", true, "机关党支部",
                null, [], Today.AddDays(-30), Today.AddDays(30), VolunteerStatus.Assigned, "s-u-public", DateTimeOffset.UtcNow), CancellationToken.None);
            await FillAsync();

            // And one of u-public on the waitlist: registered, counted in the unit, on duty at no site.
            var waitingHash = personalData.PhoneHash(WaitlistedPhone);
            var waitingId = personalData.NewRegistrationId(waitingHash);
            await Get<DeploymentLedger>().JoinAsync(new NewMember(waitingHash, waitingId, "u-public", null), _ => null, CancellationToken.None);
            await Get<VolunteerStore>().SaveAsync(new Volunteer(waitingHash, waitingId, "钱进", personalData.Encrypt(WaitlistedPhone), "单位u-public", "u-public", true, "机关党支部",
                null, [], Today.AddDays(-30), Today.AddDays(30), VolunteerStatus.Waitlisted, null, DateTimeOffset.UtcNow), CancellationToken.None);
        }

        public const string WaitlistedPhone = "13900000023";

        public const string PublicPhone = "13900000021";

        /// <summary>Two registered at u-full's second site: without the batch, its first site (empty) would be the shorter.</summary>
        private async Task FillAsync()
        {
            var personalData = Get<PersonalData>();
            foreach (var phone in new[] { "13900000042", "13900000043" })
            {
                var hash = personalData.PhoneHash(phone);
                await Get<DeploymentLedger>().JoinAsync(new NewMember(hash, personalData.NewRegistrationId(hash), "u-full", null), _ => "s-u-full-2", CancellationToken.None);
            }
        }

        public async Task<HttpClient> ReporterAsync(string unitId) => CreateClient(await TokenAsync([Roles.Reporter], unitId));

        public async Task<HttpClient> CoordinatorAsync() => CreateClient(await TokenAsync([Roles.Coordinator]));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Body(string siteId, int people, DateOnly from, DateOnly to, string? replaces = null, object[]? names = null) =>
        new { from = Day(from), to = Day(to), sites = new[] { new { siteId, people } }, replaces, names };

    private static async Task<BatchView> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BatchView>(JsonSerializerOptions.Web))!;
    }

    private static async Task<UnitBatches> UnitAsync(HttpClient client, string unitId, DateOnly day)
    {
        var response = await client.GetAsync($"/api/units/{unitId}/batches?day={Day(day)}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UnitBatches>(JsonSerializerOptions.Web))!;
    }

    private static async Task<SiteStaffing> StaffingAsync(HttpClient coordinator, string siteId, DateOnly day)
    {
        var response = await coordinator.GetAsync($"/api/sites/{siteId}/staffing?day={Day(day)}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SiteStaffing>(JsonSerializerOptions.Web))!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    private Task<string> SnapshotAsync() => StorageSnapshot.TakeAsync(app.Storage, [TableNames.DispatchBatches, TableNames.AuditTrail], queues: false);

    [Fact]
    public async Task A_reporter_records_a_batch_and_the_unit_counts_its_people_on_its_days()
    {
        using var reporter = await app.ReporterAsync("u-record");
        var batch = await CreatedAsync(await reporter.PostAsync("/api/units/u-record/batches",
            Json(new { from = "2022-05-20", to = "2022-06-10", sites = new[] { new { siteId = "s-u-record", people = 4 }, new { siteId = "s-u-record-2", people = 2 } },
                names = new[] { new { name = "倪兴龙", siteId = "s-u-record" } } })));

        Assert.Equal(("u-record", 6, BatchStatus.Active), (batch.UnitId, batch.People, batch.Status));
        Assert.StartsWith("20220520-", batch.BatchId, StringComparison.Ordinal);
        Assert.Equal([("s-u-record", 4), ("s-u-record-2", 2)], batch.Sites.Select(site => (site.SiteId, site.People)));
        var june1 = await UnitAsync(reporter, "u-record", new DateOnly(2022, 6, 1));
        Assert.Equal((6, 0, 6, 6, 1), (june1.OnDuty, june1.RegisteredOnDuty, june1.AddedOnDuty, june1.PersonTimes, june1.Batches));
        Assert.Equal(batch.BatchId, Assert.Single(june1.Items).BatchId);
        var after = await UnitAsync(reporter, "u-record", new DateOnly(2022, 6, 11));
        Assert.Equal((0, 6), (after.OnDuty, after.PersonTimes));

        using var coordinator = await app.CoordinatorAsync();
        var site = await StaffingAsync(coordinator, "s-u-record", new DateOnly(2022, 6, 1));
        Assert.Equal((0, 4, 0, 4, 2, 4), (site.Assigned, site.OnDutyFromBatches, site.AlsoAssigned, site.People, site.Shortfall, site.PersonTimes));
        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "batch.created"),
            record => record.Records.GetValueOrDefault("batch") == batch.BatchId && record.Details["people"] == "6");
    }

    [Fact]
    public async Task A_batch_on_duty_raises_the_on_duty_ceiling_of_its_units_counts_at_its_site_on_its_days_only()
    {
        // No registered volunteer at the site: with the margin of 2, eight on duty is refused until a batch of six is there.
        using var reporter = await app.ReporterAsync("u-duty");
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).AddDays(-1);
        object Counts(int onDuty) => new { values = new Dictionary<string, decimal> { ["on-duty"] = onDuty, ["party-members"] = 1, ["tested"] = 0, ["people-checked"] = 0, ["supplies-delivered"] = 0, ["households-visited"] = 10 } };
        await AssertProblemAsync(await reporter.PutAsJsonAsync($"/api/sites/s-u-duty-2/counts/{Day(yesterday)}", Counts(8)), HttpStatusCode.BadRequest, "values.on-duty");

        await CreatedAsync(await reporter.PostAsync("/api/units/u-duty/batches", Json(Body("s-u-duty-2", 6, yesterday, yesterday.AddDays(5)))));
        using (var accepted = await reporter.PutAsJsonAsync($"/api/sites/s-u-duty-2/counts/{Day(yesterday)}", Counts(8)))
        {
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        }

        // The day before the batch began, the ceiling is the directory's alone.
        await AssertProblemAsync(await reporter.PutAsJsonAsync($"/api/sites/s-u-duty-2/counts/{Day(yesterday.AddDays(-1))}", Counts(8)), HttpStatusCode.BadRequest, "values.on-duty");
    }

    [Fact]
    public async Task Rotations_replace_a_batch_at_its_site_and_person_times_add_up_across_them()
    {
        // Three batches one after the other, as the 房产局 sent (3批11人次); the split 3 + 4 + 4 is the test's own.
        using var reporter = await app.ReporterAsync("u-rotate");
        var first = await CreatedAsync(await reporter.PostAsync("/api/units/u-rotate/batches", Json(Body("s-u-rotate", 3, March17, March17.AddDays(20)))));
        var second = await CreatedAsync(await reporter.PostAsync("/api/units/u-rotate/batches",
            Json(Body("s-u-rotate", 4, March17.AddDays(21), March17.AddDays(41), replaces: first.BatchId))));
        var third = await CreatedAsync(await reporter.PostAsync("/api/units/u-rotate/batches",
            Json(Body("s-u-rotate", 4, March17.AddDays(42), March17.AddDays(80), replaces: second.BatchId))));

        Assert.Equal(second.BatchId, third.Replaces);
        var batches = await UnitAsync(reporter, "u-rotate", March17.AddDays(30));
        Assert.Equal((4, 11, 3), (batches.OnDuty, batches.PersonTimes, batches.Batches));
        Assert.Equal([second.BatchId, third.BatchId, null], batches.Items.Select(batch => batch.ReplacedBy));
        Assert.Equal(3, (await UnitAsync(reporter, "u-rotate", March17)).OnDuty);
        Assert.Equal(4, (await UnitAsync(reporter, "u-rotate", March17.AddDays(60))).OnDuty);
        using var coordinator = await app.CoordinatorAsync();
        var site = await StaffingAsync(coordinator, "s-u-rotate", March17.AddDays(60));
        Assert.Equal((4, 11), (site.OnDutyFromBatches, site.PersonTimes));
        Assert.Equal(3, Assert.Single(site.Units, unit => unit.UnitId == "u-rotate").Batches.Count);

        // A batch is replaced once: a second rotation of the first batch is refused and writes nothing.
        var before = await SnapshotAsync();
        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-rotate/batches",
            Json(Body("s-u-rotate", 2, March17.AddDays(90), March17.AddDays(95), replaces: first.BatchId))), HttpStatusCode.Conflict, "replaces");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_registered_volunteer_listed_in_a_batch_is_one_person()
    {
        using var reporter = await app.ReporterAsync("u-once");
        var day = new DateOnly(2022, 6, 1);
        // Her phone written another way than at registration: the same person.
        var batch = await CreatedAsync(await reporter.PostAsync("/api/units/u-once/batches", Json(Body("s-u-once", 2, day.AddDays(-10), day.AddDays(10),
            names: [new { name = "林霞", phone = "+86 139-0000-0019" }, new { name = "罗刚", phone = "139 0000 0020" }]))));

        Assert.Equal(1, batch.Registered);
        Assert.Equal([true, false], batch.Names.Select(person => person.Registered));
        var unit = await UnitAsync(reporter, "u-once", day);
        Assert.Equal((2, 1, 1), (unit.OnDuty, unit.RegisteredOnDuty, unit.AddedOnDuty));
        using var coordinator = await app.CoordinatorAsync();
        var site = await EventuallyStaffingAsync(coordinator, "s-u-once", day);
        Assert.Equal((1, 2, 1, 2), (site.Assigned, site.OnDutyFromBatches, site.AlsoAssigned, site.People));

        // The phones are in no answer and nowhere in storage in clear.
        var answers = await (await reporter.GetAsync($"/api/units/u-once/batches?day={Day(day)}")).Content.ReadAsStringAsync();
        var stored = await StorageSnapshot.TakeAsync(app.Storage, [TableNames.DispatchBatches, TableNames.AuditTrail], queues: false);
        foreach (var text in new[] { answers, stored })
        {
            Assert.DoesNotContain("13900000019", text, StringComparison.Ordinal);
            Assert.DoesNotContain("13900000020", text, StringComparison.Ordinal);
        }

        // Listed again in another batch on overlapping days: refused, naming the field, nothing written.
        var before = await SnapshotAsync();
        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-once/batches", Json(Body("s-u-once-2", 1, day, day.AddDays(20),
            names: [new { name = "林霞", phone = "13900000019" }]))), HttpStatusCode.Conflict, "names[0].phone");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_public_site_list_and_figures_count_todays_batch_people_beyond_the_registered_once()
    {
        using var anyone = app.CreateClient();
        async Task<(int Assigned, int FromBatches, int Second, int OnDuty)> PublicAsync()
        {
            var sites = (await anyone.GetFromJsonAsync<List<SiteSummary>>("/api/sites", JsonSerializerOptions.Web))!;
            var first = sites.Single(site => site.Id == "s-u-public");
            var stats = (await anyone.GetFromJsonAsync<Frontline.Stats.PublicStats>("/api/stats", JsonSerializerOptions.Web))!;
            return (first.Assigned, first.FromBatches, sites.Single(site => site.Id == "s-u-public-2").Assigned, stats.VolunteersOnDuty);
        }

        // Read afresh: another test's registrant marked in a batch leaves the cache minutes old by design (ListedRegistrations).
        app.Get<BatchPeopleCache>().Forget();
        var before = await FrontlineApp.EventuallyAsync(PublicAsync, figures => figures.Assigned == 1);
        Assert.Equal((1, 0, 0), (before.Assigned, before.FromBatches, before.Second));

        // Three people on duty today, 周敏 (registered, serving there already) among them; and a batch that starts next week.
        using var reporter = await app.ReporterAsync("u-public");
        var today = await CreatedAsync(await reporter.PostAsync("/api/units/u-public/batches", Json(Body("s-u-public", 3, Today.AddDays(-2), Today.AddDays(5),
            names: [new { name = "周敏", phone = App.PublicPhone }, new { name = "吴迪", phone = "13900000022" }]))));
        await CreatedAsync(await reporter.PostAsync("/api/units/u-public/batches", Json(Body("s-u-public-2", 4, Today.AddDays(7), Today.AddDays(20)))));

        // The batch's people show at once on the host that recorded it: 周敏 once, two more beside her.
        var after = await PublicAsync();
        Assert.Equal((3, 2, 0, before.OnDuty + 2), after);

        Assert.Equal(HttpStatusCode.OK, (await reporter.PostAsync($"/api/units/u-public/batches/{today.BatchId}/withdraw", null)).StatusCode);
        Assert.Equal(before, await PublicAsync());

        // Listed at the unit's other site while the directory has her at the first: each site counts her as serving there,
        // the total of people on duty once (the batch adds its one other person).
        await CreatedAsync(await reporter.PostAsync("/api/units/u-public/batches", Json(Body("s-u-public-2", 2, Today.AddDays(-1), Today.AddDays(1),
            names: [new { name = "周敏", phone = App.PublicPhone }]))));
        var elsewhere = await PublicAsync();
        Assert.Equal((1, 0, 2, before.OnDuty + 1), elsewhere);

        // 钱进 registered and waits for a site; a batch puts him on duty at the first: one person more there and in the total.
        await CreatedAsync(await reporter.PostAsync("/api/units/u-public/batches", Json(Body("s-u-public", 1, Today, Today.AddDays(3),
            names: [new { name = "钱进", phone = App.WaitlistedPhone }]))));
        Assert.Equal((2, 1, 2, before.OnDuty + 2), await PublicAsync());
    }

    [Fact]
    public async Task A_person_a_batch_lists_who_registers_afterwards_is_still_one_person()
    {
        using var reporter = await app.ReporterAsync("u-late");
        using var coordinator = await app.CoordinatorAsync();
        var day = Today;
        // A batch of 2022 lists her too: it was over before she registered, and stays as it was.
        var ended = await CreatedAsync(await reporter.PostAsync("/api/units/u-late/batches", Json(Body("s-u-late-2", 1, March17, March17.AddDays(20),
            names: [new { name = "林晓", phone = "13900000031" }]))));
        var batch = await CreatedAsync(await reporter.PostAsync("/api/units/u-late/batches", Json(Body("s-u-late", 2, Today.AddDays(-1), Today.AddDays(20),
            names: [new { name = "林晓", phone = "13900000031" }, new { name = "王强", phone = "13900000032" }]))));
        Assert.Equal(0, batch.Registered);
        Assert.Equal((2, 0, 2), await OnDutyAsync());
        Assert.Equal((0, 2, 0, 2), await SiteAsync());

        // 林晓 fills in the public form afterwards, naming the community of the batch's site; the message comes twice.
        var personalData = app.Get<PersonalData>();
        var hash = personalData.PhoneHash("13900000031");
        var message = JsonSerializer.Serialize(new RegistrationMessage(personalData.NewRegistrationId(hash), DateTimeOffset.UtcNow, "林晓", personalData.Encrypt("13900000031"), hash,
            "u-late", true, null, "宁海路街道", [], Today, Today.AddDays(30)), Frontline.Http.JsonBody.Options);
        var processor = app.Get<RegistrationProcessor>();
        await processor.HandleAsync(message, 1, CancellationToken.None);
        await processor.HandleAsync(message, 2, CancellationToken.None);
        Assert.Equal("s-u-late", (await app.Get<VolunteerDirectory>().FindAsync("u-late", hash, CancellationToken.None))?.SiteId);

        // Two people still: she is the registered volunteer assigned there, and the batch adds only 王强.
        Assert.Equal((2, 1, 1), await OnDutyAsync());
        Assert.Equal((1, 2, 1, 2), await SiteAsync());
        var listed = (await UnitAsync(reporter, "u-late", day)).Items.Single(item => item.BatchId == batch.BatchId);
        Assert.Equal([true, false], listed.Names.Select(person => person.Registered));
        Assert.Equal(1, listed.Registered);

        // Marked on the day she registered: a figure as of the day before still has her as the batch's person.
        var stored = (await app.Get<BatchStore>().GetAsync("u-late", batch.BatchId, CancellationToken.None))!.Value.Batch;
        Assert.Equal((Today, true), (stored.Names[0].RegisteredOn, stored.Names[0].RegisteredOnHere));
        Assert.Equal((0, 0), (stored.AsOf(Today.AddDays(-1)).Sites[0].Registered, stored.AsOf(Today.AddDays(-1)).Sites[0].RegisteredHere));
        Assert.Equal((1, 1), (stored.AsOf(Today).Sites[0].Registered, stored.AsOf(Today).Sites[0].RegisteredHere));
        Assert.False((await UnitAsync(reporter, "u-late", March17)).Items.Single(item => item.BatchId == ended.BatchId).Names.Single().Registered);

        async Task<(int, int, int)> OnDutyAsync()
        {
            var unit = await UnitAsync(reporter, "u-late", day);
            return (unit.OnDuty, unit.RegisteredOnDuty, unit.AddedOnDuty);
        }

        async Task<(int, int, int, int)> SiteAsync()
        {
            var site = await StaffingAsync(coordinator, "s-u-late", day);
            return (site.Assigned, site.OnDutyFromBatches, site.AlsoAssigned, site.People);
        }
    }

    [Fact]
    public async Task A_new_registration_is_not_sent_to_a_site_a_batch_already_staffs()
    {
        // Six people on duty today at a site that needs six: full, though no one has registered for it.
        using var reporter = await app.ReporterAsync("u-full");
        await CreatedAsync(await reporter.PostAsync("/api/units/u-full/batches", Json(Body("s-u-full", 6, Today.AddDays(-1), Today.AddDays(10)))));
        // A registration's choice of site takes the batch people from memory and never waits for their read: this one has ended first.
        await app.Get<BatchPeopleCache>().OnDutyAsync(Today, (_, _) => true, CancellationToken.None);

        // Someone who lives in its community registers: of the two sites there, the emptier by registrations is the one the
        // batch staffs, which has no room; the other, with two registered, has four places.
        var personalData = app.Get<PersonalData>();
        var hash = personalData.PhoneHash("13900000041");
        await app.Get<RegistrationProcessor>().HandleAsync(JsonSerializer.Serialize(new RegistrationMessage(personalData.NewRegistrationId(hash), DateTimeOffset.UtcNow, "赵宁",
            personalData.Encrypt("13900000041"), hash, "u-full", true, null, "龙江街道", [], Today, Today.AddDays(30)), Frontline.Http.JsonBody.Options), 1, CancellationToken.None);
        var placed = await app.Get<VolunteerDirectory>().FindAsync("u-full", hash, CancellationToken.None);
        Assert.Equal(VolunteerStatus.Assigned, placed?.Status);
        Assert.Equal("s-u-full-2", placed?.SiteId);
    }

    private static async Task<SiteStaffing> EventuallyStaffingAsync(HttpClient coordinator, string siteId, DateOnly day) =>
        await FrontlineApp.EventuallyAsync(() => StaffingAsync(coordinator, siteId, day), staffing => staffing.Assigned == 1);

    [Fact]
    public async Task Reversed_dates_and_a_rotation_overlapping_the_batch_it_replaces_are_refused_and_write_nothing()
    {
        using var reporter = await app.ReporterAsync("u-bad");
        var first = await CreatedAsync(await reporter.PostAsync("/api/units/u-bad/batches", Json(Body("s-u-bad", 3, March17, March17.AddDays(20)))));
        var before = await SnapshotAsync();

        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-bad/batches", Json(Body("s-u-bad", 3, March17.AddDays(30), March17.AddDays(25)))),
            HttpStatusCode.BadRequest, "\"to\"");
        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-bad/batches",
            Json(Body("s-u-bad", 3, March17.AddDays(20), March17.AddDays(40), replaces: first.BatchId))), HttpStatusCode.BadRequest, "\"from\"");
        await AssertProblemAsync(await reporter.PostAsync("/api/units/u-bad/batches",
            Json(Body("s-u-bad-2", 3, March17.AddDays(21), March17.AddDays(40), replaces: first.BatchId))), HttpStatusCode.BadRequest, "replaces");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_reporter_sees_and_changes_only_their_units_batches()
    {
        using var own = await app.ReporterAsync("u-own");
        using var other = await app.ReporterAsync("u-other");
        var theirs = await CreatedAsync(await other.PostAsync("/api/units/u-other/batches", Json(Body("s-u-other", 2, March17, March17.AddDays(5)))));
        var before = await SnapshotAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync("/api/units/u-other/batches")).StatusCode);
        await AssertProblemAsync(await own.PostAsync("/api/units/u-other/batches", Json(Body("s-u-other", 2, March17, March17.AddDays(5)))), HttpStatusCode.Forbidden, "own unit");
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsync($"/api/units/u-other/batches/{theirs.BatchId}/withdraw", null)).StatusCode);
        // Under their own unit's path the other unit's batch does not exist, and another unit's site is not theirs.
        await AssertProblemAsync(await own.PostAsync($"/api/units/u-own/batches/{theirs.BatchId}/withdraw", null), HttpStatusCode.NotFound, "batchId");
        await AssertProblemAsync(await own.PostAsync("/api/units/u-own/batches", Json(Body("s-u-other", 2, March17, March17.AddDays(5)))), HttpStatusCode.BadRequest, "siteId");
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync("/api/sites/s-u-other/staffing")).StatusCode);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty((await UnitAsync(own, "u-own", March17)).Items);
    }

    [Fact]
    public async Task A_withdrawn_batch_counts_nowhere_and_frees_the_batch_it_replaced()
    {
        using var reporter = await app.ReporterAsync("u-withdraw");
        var first = await CreatedAsync(await reporter.PostAsync("/api/units/u-withdraw/batches", Json(Body("s-u-withdraw", 3, March17, March17.AddDays(9)))));
        var second = await CreatedAsync(await reporter.PostAsync("/api/units/u-withdraw/batches",
            Json(Body("s-u-withdraw", 5, March17.AddDays(10), March17.AddDays(19), replaces: first.BatchId))));

        // The replaced batch stays while a later one replaces it.
        var before = await SnapshotAsync();
        await AssertProblemAsync(await reporter.PostAsync($"/api/units/u-withdraw/batches/{first.BatchId}/withdraw", null), HttpStatusCode.Conflict, "replacedBy");
        Assert.Equal(before, await SnapshotAsync());

        var withdrawn = await reporter.PostAsync($"/api/units/u-withdraw/batches/{second.BatchId}/withdraw", null);
        Assert.True(withdrawn.StatusCode == HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        var unit = await UnitAsync(reporter, "u-withdraw", March17.AddDays(12));
        Assert.Equal((0, 3, 1), (unit.OnDuty, unit.PersonTimes, unit.Batches));
        Assert.Null(unit.Items.Single(batch => batch.BatchId == first.BatchId).ReplacedBy);
        Assert.Equal(BatchStatus.Withdrawn, unit.Items.Single(batch => batch.BatchId == second.BatchId).Status);
        using var coordinator = await app.CoordinatorAsync();
        Assert.Equal(3, (await StaffingAsync(coordinator, "s-u-withdraw", March17)).PersonTimes);
        await AssertProblemAsync(await reporter.PostAsync($"/api/units/u-withdraw/batches/{second.BatchId}/withdraw", null), HttpStatusCode.Conflict, "batchId");
        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "batch.withdrawn"), record => record.Records.GetValueOrDefault("batch") == second.BatchId);

        // Freed, the first batch can be rotated again.
        await CreatedAsync(await reporter.PostAsync("/api/units/u-withdraw/batches",
            Json(Body("s-u-withdraw", 2, March17.AddDays(10), March17.AddDays(19), replaces: first.BatchId))));
    }
}
