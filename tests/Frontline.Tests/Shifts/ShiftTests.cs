using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Batches;
using Frontline.Security;
using Frontline.Shifts;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Shifts;

/// <summary>
/// Shifts on Azurite: a site's pattern (blocks within the day, or a 24-hour post's hand-overs), a volunteer's shifts on
/// a day chosen from it and never overlapping another of theirs, a unit's organiser limited to the unit's people, and
/// the site's duty: people, shifts worked (人次) and duty hours. Each test has its own sites and people.
/// </summary>
public sealed class ShiftTests(ShiftTests.App app) : IClassFixture<ShiftTests.App>
{
    public sealed class App : FrontlineApp
    {
        public Dictionary<string, string> Volunteers { get; } = new(StringComparer.Ordinal);

        public override async Task InitializeAsync()
        {
            Settings["Frontline:Triggers:Enabled"] = "false";
            await base.InitializeAsync();
            var catalog = Get<CatalogStore>();
            string[] sites = ["s-pattern", "s-post", "s-bad", "s-choose", "s-night", "s-night-2", "s-scope", "s-duty", "s-again", "s-status", "s-batch"];
            await catalog.ImportUnitsAsync(
            [
                new UnitDefinition("u-shifts", "南京市委机要保密局", null, null, null, [.. sites]),
                // A second unit at the same testing point: its organiser sees only its own people there.
                new UnitDefinition("u-other", "南京市医保局", null, null, null, ["s-scope"]),
            ], CancellationToken.None);
            await catalog.ImportSitesAsync(sites.Select(site => site == "s-status"
                    ? new SiteDefinition(site, "沪宁高速主线查验点", SiteTypes.Checkpoint, "栖霞区", null, "沪宁高速主线", null, null, 4, [], null, null)
                    : new SiteDefinition(site, "三牌楼社区核酸检测点", SiteTypes.TestingPoint, "鼓楼区", null, "三牌楼社区", null, null, 10, [], null, null)),
                CancellationToken.None);

            var phone = 13900001000;
            foreach (var (name, unitId, siteId) in new[]
            {
                ("王昌建", "u-shifts", "s-choose"), ("陈翀", "u-shifts", "s-night"), ("李春雷", "u-shifts", "s-scope"), ("杨帆", "u-other", "s-scope"),
                ("蒋志松", "u-shifts", "s-duty"), ("倪兴龙", "u-shifts", "s-duty"), ("刘艳平", "u-shifts", "s-again"), ("王春", "u-shifts", "s-status"),
            })
            {
                Volunteers[name] = await VolunteerAsync(name, (phone++).ToString(System.Globalization.CultureInfo.InvariantCulture), unitId, siteId);
            }
        }

        /// <summary>A registered volunteer assigned to a site; answers their volunteerId.</summary>
        public async Task<string> VolunteerAsync(string name, string phone, string unitId, string siteId)
        {
            var personalData = Get<PersonalData>();
            var hash = personalData.PhoneHash(phone);
            var registrationId = personalData.NewRegistrationId(hash);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await Get<VolunteerStore>().SaveAsync(new Volunteer(hash, registrationId, name, personalData.Encrypt(phone), "单位", unitId, true, "机关党支部",
                null, [], today.AddDays(-30), today.AddDays(60), VolunteerStatus.Assigned, siteId, DateTimeOffset.UtcNow), CancellationToken.None);
            return registrationId;
        }

        public async Task<HttpClient> ReporterAsync(string unitId) => CreateClient(await TokenAsync([Roles.Reporter], unitId));

        public async Task<HttpClient> CoordinatorAsync() => CreateClient(await TokenAsync([Roles.Coordinator]));
    }

    private static readonly DateOnly Today = DailyCounts.CountsApp.Today;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Blocks(params (string Start, string End)[] shifts) => new { shifts = shifts.Select(shift => new { start = shift.Start, end = shift.End }).ToArray() };

    private static object Handovers(params string[] times) => new { handovers = times };

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    private Task<string> SnapshotAsync() => StorageSnapshot.TakeAsync(app.Storage, [TableNames.Shifts], queues: false);

    private string Volunteer(string name) => app.Volunteers[name];

    private static Task<HttpResponseMessage> PutDayAsync(HttpClient client, string volunteerId, DateOnly day, object body) =>
        client.PutAsync($"/api/volunteers/{volunteerId}/shifts/{Day(day)}", Json(body));

    [Fact]
    public async Task A_pattern_of_blocks_and_a_24_hour_post_with_hand_overs_are_set_and_read_with_their_etag()
    {
        using var coordinator = await app.CoordinatorAsync();
        var blocks = await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-pattern/shift-pattern",
            Json(Blocks(("12:00", "16:00"), ("08:00", "12:00"), ("16:00", "20:00")))));
        Assert.Equal((ShiftPatternKinds.Day, 12m), (blocks.Kind, blocks.HoursCovered));
        Assert.Equal(["08:00-12:00", "12:00-16:00", "16:00-20:00"], blocks.Shifts.Select(shift => shift.Id));

        var read = await coordinator.GetAsync("/api/sites/s-pattern/shift-pattern");
        var view = await OkAsync<ShiftPatternView>(read);
        Assert.Equal(view.ETag, read.Headers.ETag?.ToString());
        Assert.Equal(blocks.ETag, view.ETag);

        // 24小时值守: three 8-hour shifts; with two hand-overs the night shift crosses midnight.
        var post = await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-post/shift-pattern", Json(Handovers("00:00", "08:00", "16:00"))));
        Assert.Equal((ShiftPatternKinds.RoundTheClock, 24m), (post.Kind, post.HoursCovered));
        Assert.Equal([("00:00", "08:00", 8m), ("08:00", "16:00", 8m), ("16:00", "24:00", 8m)], post.Shifts.Select(shift => (shift.Start, shift.End, shift.Hours)));
        var twelves = await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-post/shift-pattern", Json(Handovers("08:00", "20:00"))));
        Assert.Equal([("08:00", "20:00", 12m), ("20:00", "08:00", 12m)], twelves.Shifts.Select(shift => (shift.Start, shift.End, shift.Hours)));
        Assert.Equal(["08:00", "20:00"], twelves.Handovers);

        // If-Match: a stale ETag is refused and changes nothing; the one read goes through; the same pattern again writes nothing.
        var before = await SnapshotAsync();
        using (var stale = new HttpRequestMessage(HttpMethod.Put, "/api/sites/s-post/shift-pattern") { Content = Json(Handovers("00:00", "12:00")) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", post.ETag);
            await AssertProblemAsync(await coordinator.SendAsync(stale), HttpStatusCode.PreconditionFailed, "If-Match");
        }

        Assert.Equal(before, await SnapshotAsync());
        var again = await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-post/shift-pattern", Json(Handovers("08:00", "20:00"))));
        Assert.Equal(twelves.ETag, again.ETag);
        Assert.Equal(before, await SnapshotAsync());
        using (var current = new HttpRequestMessage(HttpMethod.Put, "/api/sites/s-post/shift-pattern") { Content = Json(Handovers("00:00", "12:00")) })
        {
            current.Headers.TryAddWithoutValidation("If-Match", twelves.ETag);
            Assert.Equal(["00:00-12:00", "12:00-24:00"], (await OkAsync<ShiftPatternView>(await coordinator.SendAsync(current))).Shifts.Select(shift => shift.Id));
        }

        // If-None-Match: * sets a first pattern only: the site has one now, so it is refused and nothing changes.
        var set = await SnapshotAsync();
        using (var first = new HttpRequestMessage(HttpMethod.Put, "/api/sites/s-post/shift-pattern") { Content = Json(Handovers("06:00", "18:00")) })
        {
            first.Headers.TryAddWithoutValidation("If-None-Match", "*");
            await AssertProblemAsync(await coordinator.SendAsync(first), HttpStatusCode.PreconditionFailed, "If-None-Match");
        }

        Assert.Equal(set, await SnapshotAsync());

        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "shift-pattern.set"), record => record.Records.GetValueOrDefault("site") == "s-post");
        using var reporter = await app.ReporterAsync("u-shifts");
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync("/api/sites/s-post/shift-pattern")).StatusCode);
        await AssertProblemAsync(await reporter.PutAsync("/api/sites/s-post/shift-pattern", Json(Handovers("08:00"))), HttpStatusCode.Forbidden, "Coordinator");
    }

    [Fact]
    public async Task Reversed_and_overlapping_times_in_a_pattern_are_refused_naming_the_field_and_write_nothing()
    {
        using var coordinator = await app.CoordinatorAsync();
        var before = await SnapshotAsync();
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-bad/shift-pattern", Json(Blocks(("08:00", "12:00"), ("16:00", "12:00")))),
            HttpStatusCode.BadRequest, "shifts[1].end");
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-bad/shift-pattern", Json(Blocks(("08:00", "16:00"), ("12:00", "20:00")))),
            HttpStatusCode.BadRequest, "shifts[1].start");
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-bad/shift-pattern", Json(Blocks(("08:10", "12:00")))), HttpStatusCode.BadRequest, "shifts[0].start");
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-bad/shift-pattern", Json(Handovers("16:00", "08:00"))), HttpStatusCode.BadRequest, "handovers[1]");
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-bad/shift-pattern", Json(new { shifts = new[] { new { start = "08:00", end = "12:00" } }, handovers = new[] { "08:00" } })),
            HttpStatusCode.BadRequest, "handovers");
        await AssertProblemAsync(await coordinator.PutAsync("/api/sites/s-unknown/shift-pattern", Json(Blocks(("08:00", "12:00")))), HttpStatusCode.NotFound, "siteId");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_volunteer_takes_shifts_of_their_sites_pattern_and_a_shift_not_on_it_is_refused()
    {
        using var reporter = await app.ReporterAsync("u-shifts");
        var volunteer = Volunteer("王昌建");
        // No pattern yet: refused, naming the site.
        await AssertProblemAsync(await PutDayAsync(reporter, volunteer, Today, Blocks(("08:00", "12:00"))), HttpStatusCode.Conflict, "siteId");

        using var coordinator = await app.CoordinatorAsync();
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-choose/shift-pattern", Json(Blocks(("08:00", "12:00"), ("12:00", "16:00"), ("16:00", "20:00")))));
        var before = await SnapshotAsync();
        await AssertProblemAsync(await PutDayAsync(reporter, volunteer, Today, Blocks(("08:00", "12:00"), ("09:00", "13:00"))), HttpStatusCode.BadRequest, "shifts[1]");
        await AssertProblemAsync(await PutDayAsync(reporter, volunteer, Today, Blocks(("12:00", "08:00"))), HttpStatusCode.BadRequest, "shifts[0]");
        await AssertProblemAsync(await PutDayAsync(reporter, volunteer, Today, Blocks(("08:00", "12:00"), ("08:00", "12:00"))), HttpStatusCode.BadRequest, "shifts[1]");
        await AssertProblemAsync(await PutDayAsync(reporter, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Today, Blocks(("08:00", "12:00"))), HttpStatusCode.NotFound, "volunteerId");
        Assert.Equal(before, await SnapshotAsync());

        var day = await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, volunteer, Today, Blocks(("16:00", "20:00"), ("08:00", "12:00"))));
        Assert.Equal(("s-choose", 8m), (day.SiteId, day.Hours));
        Assert.Equal(["08:00-12:00", "16:00-20:00"], day.Shifts.Select(shift => shift.Id));
        var listed = await OkAsync<VolunteerShifts>(await reporter.GetAsync($"/api/volunteers/{volunteer}/shifts?from={Day(Today)}&to={Day(Today.AddDays(3))}"));
        Assert.Equal(("王昌建", 8m, 2), (listed.Name, listed.Hours, listed.Shifts));
        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "shifts.set"), record => record.Records.GetValueOrDefault("volunteer") == volunteer);
    }

    [Fact]
    public async Task A_night_shift_running_into_the_next_day_is_not_overlapped_by_that_days_shift()
    {
        using var coordinator = await app.CoordinatorAsync();
        var volunteer = Volunteer("陈翀");
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-night/shift-pattern", Json(Handovers("08:00", "20:00"))));
        await OkAsync<VolunteerDayView>(await PutDayAsync(coordinator, volunteer, Today, Blocks(("20:00", "08:00"))));
        // Handing over at 08:00 and starting again at 08:00 the next day touch; they do not overlap.
        await OkAsync<VolunteerDayView>(await PutDayAsync(coordinator, volunteer, Today.AddDays(1), Blocks(("08:00", "20:00"))));

        // The site changes to 8-hour shifts: tomorrow's 00:00–08:00 would be worked during tonight's 20:00–08:00.
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-night/shift-pattern", Json(Handovers("00:00", "08:00", "16:00"))));
        var before = await SnapshotAsync();
        await AssertProblemAsync(await PutDayAsync(coordinator, volunteer, Today.AddDays(1), Blocks(("08:00", "16:00"), ("00:00", "08:00"))), HttpStatusCode.Conflict, "shifts[1]");
        Assert.Equal(before, await SnapshotAsync());
        // Yesterday's 16:00–24:00 ends before tonight's 20:00–08:00 starts: taken.
        await OkAsync<VolunteerDayView>(await PutDayAsync(coordinator, volunteer, Today.AddDays(-1), Blocks(("16:00", "24:00"))));

        // The day's night shift is in tonight's roster; the duty read still lists it though the pattern has changed since.
        var duty = await OkAsync<SiteDuty>(await coordinator.GetAsync($"/api/sites/s-night/duty?day={Day(Today)}"));
        var night = Assert.Single(duty.Shifts, shift => shift.Id == "20:00-08:00");
        Assert.False(night.OnPattern);
        Assert.Equal("陈翀", Assert.Single(night.Who).Name);
        Assert.Equal((1, 1, 12m), (duty.People, duty.PersonTimes, duty.DutyHours));
    }

    [Fact]
    public async Task A_reporter_sees_and_changes_only_their_units_people()
    {
        using var coordinator = await app.CoordinatorAsync();
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-scope/shift-pattern", Json(Blocks(("08:00", "12:00"), ("12:00", "16:00")))));
        using var own = await app.ReporterAsync("u-shifts");
        using var other = await app.ReporterAsync("u-other");
        await OkAsync<VolunteerDayView>(await PutDayAsync(own, Volunteer("李春雷"), Today, Blocks(("08:00", "12:00"))));
        await OkAsync<VolunteerDayView>(await PutDayAsync(other, Volunteer("杨帆"), Today, Blocks(("08:00", "12:00"), ("12:00", "16:00"))));

        var before = await SnapshotAsync();
        await AssertProblemAsync(await PutDayAsync(own, Volunteer("杨帆"), Today, Blocks(("12:00", "16:00"))), HttpStatusCode.Forbidden, "own unit");
        await AssertProblemAsync(await own.GetAsync($"/api/volunteers/{Volunteer("杨帆")}/shifts"), HttpStatusCode.Forbidden, "own unit");
        await AssertProblemAsync(await own.GetAsync($"/api/sites/s-scope/duty?day={Day(Today)}&unitId=u-other"), HttpStatusCode.Forbidden, "unitId");
        await AssertProblemAsync(await other.GetAsync($"/api/sites/s-duty/duty?day={Day(Today)}"), HttpStatusCode.Forbidden, "siteId");
        Assert.Equal(before, await SnapshotAsync());

        // Each organiser sees their own people at the shared site; a Coordinator sees both units.
        var mine = await OkAsync<SiteDuty>(await own.GetAsync($"/api/sites/s-scope/duty?day={Day(Today)}"));
        Assert.Equal(("u-shifts", 1, 1, 4m), (mine.UnitId, mine.People, mine.PersonTimes, mine.DutyHours));
        Assert.Equal(["李春雷"], mine.Shifts.SelectMany(shift => shift.Who).Select(person => person.Name));
        var theirs = await OkAsync<SiteDuty>(await other.GetAsync($"/api/sites/s-scope/duty?day={Day(Today)}"));
        Assert.Equal((1, 2, 8m), (theirs.People, theirs.PersonTimes, theirs.DutyHours));
        var all = await OkAsync<SiteDuty>(await coordinator.GetAsync($"/api/sites/s-scope/duty?day={Day(Today)}"));
        Assert.Equal((2, 3, 12m), (all.People, all.PersonTimes, all.DutyHours));
        Assert.Equal([("u-other", 1, 2, 8m), ("u-shifts", 1, 1, 4m)], all.Units.Select(unit => (unit.UnitId, unit.People, unit.PersonTimes, unit.DutyHours)));
    }

    [Fact]
    public async Task The_sites_duty_gives_people_shifts_worked_and_duty_hours_to_report()
    {
        using var coordinator = await app.CoordinatorAsync();
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-duty/shift-pattern",
            Json(Blocks(("06:00", "10:00"), ("10:00", "14:00"), ("14:00", "18:00"), ("18:00", "22:00")))));
        using var reporter = await app.ReporterAsync("u-shifts");
        await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, Volunteer("蒋志松"), Today, Blocks(("06:00", "10:00"), ("14:00", "18:00"))));
        await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, Volunteer("倪兴龙"), Today, Blocks(("10:00", "14:00"))));
        await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, Volunteer("倪兴龙"), Today.AddDays(1), Blocks(("18:00", "22:00"))));

        var duty = await OkAsync<SiteDuty>(await reporter.GetAsync($"/api/sites/s-duty/duty?day={Day(Today)}"));
        Assert.Equal((2, 3, 12m, "duty-hours", ShiftPatternKinds.Day), (duty.People, duty.PersonTimes, duty.DutyHours, duty.Indicator, duty.PatternKind));
        Assert.Equal([("06:00-10:00", 1), ("10:00-14:00", 1), ("14:00-18:00", 1), ("18:00-22:00", 0)], duty.Shifts.Select(shift => (shift.Id, shift.People)));
        Assert.Equal("倪兴龙", Assert.Single(duty.Shifts[1].Who).Name);
        Assert.All(duty.Shifts, shift => Assert.True(shift.OnPattern));
        var tomorrow = await OkAsync<SiteDuty>(await reporter.GetAsync($"/api/sites/s-duty/duty?day={Day(Today.AddDays(1))}"));
        Assert.Equal((1, 1, 4m), (tomorrow.People, tomorrow.PersonTimes, tomorrow.DutyHours));

        // Clearing a day takes the person off the site's roster.
        await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, Volunteer("倪兴龙"), Today, new { shifts = Array.Empty<object>() }));
        var after = await OkAsync<SiteDuty>(await reporter.GetAsync($"/api/sites/s-duty/duty?day={Day(Today)}"));
        Assert.Equal((1, 2, 8m), (after.People, after.PersonTimes, after.DutyHours));
    }

    [Fact]
    public async Task Putting_the_same_shifts_again_changes_nothing()
    {
        using var coordinator = await app.CoordinatorAsync();
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-again/shift-pattern", Json(Blocks(("08:00", "16:00"), ("16:00", "24:00")))));
        var volunteer = Volunteer("刘艳平");
        var first = await OkAsync<VolunteerDayView>(await PutDayAsync(coordinator, volunteer, Today, Blocks(("16:00", "24:00"))));
        var before = await SnapshotAsync();

        var again = await OkAsync<VolunteerDayView>(await PutDayAsync(coordinator, volunteer, Today, Blocks(("16:00", "24:00"))));
        Assert.Equal(first.Shifts, again.Shifts);
        Assert.Equal(before, await SnapshotAsync());
        var duty = await OkAsync<SiteDuty>(await coordinator.GetAsync($"/api/sites/s-again/duty?day={Day(Today)}"));
        Assert.Equal((1, 1, 8m), (duty.People, duty.PersonTimes, duty.DutyHours));
    }

    [Fact]
    public async Task The_volunteers_status_page_lists_their_shifts_today_and_the_next_six_days_with_the_site()
    {
        using var coordinator = await app.CoordinatorAsync();
        var volunteer = Volunteer("王春");
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-status/shift-pattern", Json(Handovers("08:00", "20:00"))));
        // Yesterday and a week on are outside the page's week; today's night shift runs into tomorrow morning.
        foreach (var (day, shift) in new[] { (-1, ("08:00", "20:00")), (0, ("20:00", "08:00")), (3, ("08:00", "20:00")), (6, ("20:00", "08:00")), (7, ("08:00", "20:00")) })
        {
            await OkAsync<VolunteerDayView>(await PutDayAsync(coordinator, volunteer, Today.AddDays(day), Blocks(shift)));
        }

        using var anyone = app.CreateClient();
        var response = await anyone.GetAsync($"/api/registrations/{volunteer}?code={app.Get<PersonalData>().ReceiptCode(volunteer)}");
        var status = await OkAsync<RegistrationStatus>(response);
        Assert.Equal(
            [(Today, "20:00", "08:00", true, "沪宁高速主线查验点"), (Today.AddDays(3), "08:00", "20:00", false, "沪宁高速主线查验点"), (Today.AddDays(6), "20:00", "08:00", true, "沪宁高速主线查验点")],
            status.Shifts!.Select(shift => (shift.Day, shift.Start, shift.End, shift.EndsNextDay, shift.SiteName)));
        Assert.All(status.Shifts!, shift => Assert.Equal(("s-status", 12m), (shift.SiteId, shift.Hours)));

        // Read with the rest of the status: one range read of the person's own partition, nobody else's names.
        var text = await anyone.GetStringAsync($"/api/registrations/{volunteer}?code={app.Get<PersonalData>().ReceiptCode(volunteer)}");
        Assert.DoesNotContain("1390000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("王昌建", text, StringComparison.Ordinal);

        // Moved to another site, they are not sent back to the old one: its shifts leave their page (the old duty keeps them).
        // (The record as a reassignment leaves it: this fixture's people are not in the deployment ledger the route moves.)
        var store = app.Get<VolunteerStore>();
        Assert.True(app.Get<PersonalData>().TryOpenRegistrationId(volunteer, out var hash));
        var record = (await store.GetAsync(hash, CancellationToken.None))!;
        await store.SaveAsync(record with { SiteId = "s-again" }, CancellationToken.None);

        var after = await OkAsync<RegistrationStatus>(await anyone.GetAsync($"/api/registrations/{volunteer}?code={app.Get<PersonalData>().ReceiptCode(volunteer)}"));
        Assert.Equal("s-again", after.Site!.Id);
        Assert.Empty(after.Shifts!);
    }

    [Fact]
    public async Task A_person_a_batch_names_who_never_registered_gets_shifts_under_their_batch_person_id()
    {
        using var reporter = await app.ReporterAsync("u-shifts");
        using var coordinator = await app.CoordinatorAsync();
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-batch/shift-pattern", Json(Handovers("08:00", "20:00"))));
        // 王昌建 is a registered volunteer of the unit (his phone is the fixture's first); 郑文 and 孔林 never filled in the form.
        var recorded = await reporter.PostAsync("/api/units/u-shifts/batches", Json(new
        {
            from = Day(Today), to = Day(Today.AddDays(2)), sites = new[] { new { siteId = "s-batch", people = 3 } },
            names = new object[] { new { name = "郑文" }, new { name = "孔林" }, new { name = "王昌建", phone = "13900001000" } },
        }));
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var batch = (await recorded.Content.ReadFromJsonAsync<BatchView>(JsonSerializerOptions.Web))!;
        var (zheng, kong) = (batch.Names[0].PersonId!, batch.Names[1].PersonId!);
        Assert.Equal($"b-u-shifts-{batch.BatchId}-1", zheng);
        Assert.Null(batch.Names[2].PersonId);

        var night = await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, zheng, Today, Blocks(("20:00", "08:00"))));
        Assert.Equal(("s-batch", 12m), (night.SiteId, night.Hours));
        await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, kong, Today, Blocks(("08:00", "20:00"))));
        Assert.Contains(await Operability.AuditTrail.ReadAsync(app, "shifts.set"), record => record.Records.GetValueOrDefault("volunteer") == zheng);

        // The site's duty shows them beside registered volunteers, marked as batch people.
        var duty = await OkAsync<SiteDuty>(await reporter.GetAsync($"/api/sites/s-batch/duty?day={Day(Today)}"));
        Assert.Equal((2, 2, 24m), (duty.People, duty.PersonTimes, duty.DutyHours));
        Assert.Equal([("孔林", true)], duty.Shifts.Single(shift => shift.Id == "08:00-20:00").Who.Select(who => (who.Name, who.FromBatch)));
        Assert.Equal([("郑文", zheng)], duty.Shifts.Single(shift => shift.Id == "20:00-08:00").Who.Select(who => (who.Name, who.VolunteerId)));
        var listed = await OkAsync<VolunteerShifts>(await coordinator.GetAsync($"/api/volunteers/{zheng}/shifts?from={Day(Today)}&to={Day(Today.AddDays(2))}"));
        Assert.Equal(("郑文", "u-shifts", "s-batch", 12m), (listed.Name, listed.UnitId, listed.SiteId, listed.Hours));

        // The rules hold: no overlap (tonight's shift runs to 08:00 tomorrow), another unit's organiser is refused, only
        // the batch's days, only the batch's people, and a registered person goes by their own volunteer id.
        await OkAsync<ShiftPatternView>(await coordinator.PutAsync("/api/sites/s-batch/shift-pattern", Json(Handovers("00:00", "08:00", "16:00"))));
        var before = await SnapshotAsync();
        await AssertProblemAsync(await PutDayAsync(reporter, zheng, Today.AddDays(1), Blocks(("00:00", "08:00"))), HttpStatusCode.Conflict, "shifts[0]");
        using (var other = await app.ReporterAsync("u-other"))
        {
            await AssertProblemAsync(await PutDayAsync(other, zheng, Today.AddDays(1), Blocks(("08:00", "16:00"))), HttpStatusCode.Forbidden, "own unit");
            await AssertProblemAsync(await other.GetAsync($"/api/volunteers/{zheng}/shifts"), HttpStatusCode.Forbidden, "own unit");
        }

        await AssertProblemAsync(await PutDayAsync(reporter, zheng, Today.AddDays(3), Blocks(("08:00", "16:00"))), HttpStatusCode.Conflict, "day");
        await AssertProblemAsync(await PutDayAsync(reporter, $"b-u-shifts-{batch.BatchId}-4", Today, Blocks(("08:00", "16:00"))), HttpStatusCode.NotFound, "volunteerId");
        await AssertProblemAsync(await PutDayAsync(reporter, "b-u-shifts-20220317-abcdefgh-1", Today, Blocks(("08:00", "16:00"))), HttpStatusCode.NotFound, "volunteerId");
        await AssertProblemAsync(await PutDayAsync(reporter, $"b-u-shifts-{batch.BatchId}-3", Today, Blocks(("08:00", "16:00"))), HttpStatusCode.Conflict, "volunteerId");
        Assert.Equal(before, await SnapshotAsync());
        await OkAsync<VolunteerDayView>(await PutDayAsync(reporter, zheng, Today.AddDays(1), Blocks(("08:00", "16:00"))));

        // A withdrawn batch counts nowhere: its people leave the site's duty, and get no more shifts.
        (await reporter.PostAsync($"/api/units/u-shifts/batches/{batch.BatchId}/withdraw", null)).EnsureSuccessStatusCode();
        var after = await OkAsync<SiteDuty>(await coordinator.GetAsync($"/api/sites/s-batch/duty?day={Day(Today)}"));
        Assert.Equal((0, 0m), (after.People, after.DutyHours));
        await AssertProblemAsync(await PutDayAsync(reporter, kong, Today.AddDays(1), Blocks(("08:00", "16:00"))), HttpStatusCode.Conflict, "volunteerId");
    }
}
