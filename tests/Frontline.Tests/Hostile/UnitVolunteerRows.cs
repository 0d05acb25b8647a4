namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private static Hostile UnitPeople(string name, string query, int status = 400, string? field = null, string caller = "reporterA", string unit = "unit-a") =>
        new Hostile($"GET a unit's people: {name}", "GET", $"/api/units/{unit}/volunteers?" + query, status, field).As(caller);

    /// <summary>
    /// A unit's own people, the organiser's list: the filters are query strings a person can type, and the unit in the
    /// path is the only partition it reads, whatever a continuation says.
    /// </summary>
    public static Hostile[] UnitVolunteers =>
    [
        UnitPeople("another unit's people", "take=10", 403, caller: "reporterB"),
        UnitPeople("a unit id with a pipe", "take=10", 400, "unitId", "coordinator", "unit-a%7Cx"),
        UnitPeople("a unit nobody defined", "take=10", 404, caller: "coordinator", unit: "unit-z"),
        UnitPeople("siteId with a hash", "siteId=site-1%23", field: "siteId"),
        UnitPeople("siteId of 200 characters", "siteId=" + new string('s', 200), field: "siteId"),
        UnitPeople("siteId with a quote", "siteId=site-1%27%20or%20%271%27%3D%271", field: "siteId"),
        UnitPeople("unknown status", "status=deleted", field: "status"),
        UnitPeople("status in capitals", "status=Assigned", field: "status"),
        UnitPeople("take 0", "take=0", field: "take"),
        UnitPeople("take 201", "take=201", field: "take"),
        UnitPeople("take as an exponent", "take=1e2", field: "take"),
        UnitPeople("take in full-width digits", "take=%EF%BC%95", field: "take"),
        UnitPeople("continuation not base64", "continuation=%25%25%25", field: "continuation"),
        UnitPeople("continuation of 5000 characters", "continuation=" + new string('A', 5000), field: "continuation"),
        // Decodes to "0|x\u0000": not clean text.
        UnitPeople("continuation hiding a NUL", "continuation=MHx4AA", field: "continuation"),
    ];
}
