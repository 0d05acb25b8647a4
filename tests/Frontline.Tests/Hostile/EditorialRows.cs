namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>A good piece from unit-a about site-2, yesterday; each row breaks one thing.</summary>
    private static readonly (string Key, string Raw)[] GoodPiece =
    [
        ("siteId", "\"site-2\""), ("day", "\"{ago:1}\""), ("title", "\"当好组织员 守住检测秩序\""), ("paragraphs", "[\"党员志愿者分批组织居民检测，秩序井然。\"]"),
        ("people", "[{\"name\":\"蒲建宇\",\"role\":\"点长\"}]"),
    ];

    private static Hostile Piece(string name, string key, string? raw, int status = 400, string? field = null) =>
        new Hostile($"POST contribution: {name}", "POST", "/api/contributions", status, field ?? key).As("reporterA").Json(Obj(With(GoodPiece, key, raw)));

    private static Hostile Compose(string name, string json, int status, string? field, string caller = "coordinator") =>
        new Hostile($"POST compose draft: {name}", "POST", "/api/bulletins/compose", status, field).As(caller).Json(json);

    public static Hostile[] Editorial =>
    [
        // Contributions: each field in turn, then who may send one and for which site.
        Piece("title missing", "title", null),
        Piece("title empty", "title", "\"\""),
        Piece("title of 41 characters", "title", Str(new string('题', 41))),
        Piece("title with a script tag", "title", "\"<script>alert(1)</script>\""),
        Piece("title as a number", "title", "5"),
        .. DirtyText.Where((_, index) => index % 4 == 1).Select(dirty => Piece($"title with {dirty.Label}", "title", dirty.Raw)),
        Piece("paragraphs missing", "paragraphs", null),
        Piece("paragraphs empty", "paragraphs", "[]"),
        Piece("paragraphs as a string", "paragraphs", "\"一段。\""),
        Piece("paragraphs of numbers", "paragraphs", "[5]"),
        Piece("13 paragraphs", "paragraphs", "[" + string.Join(",", Enumerable.Repeat("\"一段。\"", 13)) + "]"),
        Piece("a paragraph of 1001 characters", "paragraphs", "[" + Str(new string('段', 1001)) + "]", field: "paragraphs[0]"),
        Piece("an empty paragraph", "paragraphs", "[\"一段。\",\"  \"]", field: "paragraphs[1]"),
        Piece("a paragraph with markup", "paragraphs", "[\"<img src=x onerror=alert(1)>\"]", field: "paragraphs[0]"),
        Piece("a paragraph with a mobile number", "paragraphs", "[\"请联系点长，电话13800138000。\"]", field: "paragraphs[0]"),
        Piece("a paragraph with a spaced mobile number", "paragraphs", "[\"电话 +86 138-0013-8000 随时联系。\"]", field: "paragraphs[0]"),
        Piece("a paragraph with an ID number", "paragraphs", "[\"身份证51010519900101123X已登记。\"]", field: "paragraphs[0]"),
        Piece("a paragraph with a right-to-left override", "paragraphs", "[\"一段\\u202E话\"]", field: "paragraphs[0]"),
        Piece("11 people", "people", "[" + string.Join(",", Enumerable.Repeat("{\"name\":\"张三\"}", 11)) + "]"),
        Piece("a person without a name", "people", "[{\"role\":\"点长\"}]", field: "people[0].name"),
        Piece("a person's role of 21 characters", "people", "[{\"name\":\"张三\",\"role\":\"" + new string('长', 21) + "\"}]", field: "people[0].role"),
        Piece("a person as a string", "people", "[\"张三\"]"),
        Piece("quoteBy without a quote", "quoteBy", "\"蒲建宇\""),
        Piece("a quote of 301 characters", "quote", Str(new string('话', 301))),
        Piece("a quote with a phone number", "quote", "\"有事打13800138000\""),
        Piece("day missing", "day", null),
        Piece("day tomorrow", "day", "\"{tomorrow}\""),
        Piece("day 400 days back", "day", "\"{ago:400}\""),
        Piece("day as 2022/09/15", "day", "\"2022/09/15\""),
        Piece("day 2022-02-30", "day", "\"2022-02-30\""),
        Piece("day as a number", "day", "20220915"),
        Piece("siteId missing", "siteId", null),
        Piece("siteId unknown", "siteId", "\"site-9\""),
        Piece("siteId of another unit's site", "siteId", "\"site-3\""),
        Piece("siteId dot-dot-slash", "siteId", "\"../site-3\""),
        Piece("siteId with a hash", "siteId", "\"site-2#x\""),
        Piece("fields twice", "title", null).Json("{\"siteId\":\"site-2\",\"day\":\"{ago:1}\",\"title\":\"一\",\"title\":\"二\",\"paragraphs\":[\"段。\"]}"),
        new Hostile("POST contribution: malformed", "POST", "/api/contributions", 400, "siteId").As("reporterA").Json("{\"siteId\":"),
        Piece("as text/plain", "title", "\"标题\"", 415, "Content-Type").Typed("text/plain"),
        Piece("body of 40 KiB", "title", "\"标题\"", 413, "bytes").Json(Obj(With(GoodPiece, "paragraphs", "[" + Str(new string('a', 40 * 1024)) + "]"))),
        new Hostile("POST contribution: anonymous", "POST", "/api/contributions", 401).Json(Obj(GoodPiece)),
        Piece("a reporter's token with no unit", "title", "\"标题\"", 403, "unit_id").As("reporterNoUnit"),
        new Hostile("POST contribution: a token with no roles", "POST", "/api/contributions", 401).As("noRoles").Json(Obj(GoodPiece)),
        Piece("a coordinator naming no unit", "title", "\"标题\"", 400, "unitId").As("coordinator"),
        new Hostile("POST contribution: a coordinator naming a unit that does not serve the site", "POST", "/api/contributions?unitId=unit-b", 400, "siteId")
            .As("coordinator").Json(Obj(GoodPiece)),

        // Listing and withdrawing.
        new Hostile("GET contributions: from malformed", "GET", "/api/contributions?from=yesterday", 400, "from").As("reporterA"),
        new Hostile("GET contributions: from after to", "GET", "/api/contributions?from={today}&to={ago:3}", 400, "from").As("reporterA"),
        new Hostile("GET contributions: 40 days", "GET", "/api/contributions?from={ago:40}&to={today}", 400, "to").As("coordinator"),
        new Hostile("GET contributions: anonymous", "GET", "/api/contributions", 401),
        new Hostile("GET contributions: a reporter's token with no unit", "GET", "/api/contributions", 403, "unit_id").As("reporterNoUnit"),
        .. new[] { ("an id that does not exist", "20221215-0000000000"), ("a malformed id", "not-an-id"), ("dot-dot-slash", "..%2F..%2Fcounter"), ("an id of 2000 characters", new string('1', 2000)) }
            .Select(bad => new Hostile($"POST withdraw contribution: {bad.Item1}", "POST", $"/api/contributions/{bad.Item2}/withdraw", 404).As("reporterA")),
        new Hostile("POST withdraw contribution: anonymous", "POST", "/api/contributions/20221215-0000000000/withdraw", 401),

        // Composing a chosen period's draft.
        Compose("from after to", "{\"from\":\"{ago:2}\",\"to\":\"{ago:5}\"}", 400, "from"),
        Compose("a period of 367 days", "{\"from\":\"{ago:370}\",\"to\":\"{ago:3}\"}", 400, "to"),
        Compose("a period not ended", "{\"from\":\"{ago:3}\",\"to\":\"{today}\"}", 400, "to"),
        Compose("a period in the future", "{\"from\":\"{in:3}\",\"to\":\"{in:5}\"}", 400, "to"),
        Compose("from missing", "{\"to\":\"{ago:3}\"}", 400, "from"),
        Compose("to malformed", "{\"from\":\"{ago:3}\",\"to\":\"last week\"}", 400, "to"),
        Compose("an unknown series", "{\"series\":\"nope\",\"from\":\"{ago:3}\",\"to\":\"{ago:2}\"}", 400, "series"),
        Compose("a series with a path trick", "{\"series\":\"../zhenggong\",\"from\":\"{ago:3}\",\"to\":\"{ago:2}\"}", 400, "series"),
        Compose("malformed", "{\"from\":", 400, null),
        Compose("as a reporter", "{\"from\":\"{ago:3}\",\"to\":\"{ago:2}\"}", 403, "role", caller: "reporterA"),
        Compose("anonymous", "{\"from\":\"{ago:3}\",\"to\":\"{ago:2}\"}", 401, null, caller: "anonymous"),

        // Reading and saving drafts: unknown periods, malformed keys, no If-Match.
        .. new[] { ("a period with no draft", "2022-01-01"), ("a malformed key", "2022-13-45"), ("dot-dot-slash", "..%2Fcounter"), ("a reversed period", "2022-09-15_2022-09-01") }
            .Select(bad => new Hostile($"GET draft content: {bad.Item1}", "GET", $"/api/bulletins/drafts/{bad.Item2}/content", 404).As("coordinator")),
        new Hostile("PUT draft content: no If-Match", "PUT", "/api/bulletins/drafts/2022-01-01/content", 428, "If-Match").As("coordinator")
            .Json("{\"headline\":\"标题\"}"),
        new Hostile("PUT draft content: as a reporter", "PUT", "/api/bulletins/drafts/2022-01-01/content", 403, "role").As("reporterA").Json("{\"headline\":\"标题\"}"),
        new Hostile("GET draft content: an unknown series", "GET", "/api/bulletins/drafts/2022-01-01/content?series=nope", 400, "series").As("coordinator"),

        // Series on the public routes.
        new Hostile("GET bulletins: an unknown series", "GET", "/api/bulletins?series=nope", 400, "series"),
        new Hostile("GET bulletins: a series with markup", "GET", "/api/bulletins?series=%3Cscript%3E", 400, "series"),
        new Hostile("GET feed: an unknown series", "GET", "/api/bulletins/feed?series=nope", 400, "series"),
        new Hostile("GET docx: a bulletin that does not exist", "GET", "/api/bulletins/2022/1/docx", 404),
        new Hostile("GET docx: year dot-dot-slash", "GET", "/api/bulletins/..%2F2022/1/docx", 404),
    ];
}
