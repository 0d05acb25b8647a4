namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private const string Site1Pattern = "/api/sites/site-1/shift-pattern";

    private const string FourHourBlocks = """{"shifts":[{"start":"08:00","end":"12:00"},{"start":"12:00","end":"16:00"}]}""";

    private static Hostile Pattern(string name, int status, string? field, string body) =>
        new Hostile($"PUT shift pattern: {name}", "PUT", Site1Pattern, status, field).As("coordinator").Json(body);

    private static Hostile DayShifts(string name, int status, string? field, string body, string day = "{today}") =>
        new Hostile($"PUT volunteer shifts: {name}", "PUT", $"/api/volunteers/{{regId}}/shifts/{day}", status, field).As("coordinator").Json(body);

    private static Hostile BatchPersonDay(string name, string personId, int status, string? field) =>
        new Hostile($"PUT volunteer shifts: batch person id, {name}", "PUT", $"/api/volunteers/{personId}/shifts/{{today}}", status, field).As("coordinator").Json(Block("08:00", "12:00"));

    private static string Block(string start, string end) => $$"""{"shifts":[{"start":"{{start}}","end":"{{end}}"}]}""";

    public static Hostile[] Shifts =>
    [
        // A pattern within the day: missing, both shapes, malformed, reversed, too short or long, overlapping.
        Pattern("empty body", 400, "shifts", "{}"),
        Pattern("shifts empty", 400, "shifts", """{"shifts":[]}"""),
        Pattern("shifts and handovers both", 400, "handovers", """{"shifts":[{"start":"08:00","end":"12:00"}],"handovers":["08:00"]}"""),
        Pattern("shifts not a list", 400, "shifts", """{"shifts":"08:00-12:00"}"""),
        Pattern("start missing", 400, "shifts[0].start", """{"shifts":[{"end":"12:00"}]}"""),
        Pattern("end missing", 400, "shifts[0].end", """{"shifts":[{"start":"08:00"}]}"""),
        Pattern("a shift null", 400, "shifts[0].start", """{"shifts":[null]}"""),
        Pattern("start without zero padding", 400, "shifts[0].start", Block("8:00", "12:00")),
        Pattern("start 25:00", 400, "shifts[0].start", Block("25:00", "26:00")),
        Pattern("start 24:00", 400, "shifts[0].start", Block("24:00", "24:00")),
        Pattern("start at a quarter past", 400, "shifts[0].start", Block("08:15", "12:00")),
        Pattern("start with seconds", 400, "shifts[0].start", Block("08:00:00", "12:00")),
        Pattern("start as a number", 400, "shifts", """{"shifts":[{"start":800,"end":"12:00"}]}"""),
        Pattern("start with a full-width colon", 400, "shifts[0].start", Block("08：00", "12:00")),
        Pattern("start in Arabic-Indic digits", 400, "shifts[0].start", Block("٠٨:٠٠", "12:00")),
        Pattern("times reversed", 400, "shifts[0].end", Block("16:00", "08:00")),
        Pattern("start equals end", 400, "shifts[0].end", Block("08:00", "08:00")),
        Pattern("a shift of half an hour", 400, "shifts[0].end", Block("08:00", "08:30")),
        Pattern("a shift of 13 hours", 400, "shifts[0].end", Block("07:00", "20:00")),
        Pattern("two shifts overlapping", 400, "shifts[1].start", """{"shifts":[{"start":"08:00","end":"12:00"},{"start":"11:00","end":"15:00"}]}"""),
        Pattern("one shift twice", 400, "shifts[1].start", """{"shifts":[{"start":"08:00","end":"12:00"},{"start":"08:00","end":"12:00"}]}"""),
        Pattern("25 shifts", 400, "shifts", "{\"shifts\":[" + string.Join(",", Enumerable.Range(0, 25).Select(_ => Block("08:00", "09:00")[11..^2])) + "]}"),

        // A 24-hour post: hand-overs malformed, out of order, too close, wrapping too close.
        Pattern("handovers not a list", 400, "handovers", """{"handovers":"08:00"}"""),
        Pattern("a hand-over malformed", 400, "handovers[1]", """{"handovers":["00:00","8:00"]}"""),
        Pattern("a hand-over null", 400, "handovers[0]", """{"handovers":[null]}"""),
        Pattern("hand-overs out of order", 400, "handovers[1]", """{"handovers":["16:00","08:00","00:00"]}"""),
        Pattern("a hand-over twice", 400, "handovers[1]", """{"handovers":["08:00","08:00"]}"""),
        Pattern("hand-overs half an hour apart", 400, "handovers[1]", """{"handovers":["08:00","08:30"]}"""),
        Pattern("the last shift half an hour to the first", 400, "handovers[1]", """{"handovers":["00:00","23:30"]}"""),
        Pattern("a hand-over at 24:00", 400, "handovers[1]", """{"handovers":["08:00","24:00"]}"""),

        // The site, the body and who sends it.
        new Hostile("PUT shift pattern: an unknown site", "PUT", "/api/sites/site-9/shift-pattern", 404, "siteId").As("coordinator").Json(FourHourBlocks),
        new Hostile("PUT shift pattern: site id with a hash", "PUT", "/api/sites/site%231/shift-pattern", 400, "siteId").As("coordinator").Json(FourHourBlocks),
        new Hostile("PUT shift pattern: site id in capitals", "PUT", "/api/sites/SITE-1/shift-pattern", 400, "siteId").As("coordinator").Json(FourHourBlocks),
        Pattern("a stale If-Match", 412, "If-Match", FourHourBlocks).Header("If-Match", "W/\"datetime'2022-03-17T00%3A00%3A00.0000000Z'\""),
        Pattern("JSON as text/plain", 415, null, FourHourBlocks).Typed("text/plain"),
        Pattern("body not JSON", 400, null, "shifts=08:00-12:00"),
        Pattern("body of 40 KiB", 413, null, "{\"note\":\"" + new string('x', 40 * 1024) + "\"}"),
        Pattern("a reporter", 403, null, FourHourBlocks).As("reporterA"),
        Pattern("anonymous", 401, null, FourHourBlocks).As("anonymous"),
        new Hostile("GET shift pattern: a site without one", "GET", Site1Pattern, 404, "siteId").As("reporterA"),
        new Hostile("GET shift pattern: an unknown site", "GET", "/api/sites/site-9/shift-pattern", 404, "siteId").As("coordinator"),
        new Hostile("GET shift pattern: anonymous", "GET", Site1Pattern, 401),

        // A volunteer's day: the id, the day, the body (checked before the volunteer is looked up).
        new Hostile("PUT volunteer shifts: not a volunteer id", "PUT", "/api/volunteers/volunteer-1/shifts/{today}", 404, "volunteerId").As("coordinator").Json("{\"shifts\":[]}"),
        DayShifts("day malformed", 400, "day", "{\"shifts\":[]}", day: "2022-4-1"),
        DayShifts("day 2022-02-30", 400, "day", "{\"shifts\":[]}", day: "2022-02-30"),
        DayShifts("day the word today", 400, "day", "{\"shifts\":[]}", day: "today"),
        DayShifts("day two years back", 400, "day", "{\"shifts\":[]}", day: "{ago:730}"),
        DayShifts("day three months ahead", 400, "day", "{\"shifts\":[]}", day: "{in:90}"),
        DayShifts("shifts missing", 400, "shifts", "{}"),
        DayShifts("shifts not a list", 400, "shifts", """{"shifts":"08:00"}"""),
        DayShifts("four shifts", 400, "shifts", "{\"shifts\":[" + string.Join(",", Enumerable.Range(8, 4).Select(hour => $$"""{"start":"{{hour:00}}:00","end":"{{hour + 1:00}}:00"}""")) + "]}"),
        DayShifts("start malformed", 400, "shifts[0].start", Block("8:00", "12:00")),
        DayShifts("end malformed", 400, "shifts[0].end", Block("08:00", "12:61")),
        DayShifts("one shift twice", 400, "shifts[1]", """{"shifts":[{"start":"08:00","end":"12:00"},{"start":"08:00","end":"12:00"}]}"""),
        DayShifts("a well-formed day for a volunteer not stored", 404, "volunteerId", Block("08:00", "12:00")),
        // A batch person's id (b-{unitId}-{batchId}-{n}): malformed, of a batch not recorded, of another unit's batch.
        BatchPersonDay("number 0", "b-unit-a-20220317-abcdefgh-0", 404, "volunteerId"),
        BatchPersonDay("number 1000", "b-unit-a-20220317-abcdefgh-1000", 404, "volunteerId"),
        BatchPersonDay("unit in capitals", "b-UNIT-A-20220317-abcdefgh-1", 404, "volunteerId"),
        BatchPersonDay("batch id with a letter not in its alphabet", "b-unit-a-20220317-abcdefgi-1", 404, "volunteerId"),
        BatchPersonDay("batch id of a day that is not", "b-unit-a-20220230-abcdefgh-1", 404, "volunteerId"),
        BatchPersonDay("no unit", "b--20220317-abcdefgh-1", 404, "volunteerId"),
        BatchPersonDay("a batch not recorded", "b-unit-a-20220317-abcdefgh-1", 404, "volunteerId"),
        BatchPersonDay("another unit's batch, for a reporter", "b-unit-b-20220317-abcdefgh-1", 403, null).As("reporterA"),
        new Hostile("GET volunteer shifts: a batch not recorded", "GET", "/api/volunteers/b-unit-a-20220317-abcdefgh-1/shifts", 404, "volunteerId").As("reporterA"),
        new Hostile("GET volunteer shifts: another unit's batch person", "GET", "/api/volunteers/b-unit-b-20220317-abcdefgh-1/shifts", 403, null).As("reporterA"),
        DayShifts("JSON as text/plain", 415, null, Block("08:00", "12:00")).Typed("text/plain"),
        DayShifts("anonymous", 401, null, Block("08:00", "12:00")).As("anonymous"),
        DayShifts("an application bound to no unit", 403, null, Block("08:00", "12:00")).As("appUnbound"),

        // Reading a volunteer's shifts and a site's duty.
        new Hostile("GET volunteer shifts: from malformed", "GET", "/api/volunteers/{regId}/shifts?from=2022-4-1", 400, "from").As("coordinator"),
        new Hostile("GET volunteer shifts: dates reversed", "GET", "/api/volunteers/{regId}/shifts?from={today}&to={ago:1}", 400, "to").As("coordinator"),
        new Hostile("GET volunteer shifts: 63 days", "GET", "/api/volunteers/{regId}/shifts?from={ago:62}&to={today}", 400, "to").As("coordinator"),
        new Hostile("GET volunteer shifts: a volunteer not stored", "GET", "/api/volunteers/{regId}/shifts", 404, "volunteerId").As("reporterA"),
        new Hostile("GET volunteer shifts: anonymous", "GET", "/api/volunteers/{regId}/shifts", 401),
        new Hostile("GET duty: day malformed", "GET", "/api/sites/site-1/duty?day=20220601", 400, "day").As("coordinator"),
        new Hostile("GET duty: unit id in capitals", "GET", "/api/sites/site-1/duty?unitId=UNIT-A", 400, "unitId").As("coordinator"),
        new Hostile("GET duty: an unknown unit", "GET", "/api/sites/site-1/duty?unitId=unit-zz", 404, "unitId").As("coordinator"),
        new Hostile("GET duty: an unknown site", "GET", "/api/sites/site-9/duty", 404, "siteId").As("coordinator"),
        new Hostile("GET duty: site id with a hash", "GET", "/api/sites/site%231/duty", 400, "siteId").As("coordinator"),
        new Hostile("GET duty: a site another unit serves", "GET", "/api/sites/site-3/duty", 403, "siteId").As("reporterA"),
        new Hostile("GET duty: another unit's people", "GET", "/api/sites/site-1/duty?unitId=unit-b", 403, "unitId").As("reporterA"),
        new Hostile("GET duty: anonymous", "GET", "/api/sites/site-1/duty", 401),
    ];
}
