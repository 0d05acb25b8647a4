namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private static Hostile ListVolunteers(string name, string query, string field) =>
        new Hostile($"GET volunteers: {name}", "GET", "/api/volunteers?" + query, 400, field).As("coordinator");

    private static Hostile Reassign(string name, string json, int status, string? field, string volunteer = "{regId}") =>
        new Hostile($"POST reassign: {name}", "POST", $"/api/volunteers/{volunteer}/reassign", status, field).As("coordinator").Json(json);

    private static Hostile Remind(string name, string json, int status = 400, string? field = null) =>
        new Hostile($"POST reminders: {name}", "POST", "/api/reminders", status, field).As("coordinator").Json(json);

    private static Hostile Export(string name, string path, string field) =>
        new Hostile($"GET export: {name}", "GET", "/api/exports/" + path, 400, field).As("coordinator");

    /// <summary>The coordinator's console: the volunteer list and moves, reminders, poison queues and exports.</summary>
    public static Hostile[] CoordinatorConsole =>
    [
        // The volunteer list: every filter is a query string a person can type into.
        ListVolunteers("q of 51 characters", "q=" + new string('张', 51), "q"),
        .. new[]
        {
            ("NUL", "%E5%BC%A0%00"), ("escape", "%E5%BC%A0%1B%5B31m"), ("newline", "%E5%BC%A0%0A%E4%B8%89"), ("DEL", "%E5%BC%A0%7F"),
            ("right-to-left override", "%E5%BC%A0%E2%80%AE"), ("zero-width space", "%E5%BC%A0%E2%80%8B"), ("line separator", "%E5%BC%A0%E2%80%A8%E4%B8%89"),
            ("BOM", "%EF%BB%BF%E5%BC%A0"), ("NEL", "%E5%BC%A0%C2%85%E4%B8%89"), ("word joiner", "%E5%BC%A0%E2%81%A0%E4%B8%89"),
        }.Select(dirty => ListVolunteers($"q with {dirty.Item1}", "q=" + dirty.Item2, "q")),
        ListVolunteers("q with a noncharacter", "q=%EF%BF%BF", "q"),
        ListVolunteers("unitId dot-dot-slash", "unitId=..%2Funit-b", "unitId"),
        ListVolunteers("unitId with a quote", "unitId=unit-a%27%20or%20%271%27%3D%271", "unitId"),
        ListVolunteers("unitId with a pipe", "unitId=unit-a%7C", "unitId"),
        ListVolunteers("siteId with a hash", "siteId=site-1%23", "siteId"),
        ListVolunteers("siteId of 200 characters", "siteId=" + new string('s', 200), "siteId"),
        ListVolunteers("community of 101 characters", "community=" + new string('社', 101), "community"),
        ListVolunteers("community with a newline", "community=%E7%A4%BE%0A%E5%8C%BA", "community"),
        ListVolunteers("unknown status", "status=deleted", "status"),
        ListVolunteers("status in capitals", "status=Assigned", "status"),
        ListVolunteers("take 0", "take=0", "take"),
        ListVolunteers("take negative", "take=-1", "take"),
        ListVolunteers("take 201", "take=201", "take"),
        ListVolunteers("take past int", "take=99999999999", "take"),
        ListVolunteers("take as an exponent", "take=1e2", "take"),
        ListVolunteers("take with a plus", "take=%2B5", "take"),
        ListVolunteers("take in full-width digits", "take=%EF%BC%95", "take"),
        ListVolunteers("continuation not base64", "continuation=%25%25%25", "continuation"),
        ListVolunteers("continuation of 5000 characters", "continuation=" + new string('A', 5000), "continuation"),

        // Moving a volunteer: the id in the path, then the body.
        Reassign("id dot-dot-slash", "{\"siteId\":\"site-2\"}", 404, "volunteer", "..%2F..%2Fhealth"),
        Reassign("id with a pipe", "{\"siteId\":\"site-2\"}", 404, "volunteer", "r%7Cmember"),
        Reassign("id of 300 characters", "{\"siteId\":\"site-2\"}", 404, "volunteer", new string('r', 300)),
        Reassign("id with a script tag", "{\"siteId\":\"site-2\"}", 404, "volunteer", "%3Cscript%3E"),
        Reassign("a well-formed id nobody registered", "{\"siteId\":\"site-2\"}", 404, "volunteer"),
        Reassign("siteId missing", "{}", 400, "siteId"),
        Reassign("siteId empty", "{\"siteId\":\"\"}", 400, "siteId"),
        Reassign("siteId dot-dot-slash", "{\"siteId\":\"../site-3\"}", 400, "siteId"),
        Reassign("siteId with NUL", "{\"siteId\":\"site-2\\u0000\"}", 400, "siteId"),
        Reassign("siteId as a number", "{\"siteId\":2}", 400, "siteId"),
        Reassign("siteId as an array", "{\"siteId\":[\"site-2\",\"site-3\"]}", 400, "siteId"),
        Reassign("day in the past", "{\"siteId\":\"site-2\",\"day\":\"{ago:1}\"}", 400, "day"),
        Reassign("day not a date", "{\"siteId\":\"site-2\",\"day\":\"tomorrow\"}", 400, "day"),
        Reassign("day in 2101", "{\"siteId\":\"site-2\",\"day\":\"2101-01-01\"}", 400, "day"),
        Reassign("day 31 February", "{\"siteId\":\"site-2\",\"day\":\"2026-02-31\"}", 400, "day"),
        Reassign("siteId twice", "{\"siteId\":\"site-2\",\"siteId\":\"site-3\"}", 400, "siteId"),
        Reassign("malformed", "{\"siteId\":", 400, null),
        Reassign("body of 20 KiB", Obj([("siteId", Str(new string('s', 20 * 1024)))]), 413, "bytes"),
        Reassign("as text/plain", "{\"siteId\":\"site-2\"}", 415, "Content-Type") with { ContentType = "text/plain" },

        // Reminders: a day that has come, and units that exist.
        Remind("day missing", "{}", field: "day"),
        Remind("day tomorrow", "{\"day\":\"{tomorrow}\"}", field: "day"),
        Remind("day as a number", "{\"day\":20260101}", field: "day"),
        Remind("day with a time", "{\"day\":\"{today}T00:00:00Z\"}", field: "day"),
        Remind("day in 1999", "{\"day\":\"1999-12-31\"}", field: "day"),
        Remind("501 unit ids", Obj([("day", "\"{today}\""), ("unitIds", "[" + string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"u{i}\"")) + "]")]), field: "unitIds"),
        Remind("unit id dot-dot-slash", "{\"day\":\"{today}\",\"unitIds\":[\"../unit-b\"]}", field: "unitIds"),
        Remind("unit id with a script tag", "{\"day\":\"{today}\",\"unitIds\":[\"<script>\"]}", field: "unitIds"),
        Remind("a unit that does not exist", "{\"day\":\"{today}\",\"unitIds\":[\"unit-zzz\"]}", field: "unitIds"),
        Remind("unit ids as a string", "{\"day\":\"{today}\",\"unitIds\":\"unit-a\"}", field: "unitIds"),
        Remind("a null unit id", "{\"day\":\"{today}\",\"unitIds\":[null]}", field: "unitIds"),
        Remind("malformed", "{\"day\":"),
        Remind("as form data", "day=2026-01-01", 415, "Content-Type") with { ContentType = "application/x-www-form-urlencoded" },
        .. new[] { ("missing", ""), ("not a date", "?day=yesterday"), ("in 2101", "?day=2101-01-01"), ("with a path", "?day=..%2F2026-01-01") }
            .Select(bad => new Hostile($"GET reminder outbox: day {bad.Item1}", "GET", "/api/reminders/outbox" + bad.Item2, 400, "day").As("coordinator")),

        // Replaying from a poison queue: only the application's queues, only ids Azure hands out.
        .. new[]
        {
            ("an unknown queue", "nobody/poison/abc"), ("a poison queue as the queue", "registrations-poison/poison/abc"),
            ("queue dot-dot-slash", "..%2Fregistrations/poison/abc"), ("queue in capitals", "REGISTRATIONS/poison/abc"),
            ("message id with a dot-dot-slash", "registrations/poison/..%2F..%2Fabc"), ("message id of 101 characters", "registrations/poison/" + new string('a', 101)),
            ("message id with a space", "registrations/poison/a%20b"), ("message id with a script tag", "registrations/poison/%3Cscript%3E"),
            ("a message that is not there", "registrations/poison/00000000-0000-0000-0000-000000000000"),
        }.Select(bad => new Hostile($"POST poison replay: {bad.Item1}", "POST", "/api/queues/" + bad.Item2 + "/replay", 404, "queue").As("coordinator")),

        // Exports: the window of days, each format.
        .. new[] { "csv", "xlsx" }.SelectMany(format => new[]
        {
            Export($"counts.{format} from not a date", $"counts.{format}?from=last-week", "from"),
            Export($"counts.{format} to not a date", $"counts.{format}?to=2026-13-01", "to"),
            Export($"counts.{format} from after to", $"counts.{format}?from={{today}}&to={{ago:3}}", "from"),
            Export($"counts.{format} 93 days", $"counts.{format}?from={{ago:92}}&to={{today}}", "from"),
            Export($"counts.{format} from in 1999", $"counts.{format}?from=1999-01-01", "from"),
            Export($"counts.{format} formula as a date", $"counts.{format}?to=%3Dcmd%7C%27%20%2FC%20calc%27%21A0", "to"),
            Export($"completeness.{format} day not a date", $"completeness.{format}?day=today", "day"),
            Export($"completeness.{format} day with a time", $"completeness.{format}?day={{today}}T08:00", "day"),
            Export($"completeness.{format} area with a quote", $"completeness.{format}?area=510100%27", "area"),
            Export($"counts.{format} area with a bar", $"counts.{format}?area=510100%7C1", "area"),
            Export($"counts.{format} area of 200 characters", $"counts.{format}?area={new string('5', 200)}", "area"),
        }),

        // The public daily series.
        .. new[]
        {
            ("from not a date", "from=monday", "from"), ("to in 2101", "to=2101-01-01", "to"), ("from after to", "from={today}&to={ago:1}", "from"),
            ("93 days", "from={ago:92}&to={today}", "from"), ("to as a number", "to=20260101", "to"), ("from with a formula", "from=%3D1%2B1", "from"),
            ("area with a quote", "area=510100%27%20or%201", "area"), ("area with a bar", "area=510100%7C510104", "area"),
            ("area of 200 characters", "area=" + new string('5', 200), "area"),
        }.Select(bad => new Hostile($"GET daily stats: {bad.Item1}", "GET", "/api/stats/daily?" + bad.Item2, 400, bad.Item3)),

        // The drill-down by area.
        .. new[]
        {
            ("day not a date", "day=today", "day"), ("day in 2101", "day=2101-01-01", "day"), ("day with a time", "day={today}T08:00", "day"),
            ("area with a slash", "area=510100%2F1", "area"), ("area with a bar", "area=510100%7C1", "area"), ("area with a formula", "area=%3D1%2B1", "area"),
            ("area of 200 characters", "area=" + new string('5', 200), "area"),
        }.Select(bad => new Hostile($"GET area stats: {bad.Item1}", "GET", "/api/stats/areas?" + bad.Item2, 400, bad.Item3)),
    ];

    /// <summary>
    /// The header the site sends the user's token in behind a Static Web App (which replaces Authorization): a token
    /// there wins over Authorization and is checked exactly as one there would be. Each row also sends a valid
    /// coordinator token in Authorization, so a refusal can only come from reading the forwarded one. The last three
    /// carry no bearer token there at all: such a header is not a token and is ignored, so they send nothing else and
    /// must not sign anyone in.
    /// </summary>
    public static Hostile[] ForwardedTokens =>
    [
        .. new[] { "expired", "otherIssuer", "forgedSignature", "forgedPayload", "algNone", "wrongAudience", "notYetValid", "garbage" }
            .SelectMany(caller => new[]
            {
                new Hostile($"forwarded {caller}: volunteer list", "GET", "/api/volunteers", 401) { ForwardedAs = caller }.As("coordinator"),
                new Hostile($"forwarded {caller}: run bulletins", "POST", "/api/bulletins/run", 401) { ForwardedAs = caller }.As("coordinator"),
            }),
        new Hostile("forwarded reporter: volunteer list", "GET", "/api/volunteers", 403) { ForwardedAs = "reporterA" }.As("coordinator"),
        new Hostile("forwarded reporter: export volunteers", "GET", "/api/exports/volunteers.csv", 403) { ForwardedAs = "reporterA" }.As("coordinator"),
        new Hostile("forwarded reporter of another unit: submit counts", "PUT", "/api/sites/site-1/counts/{today}?unitId=unit-a", 403) { ForwardedAs = "reporterB" }
            .As("reporterA")
            .Json("{\"onDuty\":3,\"partyMembers\":1,\"tested\":1,\"peopleChecked\":1,\"vehiclesChecked\":1,\"suppliesDelivered\":1,\"householdsVisited\":1}"),
        new Hostile("forwarded Basic credentials", "GET", "/api/volunteers", 401) { ForwardedAs = "basic" },
        new Hostile("forwarded without a scheme", "GET", "/api/volunteers", 401) { ForwardedRaw = "eyJhbGciOiJSUzI1NiJ9.e30.x" },
        new Hostile("forwarded empty bearer", "GET", "/api/volunteers", 401) { ForwardedRaw = "Bearer " },
    ];
}
