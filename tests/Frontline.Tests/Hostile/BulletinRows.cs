namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private static Hostile Correct(string name, string path, int status, string? field = null) =>
        new Hostile($"POST correction: {name}", "POST", path, status, field).As("coordinator").Json("{\"text\":\"更正：数字有误。\"}");

    private static Hostile Correct(string name, string raw, string? field = "text") =>
        Correct(name, "/api/bulletins/2022/1/corrections", 400, field).Json(Obj([("text", raw)]));

    public static Hostile[] Bulletins =>
    [
        // Year and number: anything but plain digits in range is no bulletin.
        .. new[]
        {
            ("year dot-dot-slash", "..%2F..%2Fhealth/1"), ("year encoded dots", "%2e%2e/1"), ("year 2022.0", "2022.0/1"), ("year 1e3", "1e3/1"),
            ("year negative", "-2022/1"), ("year past int", "99999999999/1"), ("year hexadecimal", "0x7E6/1"), ("year in Arabic-Indic digits", "%D9%A2%D9%A0%D9%A2%D9%A2/1"),
            ("year with a leading space", "%202022/1"), ("year with a percent sign", "2022%25/1"), ("year 1999", "1999/1"), ("year 2101", "2101/1"),
            ("number 0", "2022/0"), ("number 10000", "2022/10000"), ("number with a plus", "2022/+1"), ("number with an encoded slash", "2022/1%2F..%2F2"),
            ("number of 2000 digits", "2022/" + new string('1', 2000)), ("number with a script tag", "2022/%3Cscript%3E"),
        }.Select(bad => new Hostile($"GET bulletin: {bad.Item1}", "GET", "/api/bulletins/" + bad.Item2, 404)),

        // Corrections: the text, then the bulletin it names.
        Correct("text empty", "\"\""),
        Correct("text only spaces", "\"   \""),
        Correct("text of 2001 characters", Str(new string('更', 2001))),
        Correct("text as a number", "5"),
        Correct("text as an array", "[\"更正\"]"),
        Correct("text null", "null"),
        .. DirtyText.Where((_, index) => index % 3 == 0).Select(dirty => Correct($"text with {dirty.Label}", dirty.Raw)),
        Correct("text twice", "/api/bulletins/2022/1/corrections", 400, "text").Json("{\"text\":\"一\",\"text\":\"二\"}"),
        Correct("malformed", "/api/bulletins/2022/1/corrections", 400).Json("{\"text\":"),
        Correct("as text/plain", "/api/bulletins/2022/1/corrections", 415, "Content-Type").Typed("text/plain"),
        Correct("body of 20 KiB", "/api/bulletins/2022/1/corrections", 413, "bytes").Json(Obj([("text", Str(new string('a', 20 * 1024)))])),
        Correct("a bulletin that does not exist", "/api/bulletins/2022/1/corrections", 404),
        Correct("year dot-dot-slash", "/api/bulletins/..%2F2022/1/corrections", 404),
        Correct("year 9999", "/api/bulletins/9999/1/corrections", 404),
        Correct("number 0", "/api/bulletins/2022/0/corrections", 404),
        Correct("number as an exponent", "/api/bulletins/2022/1e1/corrections", 404),

        // Approving drafts: the period key.
        .. new[]
        {
            ("dot-dot-slash", "..%2F..%2Fcounter"), ("encoded dots", "%2e%2e"), ("pipe", "2022%7Cnumber"), ("percent sign", "2022-09-07%25"),
            ("41 characters", new string('p', 41)), ("a script tag", "%3Cscript%3E"), ("hash", "2022%23"), ("a period with no draft", "2022-01-01"),
        }.Select(bad => new Hostile($"POST approve draft: {bad.Item1}", "POST", $"/api/bulletins/drafts/{bad.Item2}/approve", 404).As("coordinator")),
    ];

    private static Hostile DevToken(string name, string json, int status, string? field = null) =>
        new Hostile($"POST dev token: {name}", "POST", "/api/dev/token", status, field).Json(json);

    public static Hostile[] DevTokens =>
    [
        DevToken("unknown role", "{\"roles\":[\"Root\"]}", 400, "roles"),
        DevToken("roles as a string", "{\"roles\":\"Admin\"}", 400, "roles"),
        DevToken("roles as numbers", "{\"roles\":[1]}", 400, "roles"),
        DevToken("a null role", "{\"roles\":[null]}", 400, "roles"),
        DevToken("role in lower case", "{\"roles\":[\"admin\"]}", 400, "roles"),
        DevToken("too many roles", "{\"roles\":[\"Admin\",\"Admin\",\"Admin\",\"Admin\"]}", 400, "roles"),
        DevToken("roles twice", "{\"roles\":[\"Reporter\"],\"roles\":[\"Admin\"]}", 400, "roles"),
        DevToken("unitId as a number", "{\"roles\":[\"Reporter\"],\"unitId\":5}", 400, "unitId"),
        DevToken("unitId dot-dot-slash", "{\"roles\":[\"Reporter\"],\"unitId\":\"../unit-b\"}", 400, "unitId"),
        DevToken("unitId with a hash", "{\"roles\":[\"Reporter\"],\"unitId\":\"unit-a#x\"}", 400, "unitId"),
        DevToken("unitId with NUL", "{\"roles\":[\"Reporter\"],\"unitId\":\"unit-a\\u0000\"}", 400, "unitId"),
        DevToken("name with a script tag", "{\"roles\":[\"Reporter\"],\"name\":\"<script>alert(1)</script>\"}", 400, "name"),
        DevToken("name with a right-to-left override", "{\"roles\":[\"Reporter\"],\"name\":\"\\u202Enimda\"}", 400, "name"),
        DevToken("name of 51 characters", "{\"roles\":[\"Reporter\"],\"name\":\"" + new string('名', 51) + "\"}", 400, "name"),
        DevToken("malformed", "{\"roles\":[", 400),
        DevToken("over 2 KiB", "{\"roles\":[\"Reporter\"],\"name\":\"" + new string('a', 3000) + "\"}", 413, "bytes"),
        DevToken("as text/plain", "{\"roles\":[\"Admin\"]}", 415, "Content-Type").Typed("text/plain"),
        DevToken("as form data", "roles=Admin", 415, "Content-Type").Typed("application/x-www-form-urlencoded"),
    ];
}
