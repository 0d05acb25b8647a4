namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    /// <summary>Every protected route, with a body its rightful caller could send: (label, method, path, JSON or csv: body).</summary>
    private static readonly (string Label, string Method, string Path, string? Body)[] Protected =
    [
        ("submit counts", "PUT", "/api/sites/site-1/counts/{today}?unitId=unit-a", "{\"onDuty\":3,\"partyMembers\":1,\"tested\":1,\"peopleChecked\":1,\"vehiclesChecked\":1,\"suppliesDelivered\":1,\"householdsVisited\":1}"),
        ("counts history", "GET", "/api/sites/site-1/counts/{today}/history?unitId=unit-a", null),
        ("reopen a day", "POST", "/api/sites/site-1/counts/{ago:5}/reopen", null),
        ("a unit's day", "GET", "/api/units/unit-a/counts?day={today}", null),
        ("batch of counts", "POST", "/api/units/unit-a/counts/{today}", "csv:siteId,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited\nsite-2,1,1,1,1,1,1,1\n"),
        ("completeness", "GET", "/api/completeness?day={today}", null),
        ("flagged counts", "GET", "/api/counts/flagged?day={today}", null),
        ("import units", "POST", "/api/units/import", "csv:id,name,parent,partyCommittee,contact,siteIds\nunit-c,新单位,,,,\n"),
        ("import sites", "POST", "/api/sites/import", "csv:id,name,type,district,street,community,address,contact,needed,duties,openFrom,openTo\nsite-9,新点位,checkpoint,,,某社区,,,5,,,\n"),
        ("run bulletins", "POST", "/api/bulletins/run", null),
        ("list drafts", "GET", "/api/bulletins/drafts", null),
        ("approve a draft", "POST", "/api/bulletins/drafts/2022-09-07/approve", null),
        ("correct a bulletin", "POST", "/api/bulletins/2022/1/corrections", "{\"text\":\"更正。\"}"),
    ];

    /// <summary>Callers whose token must not be believed: all 401.</summary>
    private static readonly string[] Untrusted =
    [
        "anonymous", "expired", "otherIssuer", "forgedSignature", "forgedPayload", "algNone", "replayedFromEarlierStart",
        "wrongAudience", "notYetValid", "garbage", "emptyBearer", "basic", "noRoles",
    ];

    /// <summary>Routes only coordinators may call (indexes into <see cref="Protected"/>).</summary>
    private static readonly int[] CoordinatorOnly = [2, 5, 6, 7, 8, 9, 10, 11, 12];

    private static Hostile Call((string Label, string Method, string Path, string? Body) route, string caller, int status)
    {
        var row = new Hostile($"{route.Label} as {caller}", route.Method, route.Path, status).As(caller);
        return route.Body switch
        {
            null => row,
            { } csv when csv.StartsWith("csv:", StringComparison.Ordinal) => row.Csv(csv[4..]),
            { } json => row.Json(json),
        };
    }

    public static Hostile[] TokensAndRoles =>
    [
        .. Protected.SelectMany(route => Untrusted.Select(caller => Call(route, caller, 401))),
        .. CoordinatorOnly.Select(index => Call(Protected[index], "reporterA", 403)),
        .. Protected.Select(route => Call(route, "unknownRole", 403)),
        Call(Protected[0], "reporterB", 403),
        Call(Protected[3], "reporterB", 403),
        Call(Protected[4], "reporterB", 403),
        Call(Protected[0], "reporterNoUnit", 403),
        Call(Protected[0], "reporterBadUnit", 403),
        Call(Protected[3], "reporterBadUnit", 403),
    ];
}
