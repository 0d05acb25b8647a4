namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>Shaped like a registration id, but sealed by no deployment: no volunteer of any unit has it.</summary>
    private const string StrangerId = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /// <summary>A team unit-a could form at site-1, had it a volunteer with this id. Each row breaks one thing.</summary>
    internal static readonly (string Key, string Raw)[] TeamBody =
    [
        ("name", "\"南京市市级机关党员突击队\""), ("kind", "\"commando\""), ("siteIds", """["site-1"]"""),
        ("leaderId", $"\"{StrangerId}\""), ("memberIds", $"[\"{StrangerId}\"]"),
    ];

    private const string UnitATeams = "/api/units/unit-a/teams";

    private static Hostile Form(string name, int status, string? field, params (string Key, string? Raw)[] changes)
    {
        var body = TeamBody;
        foreach (var (key, raw) in changes)
        {
            body = With(body, key, raw);
        }

        return new Hostile($"POST teams: {name}", "POST", UnitATeams, status, field).As("reporterA").Json(Obj(body));
    }

    private static string Ids(int count) => "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"v{i}\"")) + "]";

    public static Hostile[] Teams =>
    [
        // The team's own fields.
        Form("name missing", 400, "name", ("name", null)),
        Form("name of 41 characters", 400, "name", ("name", Str(new string('队', 41)))),
        Form("name with markup", 400, "name", ("name", "\"<script>突击队</script>\"")),
        .. DirtyText.Where((_, index) => index % 3 == 1)
            .Select(dirty => Form($"name with {dirty.Label}", 400, "name", ("name", dirty.Raw))),
        Form("kind unknown", 400, "kind", ("kind", "\"squad\"")),
        Form("kind in Chinese", 400, "kind", ("kind", "\"党员突击队\"")),
        Form("kind missing", 400, "kind", ("kind", null)),

        // Sites: none, unknown, another unit's, twice, malformed.
        Form("siteIds missing", 400, "siteIds", ("siteIds", null)),
        Form("siteIds empty", 400, "siteIds", ("siteIds", "[]")),
        Form("siteIds a string", 400, "siteIds", ("siteIds", "\"site-1\"")),
        Form("21 sites", 400, "siteIds", ("siteIds", "[" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"site-{i}\"")) + "]")),
        Form("a site twice", 400, "siteIds[1]", ("siteIds", """["site-1","site-1"]""")),
        Form("a site id with a slash", 400, "siteIds[0]", ("siteIds", """["site/1"]""")),
        Form("a null site", 400, "siteIds[0]", ("siteIds", "[null]")),

        // People: the leader not a member, no members, strangers, too many, twice.
        Form("a leader who is not a member", 400, "leaderId", ("leaderId", "\"someone-else\"")),
        Form("leader missing", 400, "leaderId", ("leaderId", null)),
        Form("memberIds empty", 400, "memberIds", ("memberIds", "[]")),
        Form("memberIds missing", 400, "memberIds", ("memberIds", null)),
        Form("201 members", 400, "memberIds", ("memberIds", Ids(201)), ("leaderId", "\"v0\"")),
        Form("a member twice", 400, "memberIds[1]", ("memberIds", $"[\"{StrangerId}\",\"{StrangerId}\"]")),
        Form("a member id of 65 characters", 400, "memberIds[0]", ("memberIds", $"[\"{new string('A', 65)}\"]"), ("leaderId", $"\"{new string('A', 65)}\"")),
        Form("a member who is no volunteer of the unit", 400, "memberIds[0]"),
        Form("an unknown site", 400, "siteIds[0]", ("siteIds", """["site-9"]""")),
        Form("another unit's site", 400, "siteIds[0]", ("siteIds", """["site-3"]""")),

        // The body and who sends it.
        Form("JSON as text/plain", 415, null).Typed("text/plain"),
        Form("body not JSON", 400, null).Raw(Utf8("name=突击队"), "application/json"),
        Form("body of 40 KiB", 413, null).Raw(Utf8(Obj(With(TeamBody, "note", Str(new string('x', 40 * 1024))))), "application/json"),
        Form("a reporter of another unit", 403, null).As("reporterB"),
        Form("anonymous", 401, null).As("anonymous"),
        new Hostile("POST teams: an unknown unit", "POST", "/api/units/unit-zz/teams", 404, "unitId").As("coordinator").Json(Obj(TeamBody)),
        new Hostile("POST teams: a unit id in capitals", "POST", "/api/units/UNIT-A/teams", 400, "unitId").As("coordinator").Json(Obj(TeamBody)),

        // Changing a team: its id, its ETag, its unit.
        new Hostile("PUT team: not a team id", "PUT", UnitATeams + "/team-1", 400, "teamId").As("reporterA").Json(Obj(TeamBody)),
        new Hostile("PUT team: without If-Match", "PUT", UnitATeams + "/t-0123456789", 428, "If-Match").As("reporterA").Json(Obj(TeamBody)),
        new Hostile("PUT team: an unknown team", "PUT", UnitATeams + "/t-0123456789", 404, "teamId").As("reporterA").Json(Obj(TeamBody)).Header("If-Match", "W/\"datetime'2022-06-01T00%3A00%3A00Z'\""),
        new Hostile("PUT team: another unit's", "PUT", "/api/units/unit-b/teams/t-0123456789", 403).As("reporterA").Json(Obj(TeamBody)),
        new Hostile("GET teams: another unit's", "GET", "/api/units/unit-b/teams", 403).As("reporterA"),
        new Hostile("GET teams: an unknown unit", "GET", "/api/units/unit-zz/teams", 404, "unitId").As("coordinator"),
        new Hostile("GET teams: anonymous", "GET", UnitATeams, 401),

        // Roles: an unknown volunteer, a bad role, who may set it.
        new Hostile("PUT role: an unknown volunteer", "PUT", $"/api/volunteers/{StrangerId}/role", 404, "volunteerId").As("coordinator").Json("""{"role":"site-leader"}"""),
        new Hostile("PUT role: a volunteer id of 3 characters", "PUT", "/api/volunteers/abc/role", 404, "volunteerId").As("coordinator").Json("""{"role":"site-leader"}"""),
        new Hostile("PUT role: a role in Chinese", "PUT", $"/api/volunteers/{StrangerId}/role", 400, "role").As("coordinator").Json("""{"role":"点长"}"""),
        new Hostile("PUT role: no role", "PUT", $"/api/volunteers/{StrangerId}/role", 400, "role").As("coordinator").Json("{}"),
        new Hostile("PUT role: anonymous", "PUT", $"/api/volunteers/{StrangerId}/role", 401).Json("""{"role":"member"}"""),

        // Duty phones: Coordinators only, a phone that is not one, an unknown site.
        new Hostile("PUT duty phone: letters", "PUT", "/api/sites/site-1/duty-phone", 400, "dutyPhone").As("coordinator").Json("""{"dutyPhone":"call the office"}"""),
        new Hostile("PUT duty phone: 5 digits", "PUT", "/api/sites/site-1/duty-phone", 400, "dutyPhone").As("coordinator").Json("""{"dutyPhone":"12345"}"""),
        new Hostile("PUT duty phone: 16 digits", "PUT", "/api/sites/site-1/duty-phone", 400, "dutyPhone").As("coordinator").Json("""{"dutyPhone":"0286662000012345"}"""),
        new Hostile("PUT duty phone: markup", "PUT", "/api/sites/site-1/duty-phone", 400, "dutyPhone").As("coordinator").Json("""{"dutyPhone":"<a href=x>028-86620000</a>"}"""),
        new Hostile("PUT duty phone: a number", "PUT", "/api/sites/site-1/duty-phone", 400, "dutyPhone").As("coordinator").Json("""{"dutyPhone":02886620000}"""),
        new Hostile("PUT duty phone: an unknown site", "PUT", "/api/sites/site-9/duty-phone", 404, "siteId").As("coordinator").Json("""{"dutyPhone":"028-8662 0000"}"""),
        new Hostile("PUT duty phone: a site id with a hash", "PUT", "/api/sites/site%231/duty-phone", 400, "siteId").As("coordinator").Json("""{"dutyPhone":"028-8662 0000"}"""),
        new Hostile("PUT duty phone: a reporter", "PUT", "/api/sites/site-1/duty-phone", 403).As("reporterA").Json("""{"dutyPhone":"028-8662 0000"}"""),
    ];
}
