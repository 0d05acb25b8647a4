namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>Counts that unit-a could submit for site-1 today (it has 3 volunteers there, margin 2); each row breaks one thing.</summary>
    internal static readonly (string Key, string Raw)[] Counts =
    [
        ("onDuty", "3"), ("partyMembers", "1"), ("tested", "120"), ("peopleChecked", "40"), ("vehiclesChecked", "15"),
        ("suppliesDelivered", "8"), ("householdsVisited", "20"),
    ];

    private static readonly string[] Figures = ["onDuty", "partyMembers", "tested", "peopleChecked", "vehiclesChecked", "suppliesDelivered", "householdsVisited"];

    private const string SiteOne = "/api/sites/site-1/counts/{today}";

    private static Hostile Put(string name, string path, int status, string? field = null) =>
        new Hostile($"PUT counts: {name}", "PUT", path, status, field).As("reporterA").Json(Obj(Counts));

    private static Hostile Put(string name, string key, string? raw, string? field = null) =>
        Put(name, SiteOne, 400, field ?? key).Json(Obj(With(Counts, key, raw)));

    private static Hostile Get(string label, string path, int status, string? field = null, string caller = "reporterA") =>
        new Hostile($"GET {label}", "GET", path, status, field).As(caller);

    private static Hostile Post(string label, string path, int status, string? field = null, string caller = "coordinator") =>
        new Hostile($"POST {label}", "POST", path, status, field).As(caller);

    /// <summary>Days that are not days, or not days anyone may report: (label, path segment).</summary>
    private static readonly (string Label, string Day)[] BadDays =
    [
        ("2022-02-30", "2022-02-30"),
        ("2022-02-29 (not a leap year)", "2022-02-29"),
        ("0001-01-01", "0001-01-01"),
        ("9999-12-31", "9999-12-31"),
        ("1999-12-31", "1999-12-31"),
        ("month 13", "2024-13-01"),
        ("the word today", "today"),
        ("no zero padding", "2022-9-7"),
        ("with a time", "{today}T00:00:00"),
        ("no dashes", "20220907"),
        ("negative year", "-2022-01-01"),
        ("encoded dot-dot", "%2e%2e"),
        ("300 characters", new string('9', 300)),
    ];

    public static Hostile[] SiteCounts =>
    [
        // Numbers: strings, fractions, exponents, signs, overflow, not numbers.
        .. Figures.Select(figure => Put($"{figure} as a string", figure, "\"3\"")),
        .. Figures.Select(figure => Put($"{figure} negative", figure, "-1")),
        .. Figures.Select(figure => Put($"{figure} above a million", figure, "1000001")),
        Put("onDuty 3.0", "onDuty", "3.0"),
        Put("onDuty 2.5", "onDuty", "2.5"),
        Put("tested 1e2", "tested", "1e2"),
        Put("tested 1E+2", "tested", "1E+2"),
        Put("tested past long", "tested", "9223372036854775808"),
        Put("tested 1e400", "tested", "1e400"),
        Put("tested -1e400", "tested", "-1e400"),
        Put("tested long.MinValue", "tested", "-9223372036854775808"),
        Put("tested hexadecimal", "tested", "0x10"),
        Put("tested with a leading zero", "tested", "012"),
        Put("tested with a plus sign", "tested", "+12"),
        Put("tested NaN", "tested", "NaN"),
        Put("tested Infinity", "tested", "Infinity"),
        Put("tested \"1,000\"", "tested", "\"1,000\""),
        Put("tested true", "tested", "true"),
        Put("tested an array", "tested", "[12]"),
        Put("tested an object", "tested", "{\"value\":12}"),
        Put("tested null", "tested", "null"),
        Put("tested missing", "tested", null),
        Put("no figures at all", SiteOne, 400, "onDuty").Json("{}"),
        Put("party members above on duty", "partyMembers", "4"),
        Put("on duty above the unit's volunteers plus the margin", "onDuty", "6"),
        Put("onDuty twice", SiteOne, 400, "onDuty").Json(Obj(Counts).TrimEnd('}') + ",\"onDuty\":1}"),

        // The highlight: overlong, dirty, wrong type.
        Put("highlight of 501 characters", "highlight", Str(new string('好', 501))),
        Put("highlight as a number", "highlight", "5"),
        Put("highlight as an array", "highlight", "[\"好\"]"),
        Put("highlight twice", SiteOne, 400, "highlight").Json(Obj(With(Counts, "highlight", "\"一\"")).TrimEnd('}') + ",\"highlight\":\"二\"}"),
        .. DirtyText.Select(dirty => Put($"highlight with {dirty.Label}", "highlight", dirty.Raw)),

        // Days.
        .. BadDays.Where(bad => !bad.Day.Contains('%', StringComparison.Ordinal)).Select(bad => Put($"day {bad.Label}", $"/api/sites/site-1/counts/{bad.Day}", 400, "day")),
        Put("day of encoded dots (the client resolves them: no route)", "/api/sites/site-1/counts/%2e%2e", 404),
        Put("tomorrow", "/api/sites/site-1/counts/{tomorrow}", 400, "day"),
        Put("2100-12-31", "/api/sites/site-1/counts/2100-12-31", 400, "day"),
        Put("a locked day", "/api/sites/site-1/counts/{ago:10}", 409),
        Put("a closed site", "/api/sites/site-closed/counts/{today}", 409),

        // Sites: another unit's, unknown, and path tricks.
        Put("another unit's site", "/api/sites/site-3/counts/{today}", 403),
        Put("an unknown site", "/api/sites/no-such-site/counts/{today}", 404),
        Put("site dot-dot-slash", "/api/sites/..%2Fsite-3/counts/{today}", 404),
        Put("site encoded dots", "/api/sites/%2e%2e/counts/{today}", 404),
        Put("site with an encoded slash", "/api/sites/site-1%2Fx/counts/{today}", 404),
        Put("site with a backslash", "/api/sites/site-1%5C/counts/{today}", 404),
        Put("site with a hash", "/api/sites/site-1%23/counts/{today}", 404),
        Put("site with a question mark", "/api/sites/site-1%3F/counts/{today}", 404),
        Put("site with a newline", "/api/sites/site-1%0A/counts/{today}", 404),
        Put("site with a space", "/api/sites/site-1%20/counts/{today}", 404),
        Put("site in capitals", "/api/sites/SITE-1/counts/{today}", 404),
        Put("site as CESU-8 surrogate bytes", "/api/sites/%ED%A0%80/counts/{today}", 404),
        Put("site with an overlong UTF-8 slash", "/api/sites/site-1%C0%AFx/counts/{today}", 404),
        Put("site with a double-encoded slash", "/api/sites/site-1%252Fx/counts/{today}", 404),
        Put("coordinator unitId as surrogate bytes", SiteOne + "?unitId=%ED%A0%80", 400, "unitId").As("coordinator"),
        Put("site with a Cyrillic s", "/api/sites/%D1%95ite-1/counts/{today}", 404),
        Put("site with a right-to-left override", "/api/sites/%E2%80%AEsite-1/counts/{today}", 404),
        Put("site id of 2000 characters", "/api/sites/" + new string('s', 2000) + "/counts/{today}", 404),

        // Coordinators name the unit; the unit must be one and serve the site.
        Put("coordinator without unitId", SiteOne, 400, "unitId").As("coordinator"),
        Put("coordinator for a unit not serving the site", SiteOne + "?unitId=unit-b", 403).As("coordinator"),
        Put("coordinator for an unknown unit", SiteOne + "?unitId=no-such-unit", 403).As("coordinator"),
        Put("coordinator unitId dot-dot-slash", SiteOne + "?unitId=..%2Funit-a", 400, "unitId").As("coordinator"),
        Put("coordinator unitId with NUL", SiteOne + "?unitId=unit-a%00", 400, "unitId").As("coordinator"),
        Put("coordinator unitId with a hash", SiteOne + "?unitId=unit-a%23", 400, "unitId").As("coordinator"),
        Put("coordinator unitId twice", SiteOne + "?unitId=unit-a&unitId=unit-b", 400, "unitId").As("coordinator"),
        Put("coordinator unitId of 1000 characters", SiteOne + "?unitId=" + new string('u', 1000), 400, "unitId").As("coordinator"),

        // Bodies: content types, size, malformed.
        Put("as text/plain", SiteOne, 415, "Content-Type").Typed("text/plain"),
        Put("without a content type", SiteOne, 415, "Content-Type").Typed(null),
        Put("as text/csv", SiteOne, 415, "Content-Type").Typed("text/csv"),
        Put("as application/xml", SiteOne, 415, "Content-Type").Typed("application/xml"),
        Put("as form data", SiteOne, 415, "Content-Type").Typed("application/x-www-form-urlencoded"),
        Put("body of 20 KiB", "highlight", Str(new string('a', 20 * 1024)), "bytes") with { Status = 413 },
        Put("chunked body of 64 KiB", "highlight", Str(new string('a', 64 * 1024)), "bytes") with { Status = 413, Chunked = true },
        Put("unclosed object", SiteOne, 400).Json("{\"onDuty\":3"),
        Put("truncated in a number", SiteOne, 400).Json(Obj(Counts)[..^3]),
        Put("an array", SiteOne, 400).Json("[3,1,120,40,15,8,20]"),
        Put("null", SiteOne, 400).Json("null"),
        Put("empty", SiteOne, 400).Json(""),

        // History and reopening.
        .. BadDays.Take(6).Select(bad => Get($"history: day {bad.Label}", $"/api/sites/site-1/counts/{bad.Day}/history", 400, "day")),
        Get("history: another unit's site", "/api/sites/site-3/counts/{today}/history", 403),
        Get("history: an unknown site", "/api/sites/no-such-site/counts/{today}/history", 404),
        Get("history: site dot-dot-slash", "/api/sites/..%2Fsite-3/counts/{today}/history", 404),
        Get("history: site with a percent sign", "/api/sites/site-1%25/counts/{today}/history", 404),
        Get("history: coordinator without unitId", "/api/sites/site-1/counts/{today}/history", 400, "unitId", "coordinator"),
        Get("history: coordinator unitId with a quote", "/api/sites/site-1/counts/{today}/history?unitId=unit-a'%20or%20'1'%3D'1", 400, "unitId", "coordinator"),
        Get("history: coordinator unitId of 5000 characters", "/api/sites/site-1/counts/{today}/history?unitId=" + new string('u', 5000), 400, "unitId", "coordinator"),
        Get("history: coordinator for a unit not serving the site", "/api/sites/site-1/counts/{today}/history?unitId=unit-b", 403, caller: "coordinator"),
        Get("history: reporter without a unit", "/api/sites/site-1/counts/{today}/history", 403, caller: "reporterNoUnit"),
        Get("history: reporter with a path in its unit", "/api/sites/site-1/counts/{today}/history", 403, caller: "reporterBadUnit"),
        .. BadDays.Take(6).Select(bad => Post($"reopen: day {bad.Label}", $"/api/sites/site-1/counts/{bad.Day}/reopen", 400, "day")),
        Post("reopen: tomorrow", "/api/sites/site-1/counts/{tomorrow}/reopen", 400, "day"),
        Post("reopen: 2100-12-31", "/api/sites/site-1/counts/2100-12-31/reopen", 400, "day"),
        Post("reopen: an unknown site", "/api/sites/no-such-site/counts/{ago:5}/reopen", 404),
        Post("reopen: site dot-dot-slash", "/api/sites/..%2Fsite-1/counts/{ago:5}/reopen", 404),
        Post("reopen: site with a hash", "/api/sites/site-1%23/counts/{ago:5}/reopen", 404),
        Post("reopen: site id of 2000 characters", "/api/sites/" + new string('s', 2000) + "/counts/{ago:5}/reopen", 404),
    ];
}
