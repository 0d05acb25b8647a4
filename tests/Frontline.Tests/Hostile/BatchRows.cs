namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>A batch unit-a could record: 3 people at site-1 from today for ten days. Each row breaks one thing.</summary>
    internal static readonly (string Key, string Raw)[] BatchBody =
    [
        ("from", "\"{today}\""), ("to", "\"{in:10}\""), ("sites", """[{"siteId":"site-1","people":3}]"""),
    ];

    private const string UnitABatches = "/api/units/unit-a/batches";

    private static Hostile Record(string name, int status, string? field, params (string Key, string? Raw)[] changes)
    {
        var body = BatchBody;
        foreach (var (key, raw) in changes)
        {
            body = With(body, key, raw);
        }

        return new Hostile($"POST batches: {name}", "POST", UnitABatches, status, field).As("reporterA").Json(Obj(body));
    }

    private static Hostile Named(string name, string names, string field, string sites = """[{"siteId":"site-1","people":3}]""") =>
        Record(name, 400, field, ("sites", sites), ("names", names));

    private static string Sites(int count) => "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"siteId":"site-{{i}}","people":1}""")) + "]";

    private static string People(int count) => "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"name":"队员{{i}}"}""")) + "]";

    public static Hostile[] Batches =>
    [
        // Dates: missing, malformed, reversed, too long.
        Record("from missing", 400, "from", ("from", null)),
        Record("to missing", 400, "to", ("to", null)),
        Record("from without zero padding", 400, "from", ("from", "\"2022-6-1\"")),
        Record("from 2022-02-30", 400, "from", ("from", "\"2022-02-30\"")),
        Record("from as a number", 400, "from", ("from", "20220601")),
        Record("from with a time", 400, "from", ("from", "\"{today}T08:00:00\"")),
        Record("dates reversed", 400, "to", ("to", "\"{ago:1}\"")),
        Record("a deployment of 400 days", 400, "to", ("to", "\"{in:400}\"")),

        // Sites: none, too many, unknown, another unit's, twice, bad ids, bad counts.
        Record("sites missing", 400, "sites", ("sites", null)),
        Record("sites empty", 400, "sites", ("sites", "[]")),
        Record("sites not a list", 400, "sites", ("sites", "\"site-1\"")),
        Record("21 sites", 400, "sites", ("sites", Sites(21))),
        Record("an unknown site", 400, "siteId", ("sites", """[{"siteId":"site-9","people":3}]""")),
        Record("another unit's site", 400, "siteId", ("sites", """[{"siteId":"site-3","people":3}]""")),
        Record("one site twice", 400, "siteId", ("sites", """[{"siteId":"site-1","people":3},{"siteId":"site-1","people":2}]""")),
        Record("site id with a slash", 400, "siteId", ("sites", """[{"siteId":"site/1","people":3}]""")),
        Record("site id in capitals", 400, "siteId", ("sites", """[{"siteId":"SITE-1","people":3}]""")),
        Record("site id missing", 400, "siteId", ("sites", """[{"people":3}]""")),
        Record("people 0", 400, "people", ("sites", """[{"siteId":"site-1","people":0}]""")),
        Record("people negative", 400, "people", ("sites", """[{"siteId":"site-1","people":-3}]""")),
        Record("people 1001", 400, "people", ("sites", """[{"siteId":"site-1","people":1001}]""")),
        Record("people missing", 400, "people", ("sites", """[{"siteId":"site-1"}]""")),
        Record("people as a string", 400, "sites", ("sites", """[{"siteId":"site-1","people":"3"}]""")),
        Record("people as a fraction", 400, "sites", ("sites", """[{"siteId":"site-1","people":2.5}]""")),
        Record("people beyond int", 400, "sites", ("sites", """[{"siteId":"site-1","people":99999999999}]""")),

        // Names: empty, long, dirty, bad phones, one person twice, more names than people, the wrong site.
        Named("name empty", """[{"name":""}]""", "name"),
        Named("name of 21 characters", $$"""[{"name":"{{new string('张', 21)}}"}]""", "name"),
        Named("name with markup", """[{"name":"<b>张三</b>"}]""", "name"),
        // A lone surrogate is not text at all: the JSON reader refuses it and names the top-level field.
        .. DirtyText.Where((_, index) => index % 3 == 0)
            .Select(dirty => Named($"name with {dirty.Label}", $$"""[{"name":{{dirty.Raw}}}]""", dirty.Label.Contains("surrogate", StringComparison.Ordinal) ? "names" : "name")),
        Named("phone of 5 digits", """[{"name":"张三","phone":"12345"}]""", "phone"),
        Named("phone a landline", """[{"name":"张三","phone":"025-8888 8888"}]""", "phone"),
        Named("phone with letters", """[{"name":"张三","phone":"139 0000 00ab"}]""", "phone"),
        Named("one phone twice in two spellings", """[{"name":"张三","phone":"139 0000 0099"},{"name":"张三丰","phone":"+86 13900000099"}]""", "phone"),
        Named("more names than people", """[{"name":"甲"},{"name":"乙"},{"name":"丙"},{"name":"丁"}]""", "names"),
        Named("201 names", People(201), "names", """[{"siteId":"site-1","people":1000}]"""),
        Named("a name at a site not in the batch", """[{"name":"张三","siteId":"site-2"}]""", "siteId"),
        Named("no site for a name in a batch of two sites", """[{"name":"张三"}]""", "siteId", """[{"siteId":"site-1","people":3},{"siteId":"site-2","people":1}]"""),
        Named("names not a list", "\"张三\"", "names"),

        // Replaces: not an id, or no batch of this unit.
        Record("replaces not a batch id", 400, "replaces", ("replaces", "\"batch-1\"")),
        Record("replaces with a pipe", 400, "replaces", ("replaces", "\"20220317-abc|efgh\"")),
        Record("replaces an unknown batch", 400, "replaces", ("replaces", "\"20220317-abcdefgh\"")),

        // The body and who sends it.
        Record("JSON as text/plain", 415, null).Typed("text/plain"),
        Record("body not JSON", 400, null).Raw(Utf8("from=2022-06-01"), "application/json"),
        Record("body of 40 KiB", 413, null).Raw(Utf8(Obj(With(BatchBody, "note", Str(new string('x', 40 * 1024))))), "application/json"),
        Record("a duplicate key", 400, "from", ("from", "\"{today}\",\"from\":\"{ago:5}\"")),
        Record("a reporter of another unit", 403, null).As("reporterB"),
        Record("anonymous", 401, null).As("anonymous"),
        Record("an application bound to no unit", 403, null).As("appUnbound"),
        new Hostile("POST batches: an unknown unit", "POST", "/api/units/unit-zz/batches", 404, "unitId").As("coordinator").Json(Obj(BatchBody)),
        new Hostile("POST batches: a unit id in capitals", "POST", "/api/units/UNIT-A/batches", 400, "unitId").As("coordinator").Json(Obj(BatchBody)),

        // Reading and withdrawing.
        new Hostile("GET batches: day malformed", "GET", UnitABatches + "?day=2022-6-1", 400, "day").As("reporterA"),
        new Hostile("GET batches: day the word today", "GET", UnitABatches + "?day=today", 400, "day").As("reporterA"),
        new Hostile("GET batches: another unit's", "GET", "/api/units/unit-b/batches", 403).As("reporterA"),
        new Hostile("GET batches: an unknown unit", "GET", "/api/units/unit-zz/batches", 404, "unitId").As("coordinator"),
        new Hostile("GET batches: anonymous", "GET", UnitABatches, 401),
        new Hostile("POST withdraw: not a batch id", "POST", UnitABatches + "/batch-1/withdraw", 400, "batchId").As("reporterA"),
        new Hostile("POST withdraw: an id with a pipe", "POST", UnitABatches + "/20220317-abc%7Cefgh/withdraw", 400, "batchId").As("reporterA"),
        new Hostile("POST withdraw: an unknown batch", "POST", UnitABatches + "/20220317-abcdefgh/withdraw", 404, "batchId").As("reporterA"),
        new Hostile("POST withdraw: another unit's", "POST", "/api/units/unit-b/batches/20220317-abcdefgh/withdraw", 403).As("reporterA"),
        new Hostile("GET staffing: an unknown site", "GET", "/api/sites/site-9/staffing", 404, "siteId").As("coordinator"),
        new Hostile("GET staffing: site id with a hash", "GET", "/api/sites/site%231/staffing", 400, "siteId").As("coordinator"),
        new Hostile("GET staffing: day malformed", "GET", "/api/sites/site-1/staffing?day=20220601", 400, "day").As("coordinator"),
        new Hostile("GET staffing: a reporter", "GET", "/api/sites/site-1/staffing", 403).As("reporterA"),
    ];
}
