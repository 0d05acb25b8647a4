using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frontline.Indicators;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Indicators;

/// <summary>
/// Indicator definitions as data, through the API on Azurite: Admins define, change, retire and delete; each change is
/// a new version and every old version reads as it was written; two Admins at once lose nothing; bad input changes
/// nothing; anyone reads the set, for a site type in the form's order.
/// </summary>
public sealed class IndicatorTests(IndicatorTests.App app) : IClassFixture<IndicatorTests.App>
{
    /// <summary>The counts fixture's units and sites, with the default indicators seeded before the first test.</summary>
    public sealed class App : DailyCounts.CountsApp;

    private static string Definition(string nameZh, string nameEn, string siteTypes = "[\"checkpoint\"]", string unit = "人次", string kind = "count", decimal max = 5000, int order = 95) =>
        $$"""{"nameZh":"{{nameZh}}","nameEn":"{{nameEn}}","unit":"{{unit}}","kind":"{{kind}}","aggregation":"sum","min":0,"max":{{max}},"siteTypes":{{siteTypes}},"required":false,"order":{{order}}}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> AdminAsync() => app.CreateClient(await app.TokenAsync([Roles.Admin]));

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> CurrentAsync(string? siteType = null)
    {
        using var anonymous = app.CreateClient();
        return await OkAsync(await anonymous.GetAsync(siteType is null ? "/api/indicators" : $"/api/indicators?siteType={siteType}"));
    }

    private static string[] Codes(JsonElement set) => [.. set.GetProperty("indicators").EnumerateArray().Select(indicator => indicator.GetProperty("code").GetString()!)];

    private static JsonElement Indicator(JsonElement set, string code) => set.GetProperty("indicators").EnumerateArray().Single(indicator => indicator.GetProperty("code").GetString() == code);

    private Task<string> SnapshotAsync() => StorageSnapshot.TakeAsync(app.Storage, [TableNames.Indicators], queues: false);

    [Fact]
    public async Task An_indicator_defined_through_the_API_is_read_back_for_its_site_type_and_not_for_another()
    {
        using var admin = await AdminAsync();

        var created = await OkAsync(await admin.PutAsync("/api/indicators/people-turned-back", Json(Definition("劝返人员", "People turned back"))), HttpStatusCode.Created);

        var checkpoint = await CurrentAsync(SiteTypes.Checkpoint);
        Assert.Equal(created.GetProperty("version").GetInt32(), checkpoint.GetProperty("version").GetInt32());
        var indicator = Indicator(checkpoint, "people-turned-back");
        Assert.Equal("劝返人员", indicator.GetProperty("nameZh").GetString());
        Assert.Equal("person-times", indicator.GetProperty("unitEn").GetString());
        Assert.Equal(5000, indicator.GetProperty("max").GetDecimal());
        Assert.DoesNotContain("people-turned-back", Codes(await CurrentAsync(SiteTypes.Community)));
    }

    [Fact]
    public async Task Each_kind_of_site_gets_its_own_list_in_order_from_the_seeded_defaults()
    {
        var testing = Codes(await CurrentAsync(SiteTypes.TestingPoint));
        var checkpoint = Codes(await CurrentAsync(SiteTypes.Checkpoint));
        var community = Codes(await CurrentAsync(SiteTypes.Community));

        Assert.Equal(["on-duty", "party-members"], testing[..2]);
        Assert.Contains("sampling-rounds", testing);
        Assert.Contains("make-up-tests", testing);
        Assert.Contains("vehicles-diverted", checkpoint);
        Assert.DoesNotContain("sampling-rounds", checkpoint);
        Assert.Contains("passes-issued", community);
        Assert.Contains("errands-run", community);
        Assert.Contains("disinfection-rounds", community);
        Assert.DoesNotContain("vehicles-diverted", community);
        Assert.All(new[] { testing, checkpoint, community }, list => Assert.Contains("duty-hours", list));
        var hours = Indicator(await CurrentAsync(SiteTypes.Checkpoint), "duty-hours");
        Assert.Equal("hours", hours.GetProperty("kind").GetString());
        Assert.Equal("小时", hours.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_change_makes_a_new_version_and_the_old_version_still_reads_the_same()
    {
        using var admin = await AdminAsync();
        var first = await OkAsync(await admin.PutAsync("/api/indicators/school-visits", Json(Definition("走访学校", "Schools visited", "[\"community\"]"))), HttpStatusCode.Created);
        var firstVersion = first.GetProperty("version").GetInt32();
        using var anonymous = app.CreateClient();
        var before = await (await anonymous.GetAsync($"/api/indicator-versions/{firstVersion}")).Content.ReadAsStringAsync();

        var changed = await OkAsync(await admin.PutAsync("/api/indicators/school-visits", Json(Definition("走访学校（所）", "Schools visited", "[\"community\",\"compound\"]", max: 20))));

        Assert.Equal(firstVersion + 1, changed.GetProperty("version").GetInt32());
        Assert.Equal("走访学校（所）", Indicator(changed, "school-visits").GetProperty("nameZh").GetString());
        Assert.Contains("school-visits", Codes(await CurrentAsync(SiteTypes.Compound)));
        var after = await anonymous.GetAsync($"/api/indicator-versions/{firstVersion}");
        Assert.Equal(before, await after.Content.ReadAsStringAsync());
        Assert.Equal("走访学校", Indicator(await OkAsync(after), "school-visits").GetProperty("nameZh").GetString());
        Assert.Equal(1, (await OkAsync(await anonymous.GetAsync("/api/indicator-versions/1"))).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_same_definition_again_makes_no_new_version()
    {
        using var admin = await AdminAsync();
        var body = Definition("测温人数", "Temperatures taken", "[\"compound\"]");
        var first = await OkAsync(await admin.PutAsync("/api/indicators/temperatures-taken", Json(body)), HttpStatusCode.Created);
        var before = await SnapshotAsync();

        var again = await OkAsync(await admin.PutAsync("/api/indicators/temperatures-taken", Json(body)));

        Assert.Equal(first.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Admins_changing_different_indicators_at_once_both_keep_their_change()
    {
        var token = await app.TokenAsync([Roles.Admin]);
        var codes = Enumerable.Range(1, 6).Select(i => $"parallel-{i}").ToArray();

        var answers = await Task.WhenAll(codes.Select(async (code, i) =>
        {
            using var admin = app.CreateClient(token);
            return await admin.PutAsync($"/api/indicators/{code}", Json(Definition($"并发指标{i}", $"Parallel figure {i}", "[\"supply-point\"]")));
        }));

        // Without If-Match each change is re-applied to what is current when another lands first: none is lost.
        var current = await CurrentAsync();
        var stored = Codes(current);
        for (var i = 0; i < codes.Length; i++)
        {
            Assert.True(answers[i].StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{codes[i]}: {(int)answers[i].StatusCode}");
            Assert.Equal(answers[i].StatusCode == HttpStatusCode.Created, stored.Contains(codes[i]));
        }

        Assert.True(answers.Count(answer => answer.StatusCode == HttpStatusCode.Created) >= 2);
        var versions = await Task.WhenAll(answers.Where(answer => answer.IsSuccessStatusCode)
            .Select(async answer => (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32()));
        Assert.Equal(versions.Length, versions.Distinct().Count());
    }

    [Fact]
    public async Task Two_Admins_editing_the_version_they_read_one_wins_and_the_other_gets_409_with_the_version_in_force()
    {
        using var admin = await AdminAsync();
        await OkAsync(await admin.PutAsync("/api/indicators/masks-handed-out", Json(Definition("发放口罩", "Masks handed out", "[\"testing-point\"]", unit: "份"))), HttpStatusCode.Created);
        var read = await app.CreateClient().GetAsync("/api/indicators");
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal($"\"{(await OkAsync(read)).GetProperty("version").GetInt32()}\"", etag);

        using var first = new HttpRequestMessage(HttpMethod.Put, "/api/indicators/masks-handed-out") { Content = Json(Definition("发放口罩", "Masks handed out", "[\"testing-point\"]", unit: "份", max: 100)) };
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        using var second = new HttpRequestMessage(HttpMethod.Put, "/api/indicators/masks-handed-out") { Content = Json(Definition("发放口罩", "Masks handed out", "[\"testing-point\"]", unit: "份", max: 200)) };
        second.Headers.TryAddWithoutValidation("If-Match", etag);

        var won = await OkAsync(await admin.SendAsync(first));
        var lost = await ProblemAsync(await admin.SendAsync(second), HttpStatusCode.Conflict, "If-Match");

        Assert.Equal(won.GetProperty("version").GetInt32(), lost.GetProperty("currentVersion").GetInt32());
        Assert.Equal(100, Indicator(await CurrentAsync(), "masks-handed-out").GetProperty("max").GetDecimal());
    }

    [Fact]
    public async Task The_store_refuses_a_write_under_a_stale_ETag_so_neither_writer_overwrites_the_other()
    {
        var store = app.Get<IndicatorStore>();
        var (set, etag) = (await store.ReadCurrentAsync(CancellationToken.None))!.Value;
        var mine = set with { Version = set.Version + 1, Change = "mine" };
        var theirs = set with { Version = set.Version + 1, Change = "theirs" };

        await store.WriteAsync(mine, etag, CancellationToken.None);

        await Assert.ThrowsAsync<IndicatorSetChangedException>(() => store.WriteAsync(theirs, etag, CancellationToken.None));
        Assert.Equal("mine", (await store.VersionAsync(mine.Version, CancellationToken.None))!.Change);
    }

    [Fact]
    public async Task Bad_definitions_are_refused_naming_the_field_and_change_nothing()
    {
        using var admin = await AdminAsync();
        var before = await SnapshotAsync();
        var version = (await CurrentAsync()).GetProperty("version").GetInt32();

        using var duplicate = new HttpRequestMessage(HttpMethod.Put, "/api/indicators/on-duty") { Content = Json(Definition("在岗", "On duty")) };
        duplicate.Headers.TryAddWithoutValidation("If-None-Match", "*");
        await ProblemAsync(await admin.SendAsync(duplicate), HttpStatusCode.Conflict, "code");
        await ProblemAsync(await admin.PutAsync("/api/indicators/empty-name", Json(Definition("", "Empty"))), HttpStatusCode.BadRequest, "nameZh");
        await ProblemAsync(await admin.PutAsync("/api/indicators/reversed", Json(Definition("颠倒", "Reversed").Replace("\"min\":0", "\"min\":6000", StringComparison.Ordinal))), HttpStatusCode.BadRequest, "max");
        await ProblemAsync(await admin.PutAsync("/api/indicators/hospital-beds", Json(Definition("床位", "Beds", "[\"hospital\"]"))), HttpStatusCode.BadRequest, "siteTypes");
        await ProblemAsync(await admin.PutAsync("/api/indicators/half-people", Json(Definition("半人", "Half people", max: 2.5m))), HttpStatusCode.BadRequest, "max");
        await ProblemAsync(await admin.PutAsync("/api/indicators/Upper-Case", Json(Definition("大写", "Upper"))), HttpStatusCode.BadRequest, "code");
        await ProblemAsync(await admin.PutAsync("/api/indicators/same-name", Json(Definition("查验车辆", "Cars"))), HttpStatusCode.BadRequest, "nameZh");
        await ProblemAsync(await admin.PutAsync("/api/indicator-rules", Json("""{"rules":[{"kind":"at-most","code":"ghost-figure","atMost":"on-duty"}]}""")), HttpStatusCode.BadRequest, "rules[0]");
        await ProblemAsync(await admin.DeleteAsync("/api/indicators/on-duty"), HttpStatusCode.Conflict, "retire");

        Assert.Equal(version, (await CurrentAsync()).GetProperty("version").GetInt32());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Only_an_Admin_changes_the_set_and_anyone_reads_it()
    {
        var body = Definition("越权", "Not allowed");
        var before = await SnapshotAsync();
        foreach (var token in new[] { await app.TokenAsync([Roles.Coordinator]), await app.TokenAsync([Roles.Reporter], "unit-a") })
        {
            using var notAdmin = app.CreateClient(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.PutAsync("/api/indicators/not-allowed", Json(body))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.PostAsync("/api/indicators/duty-hours/retirement", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.DeleteAsync("/api/indicators/duty-hours")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.PutAsync("/api/indicator-rules", Json("""{"rules":[]}"""))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await notAdmin.GetAsync("/api/indicators?siteType=community")).StatusCode);
        }

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync("/api/indicators/not-allowed", Json(body))).StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_retired_indicator_is_no_longer_asked_for_but_stays_in_the_set_and_its_versions()
    {
        using var admin = await AdminAsync();
        var created = await OkAsync(await admin.PutAsync("/api/indicators/flags-raised", Json(Definition("升旗次数", "Flags raised", "[\"compound\"]", unit: "次"))), HttpStatusCode.Created);

        var retired = await OkAsync(await admin.PostAsync("/api/indicators/flags-raised/retirement", null));

        Assert.True(Indicator(retired, "flags-raised").GetProperty("retired").GetBoolean());
        Assert.DoesNotContain("flags-raised", Codes(await CurrentAsync(SiteTypes.Compound)));
        using var anonymous = app.CreateClient();
        var old = await OkAsync(await anonymous.GetAsync($"/api/indicator-versions/{created.GetProperty("version").GetInt32()}?siteType=compound"));
        Assert.Contains("flags-raised", Codes(old));
        var again = await OkAsync(await admin.PostAsync("/api/indicators/flags-raised/retirement", null));
        Assert.Equal(retired.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());

        // Each change is in the audit trail with the version it made.
        var added = Assert.Single(await Operability.AuditTrail.ReadAsync(app, "indicator.changed"), record => record.Records["code"] == "flags-raised");
        Assert.Equal(created.GetProperty("version").GetInt32().ToString(), added.Records["indicatorVersion"]);
        var retirements = (await Operability.AuditTrail.ReadAsync(app, "indicator.retired")).Where(record => record.Records["code"] == "flags-raised").ToList();
        Assert.Equal(2, retirements.Count);
        Assert.Contains(retirements, record => record.Records.GetValueOrDefault("indicatorVersion") == retired.GetProperty("version").GetInt32().ToString());
    }

    [Fact]
    public async Task An_indicator_without_data_can_be_deleted_and_its_old_version_keeps_it()
    {
        using var admin = await AdminAsync();
        var created = await OkAsync(await admin.PutAsync("/api/indicators/typo-figure", Json(Definition("错填指标", "Typo figure", "[\"supply-point\"]"))), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/indicators/typo-figure")).StatusCode);

        Assert.DoesNotContain("typo-figure", Codes(await CurrentAsync()));
        using var anonymous = app.CreateClient();
        Assert.Contains("typo-figure", Codes(await OkAsync(await anonymous.GetAsync($"/api/indicator-versions/{created.GetProperty("version").GetInt32()}"))));
        await ProblemAsync(await admin.DeleteAsync("/api/indicators/typo-figure"), HttpStatusCode.NotFound, "code");
        Assert.Single(await Operability.AuditTrail.ReadAsync(app, "indicator.deleted"), record => record.Records["code"] == "typo-figure");
    }

    [Fact]
    public async Task An_indicator_marked_as_having_data_is_retired_not_deleted()
    {
        using var admin = await AdminAsync();
        await OkAsync(await admin.PutAsync("/api/indicators/reported-figure", Json(Definition("已填报指标", "Reported figure", "[\"supply-point\"]"))), HttpStatusCode.Created);
        await app.Get<IndicatorStore>().MarkInUseAsync(["reported-figure"], "test: a submission carried it", CancellationToken.None);
        await app.Get<IndicatorStore>().MarkInUseAsync(["reported-figure"], "marked twice", CancellationToken.None);

        await ProblemAsync(await admin.DeleteAsync("/api/indicators/reported-figure"), HttpStatusCode.Conflict, "retirement");

        Assert.Contains("reported-figure", Codes(await CurrentAsync()));
    }

    [Fact]
    public async Task The_rules_are_data_and_today_s_two_are_seeded()
    {
        var rules = (await CurrentAsync(SiteTypes.Checkpoint)).GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, rule => rule.GetProperty("kind").GetString() == "at-most" && rule.GetProperty("code").GetString() == "party-members" && rule.GetProperty("atMost").GetString() == "on-duty");
        Assert.Contains(rules, rule => rule.GetProperty("kind").GetString() == "at-most-assigned" && rule.GetProperty("code").GetString() == "on-duty");

        using var admin = await AdminAsync();
        await OkAsync(await admin.PutAsync("/api/indicators/vehicles-sent-back", Json(Definition("劝返车辆", "Vehicles sent back", unit: "辆"))), HttpStatusCode.Created);
        var changed = await OkAsync(await admin.PutAsync("/api/indicator-rules", Json("""
            {"rules":[{"kind":"at-most","code":"party-members","atMost":"on-duty"},{"kind":"at-most-assigned","code":"on-duty","margin":5},
                      {"kind":"at-most","code":"vehicles-sent-back","atMost":"vehicles-checked"}]}
            """)));

        Assert.Equal(3, changed.GetProperty("rules").GetArrayLength());
        // A rule applies where both its indicators do: not at a community, which checks no vehicles.
        Assert.Equal(2, (await CurrentAsync(SiteTypes.Community)).GetProperty("rules").GetArrayLength());
        await ProblemAsync(await admin.DeleteAsync("/api/indicators/vehicles-sent-back"), HttpStatusCode.Conflict, "rule");
    }

    [Fact]
    public async Task Seeding_twice_is_the_same_version_and_a_fresh_store_starts_at_version_1()
    {
        await using var fresh = new FrontlineApp();
        await fresh.InitializeAsync();
        var seeder = fresh.Get<IndicatorSeeder>();

        await seeder.SeedAsync(CancellationToken.None);
        var before = await StorageSnapshot.TakeAsync(fresh.Storage, [TableNames.Indicators], queues: false);
        Assert.False(await seeder.SeedAsync(CancellationToken.None));

        Assert.Equal(before, await StorageSnapshot.TakeAsync(fresh.Storage, [TableNames.Indicators], queues: false));
        var set = (await fresh.Get<IndicatorStore>().ReadCurrentAsync(CancellationToken.None))!.Value.Set;
        Assert.Equal(1, set.Version);
        Assert.Equal(IndicatorDefaults.Indicators.Count, set.Indicators.Count);
        foreach (var legacy in IndicatorDefaults.LegacyFields.Keys)
        {
            Assert.True(await fresh.Get<IndicatorStore>().IsInUseAsync(legacy, CancellationToken.None), legacy);
        }

        Assert.False(await fresh.Get<IndicatorStore>().IsInUseAsync("duty-hours", CancellationToken.None));
    }

    [Fact]
    public async Task A_set_too_large_for_one_table_row_is_refused_before_anything_is_written()
    {
        var store = app.Get<IndicatorStore>();
        var (set, etag) = (await store.ReadCurrentAsync(CancellationToken.None))!.Value;
        // Far past anything the API lets through (200 indicators of short names): the store checks Azure's limits itself.
        var huge = set with
        {
            Version = set.Version + 1,
            Indicators = [.. Enumerable.Range(0, 2000).Select(i => set.Indicators[0] with { Code = $"huge-{i}", NameEn = new string('x', 600) })],
        };
        var before = await SnapshotAsync();

        var refused = await Assert.ThrowsAsync<IndicatorSetTooLargeException>(() => store.WriteAsync(huge, etag, CancellationToken.None));

        Assert.Contains("1,048,576", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }
}

/// <summary>The defaults are held to the same rules as an Admin's definitions, without storage.</summary>
public sealed class IndicatorDefaultsTests
{
    [Fact]
    public void Every_default_passes_the_rules_an_Admin_s_definition_must_meet()
    {
        foreach (var indicator in IndicatorDefaults.Indicators)
        {
            var request = new IndicatorRequest(indicator.NameZh, indicator.NameEn, indicator.Unit, indicator.Kind, indicator.Aggregation,
                indicator.Min, indicator.Max, [.. indicator.SiteTypes], indicator.Required, indicator.Order);
            var valid = IndicatorEditing.Validate(indicator.Code, request, null, out var errors);
            Assert.True(valid is not null, $"{indicator.Code}: {string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}"))}");
            Assert.Equal(indicator, valid with { SiteTypes = indicator.SiteTypes });
            Assert.Empty(IndicatorEditing.CheckSet(IndicatorDefaults.Indicators, IndicatorDefaults.Rules, indicator.Code));
        }

        Assert.NotNull(IndicatorEditing.ValidateRules([.. IndicatorDefaults.Rules], IndicatorDefaults.Indicators, out _));
        Assert.Equal(IndicatorDefaults.Indicators.Count, IndicatorDefaults.Indicators.Select(indicator => indicator.Code).Distinct().Count());
    }

    [Fact]
    public void Today_s_seven_figures_are_each_an_indicator_and_every_kind_of_site_gets_its_own_list()
    {
        Assert.Equal(new Frontline.DailyCounts.CountsRequest(1, 1, 1, 1, 1, 1, 1, null).LegacyFields.Select(field => field.Field).Order(), IndicatorDefaults.LegacyFields.Values.Order());
        var set = new IndicatorSet(1, IndicatorDefaults.Indicators, IndicatorDefaults.Rules, "seed", DateTimeOffset.UnixEpoch, "");
        var lists = SiteTypes.All.Select(type => string.Join(",", set.For(type).Select(indicator => indicator.Code))).ToList();
        Assert.Equal(lists.Count, lists.Distinct().Count());
        Assert.All(SiteTypes.All, type => Assert.Equal(2, set.RulesFor(type).Count));
    }

    [Fact]
    public void A_set_split_over_properties_reads_back_whole_and_the_limits_are_Azure_s()
    {
        var entity = new Azure.Data.Tables.TableEntity("set", "current");
        var set = new IndicatorSet(3, [.. Enumerable.Range(0, 150).Select(i => IndicatorDefaults.Indicators[0] with { Code = $"figure-{i}", NameZh = new string('指', 40) + i })],
            IndicatorDefaults.Rules, "管理员", DateTimeOffset.UnixEpoch, "test");

        TableJson.WriteParts(set, entity, "Set");

        Assert.True(entity.GetInt32("SetParts") > 1);
        Assert.All(entity.Select(property => property.Value).OfType<string>(), text => Assert.True(text.Length <= TableJson.MaxPropertyCharacters));
        var read = TableJson.ReadParts<IndicatorSet>(entity, "Set")!;
        Assert.Equal(set.Indicators.Select(indicator => indicator.NameZh), read.Indicators.Select(indicator => indicator.NameZh));
        Assert.Null(EntityLimits.Problem(entity));
        for (var i = 0; i < 260; i++)
        {
            entity[$"P{i}"] = i;
        }

        Assert.Contains("252", EntityLimits.Problem(entity), StringComparison.Ordinal);
    }
}
