namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>A registration that would be accepted; each row breaks one thing in it.</summary>
    internal static readonly (string Key, string Raw)[] Registration =
    [
        ("name", "\"张三\""), ("phone", "\"13800138000\""), ("workUnit", "\"南京市医保局\""), ("partyMember", "true"),
        ("partyBranch", "\"第一支部\""), ("homeCommunity", "\"三牌楼社区\""), ("skills", "[\"gate-control\"]"),
        ("availableFrom", "\"{today}\""), ("availableTo", "\"{in:30}\""), ("consent", "true"),
    ];

    private static Hostile Register(string name, int status, string? field = null) => new($"POST registration: {name}", "POST", "/api/registrations", status, field);

    private static Hostile Register(string name, string key, string? raw, string? field = null) =>
        Register(name, 400, field ?? key).Json(Obj(With(Registration, key, raw)));

    private static string Valid => Obj(Registration);

    public static Hostile[] Registrations =>
    [
        // Malformed and truncated JSON: the whole body is wrong, so no field.
        Register("unclosed object", 400).Json("{"),
        Register("value missing", 400).Json("{\"name\":"),
        Register("trailing comma", 400).Json("{\"name\":\"张三\",}"),
        Register("single quotes", 400).Json("{'name':'张三'}"),
        Register("comment", 400).Json("{\"name\":\"张三\"/* hi */}"),
        Register("unquoted key", 400).Json("{name:\"张三\"}"),
        Register("NaN", 400).Json("NaN"),
        Register("an array", 400).Json("[]"),
        Register("a string", 400).Json("\"register me\""),
        Register("a number", 400).Json("42"),
        Register("null", 400).Json("null"),
        Register("true", 400).Json("true"),
        Register("empty body", 400).Json(""),
        Register("only whitespace", 400).Json("   \n\t "),
        Register("only a BOM", 400).Raw([0xEF, 0xBB, 0xBF], "application/json"),
        Register("two objects", 400).Json(Valid + Valid),
        Register("object then garbage", 400).Json(Valid + "x"),
        Register("truncated at a tenth", 400).Json(Valid[..(Valid.Length / 10)]),
        Register("truncated at half", 400).Json(Valid[..(Valid.Length / 2)]),
        Register("truncated before the brace", 400).Json(Valid[..^1]),
        Register("truncated inside a string", 400).Json(Valid[..(Valid.IndexOf("张三", StringComparison.Ordinal) + 1)]),
        Register("nested 200 deep", 400).Json("{\"name\":" + new string('[', 200) + new string(']', 200) + "}"),
        Register("invalid UTF-8 byte in a string", 400).Raw(Concat(Utf8("{\"name\":\"张"), [0xFF], Utf8("三\"}")), "application/json"),
        Register("CESU-8 surrogate bytes", 400).Raw(Concat(Utf8("{\"name\":\""), [0xED, 0xA0, 0x80], Utf8("\"}")), "application/json"),
        Register("overlong UTF-8 slash", 400).Raw(Concat(Utf8("{\"name\":\""), [0xC0, 0xAF], Utf8("\"}")), "application/json"),
        Register("UTF-16 body", 400).Raw(System.Text.Encoding.Unicode.GetBytes(Valid), "application/json"),

        // Wrong types, and numbers or booleans as strings.
        Register("name as a number", "name", "123"),
        Register("name as true", "name", "true"),
        Register("name as an array", "name", "[\"张三\"]"),
        Register("name as an object", "name", "{\"first\":\"三\"}"),
        Register("phone as a number", "phone", "13800138000"),
        Register("phone as an exponent", "phone", "1.38001380E10"),
        Register("partyMember as a string", "partyMember", "\"true\""),
        Register("partyMember as 1", "partyMember", "1"),
        Register("partyMember null", "partyMember", "null"),
        Register("consent as a string", "consent", "\"true\""),
        Register("consent as 1", "consent", "1"),
        Register("consent false", "consent", "false"),
        Register("consent missing", "consent", null),
        Register("skills as a string", "skills", "\"gate-control\""),
        Register("skills as numbers", "skills", "[1,2]"),
        Register("skills with null", "skills", "[null]"),
        Register("skills as an object", "skills", "{\"gate-control\":true}"),
        Register("skills empty", "skills", "[]"),
        Register("skill unknown", "skills", "[\"hacking\"]"),
        Register("skills repeated past the list", "skills", "[" + string.Join(",", Enumerable.Repeat("\"driving\"", 11)) + "]"),
        Register("availableFrom as a number", "availableFrom", "20220907"),
        Register("availableTo as true", "availableTo", "true"),
        Register("honeypot filled", "website", "\"http://spam.example\""),

        // Duplicate keys: the last one must not quietly win.
        Register("consent twice", 400, "consent").Json(Obj(With(Registration, "consent", "false")).TrimEnd('}') + ",\"consent\":true}"),
        Register("name twice", 400, "name").Json(Obj(Registration).TrimEnd('}') + ",\"name\":\"李四\"}"),
        Register("phone twice", 400, "phone").Json(Obj(Registration).TrimEnd('}') + ",\"phone\":\"13900139000\"}"),

        // Overlong strings (within the body limit) and oversized bodies (beyond it).
        Register("name of 51 characters", "name", Str(new string('张', 51))),
        Register("name of 5000 characters", "name", Str(new string('a', 5000))),
        Register("workUnit of 101 characters", "workUnit", Str(new string('单', 101))),
        Register("partyBranch of 101 characters", "partyBranch", Str(new string('支', 101))),
        Register("homeCommunity of 101 characters", "homeCommunity", Str(new string('区', 101))),
        Register("phone of 200 digits", "phone", Str(new string('1', 200))),
        Register("body of 17 KiB", 413, "bytes").Json(Obj(With(Registration, "name", Str(new string('a', 17 * 1024))))),
        Register("body of 1 MiB", 413, "bytes").Json(Obj(With(Registration, "name", Str(new string('a', 1024 * 1024))))),
        Register("chunked body of 64 KiB", 413, "bytes").Json(Obj(With(Registration, "name", Str(new string('a', 64 * 1024))))) with { Chunked = true },

        // Phones that are not mainland mobiles.
        Register("phone too short", "phone", "\"12345\""),
        Register("phone of 12 digits", "phone", "\"138001380001\""),
        Register("phone abroad", "phone", "\"+1 415 555 0100\""),
        Register("phone in Arabic-Indic digits", "phone", "\"١٣٨٠٠١٣٨٠٠٠\""),
        Register("phone in full-width digits", "phone", "\"１３８００１３８０００\""),
        Register("phone with SQL", "phone", "\"13800138000'; DROP TABLE Volunteers;--\""),
        Register("phone with NUL", "phone", "\"13800138000\\u0000\""),

        // Dates out of range or not dates.
        Register("availableFrom 2022-02-30", "availableFrom", "\"2022-02-30\""),
        Register("availableFrom 0001-01-01", "availableFrom", "\"0001-01-01\""),
        Register("availableTo 9999-12-31", "availableTo", "\"9999-12-31\""),
        Register("availableFrom without zero padding", "availableFrom", "\"2022-9-7\""),
        Register("availableFrom day first", "availableFrom", "\"07/09/2022\""),
        Register("availableFrom with a time", "availableFrom", "\"{today}T00:00:00Z\""),
        Register("availableFrom with a six-digit year", "availableFrom", "\"+002022-09-07\""),
        Register("availableFrom empty", "availableFrom", "\"\""),
        Register("availableTo before availableFrom", 400, "availableTo").Json(Obj(With(With(Registration, "availableFrom", "\"{in:10}\""), "availableTo", "\"{in:5}\""))),
        Register("availableTo in the past", 400, "availableTo").Json(Obj(With(With(Registration, "availableFrom", "\"{ago:60}\""), "availableTo", "\"{ago:30}\""))),
        Register("availability longer than a year", "availableTo", "\"{in:400}\""),
        Register("availableFrom more than a year ahead", 400, "availableFrom").Json(Obj(With(With(Registration, "availableFrom", "\"{in:400}\""), "availableTo", "\"{in:410}\""))),

        // Content types other than application/json in UTF-8.
        Register("text/plain", 415, "Content-Type").Json(Valid).Typed("text/plain"),
        Register("no content type", 415, "Content-Type").Json(Valid).Typed(null),
        Register("form encoded", 415, "Content-Type").Json("name=%E5%BC%A0%E4%B8%89&consent=true").Typed("application/x-www-form-urlencoded"),
        Register("multipart", 415, "Content-Type").Json(Valid).Typed("multipart/form-data; boundary=x"),
        Register("application/jsonp", 415, "Content-Type").Json(Valid).Typed("application/jsonp"),
        Register("application/json-patch+json", 415, "Content-Type").Json(Valid).Typed("application/json-patch+json"),
        Register("JSON declared UTF-16", 415, "Content-Type").Json(Valid).Typed("application/json; charset=utf-16"),
        Register("JSON declared Latin-1", 415, "Content-Type").Json(Valid).Typed("application/json; charset=iso-8859-1"),
        Register("text/csv", 415, "Content-Type").Json(Valid).Typed("text/csv"),
        Register("application/xml", 415, "Content-Type").Json("<registration><name>张三</name></registration>").Typed("application/xml"),
        Register("two content types", 415, "Content-Type").Json(Valid).Typed("application/json, text/plain"),

        // Free text: control, invisible and direction characters, lone surrogates, markup.
        .. DirtyText.Select(dirty => Register($"name with {dirty.Label}", "name", dirty.Raw)),
        .. DirtyText.Where((_, index) => index % 4 == 0).Select(dirty => Register($"workUnit with {dirty.Label}", "workUnit", dirty.Raw)),
        .. DirtyText.Where((_, index) => index % 4 == 1).Select(dirty => Register($"homeCommunity with {dirty.Label}", "homeCommunity", dirty.Raw)),
        .. DirtyText.Where((_, index) => index % 4 == 2).Select(dirty => Register($"partyBranch with {dirty.Label}", "partyBranch", dirty.Raw)),
    ];

    private static Hostile Lookup(string name, string path, int status, string? field = null) => new($"GET registration status: {name}", "GET", path, status, field);

    private static Hostile Withdraw(string name, string path, int status) => new($"POST withdrawal: {name}", "POST", path, status);

    public static Hostile[] RegistrationLookups =>
    [
        Lookup("dot-dot-slash id", "/api/registrations/..%2F..%2Fhealth?code={code}", 404),
        Lookup("encoded dots", "/api/registrations/%2e%2e?code={code}", 404),
        Lookup("encoded path to passwd", "/api/registrations/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404),
        Lookup("backslash", "/api/registrations/a%5Cb?code={code}", 404),
        Lookup("hash", "/api/registrations/a%23b?code={code}", 404),
        Lookup("question mark", "/api/registrations/a%3Fb?code={code}", 404),
        Lookup("code with NUL", "/api/registrations/{regId}?code=%00", 404),
        Lookup("id of 5000 characters", "/api/registrations/" + new string('A', 5000) + "?code={code}", 404),
        Lookup("Chinese id", "/api/registrations/%E5%BC%A0%E4%B8%89?code={code}", 404),
        Lookup("script id", "/api/registrations/%3Cscript%3Ealert(1)%3C%2Fscript%3E?code={code}", 404),
        Lookup("right id without code", "/api/registrations/{regId}", 404),
        Lookup("right id with a wrong code", "/api/registrations/{regId}?code=AAAAAAAA", 404),
        Lookup("right id with a code and NUL", "/api/registrations/{regId}?code={code}%00", 404),
        Lookup("right id with a long code", "/api/registrations/{regId}?code=" + new string('Z', 4000), 404),
        Lookup("right id with the code twice", "/api/registrations/{regId}?code={code}&code={code}", 404),
        Lookup("id with one more character", "/api/registrations/{regId}A?code={code}", 404),
        Lookup("id with padding", "/api/registrations/{regId}%3D?code={code}", 404),
        Lookup("made-up id of the right length", "/api/registrations/" + new string('A', 59) + "?code={code}", 404),
        Withdraw("dot-dot-slash id", "/api/registrations/..%2F..%2Fhealth/withdraw?code={code}", 404),
        Withdraw("id of 5000 characters", "/api/registrations/" + new string('A', 5000) + "/withdraw", 404),
        Withdraw("code with NUL", "/api/registrations/{regId}/withdraw?code=%00{code}", 404),
        Withdraw("made-up id", "/api/registrations/" + new string('A', 59) + "/withdraw?code={code}", 404),
        Withdraw("right id with a wrong code", "/api/registrations/{regId}/withdraw?code=AAAAAAAA", 404),
        Withdraw("right id, no code, anonymous", "/api/registrations/{regId}/withdraw", 401),
        Withdraw("right id, no code, a reporter", "/api/registrations/{regId}/withdraw", 403).As("reporterA"),
        Withdraw("right id, no code, a forged token", "/api/registrations/{regId}/withdraw", 401).As("forgedSignature"),
        Withdraw("right id, no code, alg none", "/api/registrations/{regId}/withdraw", 401).As("algNone"),
        Withdraw("right id and code before it is processed", "/api/registrations/{regId}/withdraw?code={code}", 409),
        Withdraw("right id by a coordinator before it is processed", "/api/registrations/{regId}/withdraw", 409).As("coordinator"),
    ];
}
