namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>A new indicator every row below breaks in one place; accepted whole (UnbrokenBodiesTests).</summary>
    internal static readonly (string Key, string Raw)[] Indicator =
    [
        ("nameZh", "\"劝返人员\""), ("nameEn", "\"People turned back\""), ("unit", "\"人次\""), ("kind", "\"count\""), ("aggregation", "\"sum\""),
        ("min", "0"), ("max", "5000"), ("siteTypes", "[\"checkpoint\"]"), ("required", "false"), ("order", "95"),
    ];

    private const string NewCode = "people-turned-back";

    private static Hostile PutIndicator(string name, string key, string? raw, int status = 400, string? field = null) =>
        new Hostile(name, "PUT", $"/api/indicators/{NewCode}", status, field ?? key).As("admin").Json(Obj(With(Indicator, key, raw)));

    private static Hostile PutCode(string name, string path, int status = 400) =>
        new Hostile(name, "PUT", $"/api/indicators/{path}", status, "code").As("admin").Json(Obj(Indicator));

    private static Hostile Rules(string name, string rules, string field) =>
        new Hostile(name, "PUT", "/api/indicator-rules", 400, field).As("admin").Json($"{{\"rules\":{rules}}}");

    /// <summary>The definition set's routes: bad codes, fields, rules, versions and callers. Each leaves the set at its version.</summary>
    public static Hostile[] Indicators =>
    [
        // Codes: lower-case ASCII, a letter first, 2–40 characters, not a route word.
        PutCode("code in upper case", "On-Duty"),
        PutCode("code of one letter", "x"),
        PutCode("code starting with a digit", "1st-shift"),
        PutCode("code with a double hyphen", "on--duty"),
        PutCode("code ending in a hyphen", "on-duty-"),
        PutCode("code with an underscore", "on_duty"),
        PutCode("code in Chinese", "%E5%9C%A8%E5%B2%97"),
        PutCode("code of 41 characters", "a" + new string('b', 40)),
        PutCode("code that is a route word", "versions"),
        PutCode("code with a dot", "on.duty"),
        new Hostile("retire a bad code", "POST", "/api/indicators/ON/retirement", 400, "code").As("admin"),
        new Hostile("delete a bad code", "DELETE", "/api/indicators/x%27or%271", 400, "code").As("admin"),

        // Fields of a definition.
        PutIndicator("empty Chinese name", "nameZh", "\"\""),
        PutIndicator("blank Chinese name", "nameZh", "\"   \""),
        PutIndicator("no Chinese name", "nameZh", null),
        PutIndicator("no English name", "nameEn", null),
        PutIndicator("Chinese name of 41 characters", "nameZh", Str(new string('劝', 41))),
        PutIndicator("markup in the Chinese name", "nameZh", "\"<script>alert(1)</script>\""),
        PutIndicator("markup in the English name", "nameEn", "\"<img src=x onerror=alert(1)>\""),
        .. DirtyText.Where((_, index) => index % 3 == 0).Select(dirty => PutIndicator($"Chinese name with {dirty.Label}", "nameZh", dirty.Raw)),
        PutIndicator("a name as a number", "nameZh", "5"),
        PutIndicator("a unit word that is not one", "unit", "\"个\""),
        PutIndicator("the unit in English", "unit", "\"people\""),
        PutIndicator("no unit", "unit", null),
        PutIndicator("an unknown kind", "kind", "\"float\""),
        PutIndicator("no kind", "kind", null),
        PutIndicator("an unknown aggregation", "aggregation", "\"average\""),
        PutIndicator("the aggregation in upper case", "aggregation", "\"SUM\""),
        PutIndicator("bounds reversed", "min", "6000", field: "max"),
        PutIndicator("a negative min", "min", "-1"),
        PutIndicator("a max past the largest figure", "max", "1000001"),
        PutIndicator("no max", "max", null),
        PutIndicator("a fraction as a count's max", "max", "2.5"),
        PutIndicator("a fraction as a count's min", "min", "0.5"),
        new Hostile("two decimals for hours", "PUT", $"/api/indicators/{NewCode}", 400, "max").As("admin")
            .Json(Obj(With(With(Indicator, "kind", "\"hours\""), "max", "12.25"))),
        PutIndicator("the max as a string", "max", "\"5000\""),
        PutIndicator("the max past decimal", "max", "1e40"),
        PutIndicator("no site types", "siteTypes", "[]"),
        PutIndicator("site types missing", "siteTypes", null),
        PutIndicator("an unknown site type", "siteTypes", "[\"hospital\"]"),
        PutIndicator("a site type in Chinese", "siteTypes", "[\"卡口\"]"),
        PutIndicator("a site type twice", "siteTypes", "[\"checkpoint\",\"checkpoint\"]"),
        PutIndicator("a null site type", "siteTypes", "[null]"),
        PutIndicator("site types as a string", "siteTypes", "\"checkpoint\""),
        PutIndicator("required as a string", "required", "\"yes\""),
        PutIndicator("a negative order", "order", "-1"),
        PutIndicator("an order past the limit", "order", "10001"),
        PutIndicator("a fractional order", "order", "1.5"),
        new Hostile("the Chinese name twice", "PUT", $"/api/indicators/{NewCode}", 400, "nameZh").As("admin")
            .Json("{\"nameZh\":\"劝返人员\",\"nameZh\":\"在岗人数\",\"nameEn\":\"x\",\"unit\":\"人\",\"kind\":\"count\",\"aggregation\":\"sum\",\"max\":5,\"siteTypes\":[\"checkpoint\"]}"),
        new Hostile("a definition as a form", "PUT", $"/api/indicators/{NewCode}", 415).As("admin") with { BodyText = "nameZh=x", ContentType = "application/x-www-form-urlencoded" },
        new Hostile("a definition of 5 KiB", "PUT", $"/api/indicators/{NewCode}", 413).As("admin").Json(Obj(With(Indicator, "nameEn", Str(new string('a', 5000))))),
        new Hostile("a definition that is an array", "PUT", $"/api/indicators/{NewCode}", 400).As("admin").Json("[]"),

        // Against the set: a duplicate code, a duplicate name, a stale or malformed version.
        new Hostile("add a code that exists", "PUT", "/api/indicators/on-duty", 409, "code").As("admin").Json(Obj(Indicator)).Header("If-None-Match", "*"),
        PutIndicator("the name of another indicator of the same site type", "nameZh", "\"查验车辆\""),
        PutIndicator("the English name of another indicator, other case", "nameEn", "\"VEHICLES CHECKED\""),
        new Hostile("a stale If-Match", "PUT", $"/api/indicators/{NewCode}", 409, "If-Match").As("admin").Json(Obj(Indicator)).Header("If-Match", "\"999\""),
        new Hostile("an If-Match that is not a version", "PUT", $"/api/indicators/{NewCode}", 400, "If-Match").As("admin").Json(Obj(Indicator)).Header("If-Match", "\"abc\""),
        new Hostile("a stale If-Match on retirement", "POST", "/api/indicators/duty-hours/retirement", 409, "If-Match").As("admin").Header("If-Match", "\"0\""),

        // Retiring and deleting.
        new Hostile("retire an unknown indicator", "POST", "/api/indicators/no-such-figure/retirement", 404, "code").As("admin"),
        new Hostile("delete an indicator that has data", "DELETE", "/api/indicators/on-duty", 409, "code").As("admin"),
        new Hostile("delete another that has data", "DELETE", "/api/indicators/households-visited", 409, "code").As("admin"),
        new Hostile("delete an unknown indicator", "DELETE", "/api/indicators/no-such-figure", 404, "code").As("admin"),

        // Rules.
        Rules("a rule naming an unknown code", "[{\"kind\":\"at-most\",\"code\":\"no-such-figure\",\"atMost\":\"on-duty\"}]", "rules[0]"),
        Rules("a rule comparing with an unknown code", "[{\"kind\":\"at-most\",\"code\":\"party-members\",\"atMost\":\"nobody\"}]", "rules[0]"),
        Rules("a rule comparing an indicator with itself", "[{\"kind\":\"at-most\",\"code\":\"on-duty\",\"atMost\":\"on-duty\"}]", "rules[0]"),
        Rules("a rule comparing hours with people", "[{\"kind\":\"at-most\",\"code\":\"duty-hours\",\"atMost\":\"on-duty\"}]", "rules[0]"),
        Rules("an assigned rule on hours", "[{\"kind\":\"at-most-assigned\",\"code\":\"duty-hours\"}]", "rules[0]"),
        Rules("an unknown rule kind", "[{\"kind\":\"less-than\",\"code\":\"on-duty\",\"atMost\":\"tested\"}]", "rules[0]"),
        Rules("a negative margin", "[{\"kind\":\"at-most-assigned\",\"code\":\"on-duty\",\"margin\":-5}]", "rules[0]"),
        Rules("a margin on an at-most rule", "[{\"kind\":\"at-most\",\"code\":\"party-members\",\"atMost\":\"on-duty\",\"margin\":3}]", "rules[0]"),
        Rules("the same rule twice", "[{\"kind\":\"at-most-assigned\",\"code\":\"on-duty\"},{\"kind\":\"at-most-assigned\",\"code\":\"on-duty\"}]", "rules[1]"),
        Rules("a null rule", "[null]", "rules[0]"),
        Rules("a good rule then a bad one", "[{\"kind\":\"at-most-assigned\",\"code\":\"on-duty\"},{\"kind\":\"at-most\",\"code\":\"ghost\",\"atMost\":\"on-duty\"}]", "rules[1]"),
        Rules("rules as an object", "{\"kind\":\"at-most\"}", "rules"),
        Rules("101 rules", "[" + string.Join(",", Enumerable.Repeat("{\"kind\":\"at-most-assigned\",\"code\":\"on-duty\"}", 101)) + "]", "rules"),
        new Hostile("no rules at all", "PUT", "/api/indicator-rules", 400, "rules").As("admin").Json("{}"),

        // Reads.
        new Hostile("read for an unknown site type", "GET", "/api/indicators?siteType=hospital", 400, "siteType"),
        new Hostile("two site types", "GET", "/api/indicators?siteType=checkpoint&siteType=community", 400, "siteType"),
        new Hostile("a site type with a path trick", "GET", "/api/indicators?siteType=..%2Fcheckpoint", 400, "siteType"),
        new Hostile("version 0", "GET", "/api/indicator-versions/0", 400, "version"),
        new Hostile("a negative version", "GET", "/api/indicator-versions/-1", 400, "version"),
        new Hostile("a version that is not a number", "GET", "/api/indicator-versions/latest", 400, "version"),
        new Hostile("a version past int", "GET", "/api/indicator-versions/99999999999", 400, "version"),
        new Hostile("a version not yet written", "GET", "/api/indicator-versions/9999", 404, "version"),

        // Only Admins change the set.
        new Hostile("anonymous defines an indicator", "PUT", $"/api/indicators/{NewCode}", 401).Json(Obj(Indicator)),
        new Hostile("a coordinator defines an indicator", "PUT", $"/api/indicators/{NewCode}", 403).As("coordinator").Json(Obj(Indicator)),
        new Hostile("a reporter defines an indicator", "PUT", $"/api/indicators/{NewCode}", 403).As("reporterA").Json(Obj(Indicator)),
        new Hostile("a unit's system defines an indicator", "PUT", $"/api/indicators/{NewCode}", 403).As("appA").Json(Obj(Indicator)),
        new Hostile("a coordinator retires an indicator", "POST", "/api/indicators/duty-hours/retirement", 403).As("coordinator"),
        new Hostile("a reporter deletes an indicator", "DELETE", "/api/indicators/duty-hours", 403).As("reporterA"),
        new Hostile("a coordinator changes the rules", "PUT", "/api/indicator-rules", 403).As("coordinator").Json("{\"rules\":[]}"),
        new Hostile("anonymous changes the rules", "PUT", "/api/indicator-rules", 401).Json("{\"rules\":[]}"),

        // Methods the routes do not answer.
        new Hostile("PATCH an indicator", "PATCH", "/api/indicators/on-duty", 405).As("admin").Json(Obj(Indicator)),
        new Hostile("POST to the set", "POST", "/api/indicators", 405).As("admin").Json(Obj(Indicator)),
        new Hostile("DELETE a version", "DELETE", "/api/indicator-versions/1", 405).As("admin"),
    ];
}
