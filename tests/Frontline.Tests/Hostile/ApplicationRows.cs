namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private const string GoodCounts = "{\"onDuty\":2,\"partyMembers\":1,\"tested\":1,\"peopleChecked\":1,\"vehiclesChecked\":1,\"suppliesDelivered\":1,\"householdsVisited\":1}";
    private const string GoodBatch = "{\"rows\":[{\"siteId\":\"site-2\",\"onDuty\":1,\"partyMembers\":1,\"tested\":1,\"peopleChecked\":1,\"vehiclesChecked\":1,\"suppliesDelivered\":1,\"householdsVisited\":1}]}";
    private const string OtherUnitsBatch = "{\"rows\":[{\"siteId\":\"site-3\",\"onDuty\":1,\"partyMembers\":1,\"tested\":1,\"peopleChecked\":1,\"vehiclesChecked\":1,\"suppliesDelivered\":1,\"householdsVisited\":1}]}";
    private const string AnotherApp = "bbbbbbbb-0000-4000-8000-000000000000";
    private const string Key = "Idempotency-Key";

    private static Hostile PutCounts(string name, string caller, string site, int status, string? field) =>
        new Hostile(name, "PUT", $"/api/sites/{site}/counts/{{today}}", status, field).As(caller).Json(GoodCounts);

    private static Hostile KeyRow(string name, string key, string caller = "appA") =>
        PutCounts(name, caller, "site-1", 400, Key).Header(Key, key);

    /// <summary>App-only tokens that may not act, the binding routes' bad input, and Idempotency-Keys reused or malformed.</summary>
    public static Hostile[] Applications =>
    [
        // An application bound to nothing: told how to get bound.
        PutCounts("unbound app submits a site's counts", "appUnbound", "site-1", 403, "azp"),
        new Hostile("unbound app submits a batch", "POST", "/api/units/unit-a/counts/{today}", 403, "azp").As("appUnbound").Json(GoodBatch),
        new Hostile("unbound app reads a unit's day", "GET", "/api/units/unit-a/counts?day={today}", 403, "azp").As("appUnbound"),

        // A bound application writing for another unit.
        PutCounts("bound app submits another unit's site", "appA", "site-3", 403, "site"),
        PutCounts("bound app names another unit with unitId", "appA", "site-3", 403, "site") with { Path = "/api/sites/site-3/counts/{today}?unitId=unit-b" },
        new Hostile("bound app submits another unit's batch", "POST", "/api/units/unit-b/counts/{today}", 403, "unit").As("appA").Json(OtherUnitsBatch),
        new Hostile("bound app reads another unit's day", "GET", "/api/units/unit-b/counts?day={today}", 403).As("appA"),

        // A token whose azp is bound to unit-a but whose unit_id says unit-b.
        PutCounts("azp and unit_id disagree, the claimed unit's site", "appMismatch", "site-3", 403, "unit_id"),
        PutCounts("azp and unit_id disagree, the bound unit's site", "appMismatch", "site-1", 403, "unit_id"),
        new Hostile("azp and unit_id disagree, a batch", "POST", "/api/units/unit-b/counts/{today}", 403, "unit_id").As("appMismatch").Json(OtherUnitsBatch),

        // Applications do not administer bindings, nor do coordinators.
        new Hostile("bound app lists bindings", "GET", "/api/apps", 403).As("appA"),
        new Hostile("bound app binds another app", "PUT", $"/api/apps/{AnotherApp}", 403).As("appA").Json("{\"unitId\":\"unit-a\",\"name\":\"x\"}"),
        new Hostile("bound app unbinds itself", "DELETE", $"/api/apps/{HostileApp.BoundApp}", 403).As("appA"),
        new Hostile("coordinator binds an app", "PUT", $"/api/apps/{AnotherApp}", 403).As("coordinator").Json("{\"unitId\":\"unit-a\",\"name\":\"x\"}"),
        new Hostile("reporter unbinds an app", "DELETE", $"/api/apps/{HostileApp.BoundApp}", 403).As("reporterA"),

        // The binding routes' input.
        new Hostile("bind a client id that is not a GUID", "PUT", "/api/apps/not-a-guid", 400, "clientId").As("admin").Json("{\"unitId\":\"unit-a\",\"name\":\"x\"}"),
        new Hostile("bind a GUID without hyphens", "PUT", "/api/apps/bbbbbbbb000040008000000000000000", 400, "clientId").As("admin").Json("{\"unitId\":\"unit-a\",\"name\":\"x\"}"),
        new Hostile("bind to an unknown unit", "PUT", $"/api/apps/{AnotherApp}", 400, "unitId").As("admin").Json("{\"unitId\":\"unit-zz\",\"name\":\"x\"}"),
        new Hostile("bind to a unit id with a path trick", "PUT", $"/api/apps/{AnotherApp}", 400, "unitId").As("admin").Json("{\"unitId\":\"unit-a/../unit-b\",\"name\":\"x\"}"),
        new Hostile("bind without a unit", "PUT", $"/api/apps/{AnotherApp}", 400, "unitId").As("admin").Json("{\"name\":\"x\"}"),
        new Hostile("bind without a name", "PUT", $"/api/apps/{AnotherApp}", 400, "name").As("admin").Json("{\"unitId\":\"unit-a\"}"),
        new Hostile("bind with markup in the name", "PUT", $"/api/apps/{AnotherApp}", 400, "name").As("admin").Json("{\"unitId\":\"unit-a\",\"name\":\"<script>alert(1)</script>\"}"),
        new Hostile("bind with an overlong name", "PUT", $"/api/apps/{AnotherApp}", 400, "name").As("admin").Json($"{{\"unitId\":\"unit-a\",\"name\":\"{new string('名', 61)}\"}}"),
        new Hostile("bind with a bidirectional override in the name", "PUT", $"/api/apps/{AnotherApp}", 400, "name").As("admin").Json("{\"unitId\":\"unit-a\",\"name\":\"sys\\u202Etem\"}"),
        new Hostile("bind with the unit as a number", "PUT", $"/api/apps/{AnotherApp}", 400, "unitId").As("admin").Json("{\"unitId\":5,\"name\":\"x\"}"),
        new Hostile("bind with a form body", "PUT", $"/api/apps/{AnotherApp}", 415).As("admin") with { BodyText = "unitId=unit-a", ContentType = "application/x-www-form-urlencoded" },
        new Hostile("unbind a client id that is not a GUID", "DELETE", "/api/apps/not-a-guid", 400, "clientId").As("admin"),
        new Hostile("unbind an app that is not bound", "DELETE", $"/api/apps/{AnotherApp}", 404, "clientId").As("admin"),
        new Hostile("read a binding by a bad client id", "GET", "/api/apps/x%27or%271", 400, "clientId").As("admin"),

        // The development token route's app-only tokens.
        DevToken("app token for a client id that is not a GUID", "{\"clientId\":\"my-app\"}", 400, "clientId"),
        DevToken("app token for an unbound app", "{\"clientId\":\"" + AnotherApp + "\"}", 400, "clientId"),
        DevToken("app token that names a unit", "{\"clientId\":\"" + HostileApp.BoundApp + "\",\"unitId\":\"unit-b\"}", 400, "unitId"),
        DevToken("app token with an unknown role", "{\"clientId\":\"" + HostileApp.BoundApp + "\",\"roles\":[\"Root\"]}", 400, "roles"),

        // An Idempotency-Key already used for another request.
        PutCounts("reused key with another body", "appA", "site-1", 422, Key).Header(Key, HostileApp.UsedKey),
        PutCounts("reused key, quoted, with another body", "appA", "site-1", 422, Key).Header(Key, $"\"{HostileApp.UsedKey}\""),
        PutCounts("reused key on another day", "appA", "site-1", 422, Key).Header(Key, HostileApp.UsedKey) with { Path = "/api/sites/site-1/counts/{ago:1}" },
        PutCounts("reused key on another site", "appA", "site-2", 422, Key).Header(Key, HostileApp.UsedKey),
        new Hostile("reused key on the batch route", "POST", "/api/units/unit-a/counts/{today}", 422, Key).As("appA").Json(GoodBatch).Header(Key, HostileApp.UsedKey),
        new Hostile("reused key with the first body as CSV", "PUT", "/api/sites/site-1/counts/{today}", 422, Key).As("appA").Csv("onDuty\n-1\n").Header(Key, HostileApp.UsedKey),

        // Malformed Idempotency-Keys, from an application and from people.
        KeyRow("key with a space", "has space"),
        KeyRow("key with a comma (two keys)", "a,b"),
        KeyRow("key of 256 characters", new string('k', 256)),
        KeyRow("key with an unterminated quote", "\"unterminated"),
        KeyRow("empty quoted key", "\"\""),
        KeyRow("key with a quote inside", "ab\"cd"),
        KeyRow("key with a backslash", "ab\\cd"),
        KeyRow("key outside ASCII", "幂等键"),
        KeyRow("key with DEL", "ab\u007Fcd"),
        KeyRow("malformed key from a reporter", "has space", "reporterA"),
        KeyRow("two keys", "one") .Header(Key, "two"),
        new Hostile("malformed key on a coordinator's batch", "POST", "/api/units/unit-a/counts/{today}", 400, Key).As("coordinator").Json(GoodBatch).Header(Key, "x y"),
        new Hostile("malformed key on a batch", "POST", "/api/units/unit-a/counts/{today}", 400, Key).As("appA").Json(GoodBatch).Header(Key, new string('z', 300)),
    ];
}
