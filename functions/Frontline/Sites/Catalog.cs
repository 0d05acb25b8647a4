namespace Frontline.Sites;

/// <summary>A dispatching unit (派出单位): a department, state firm or institution that sends its staff.</summary>
public sealed record Unit(
    string Id,
    string Name,
    string? Parent,
    string? PartyCommittee,
    string? Contact,
    IReadOnlyList<string> SiteIds,
    int Volunteers,
    bool Verified);

/// <summary>A place with duties and a roster: a community, compound, testing point, checkpoint or supply point.</summary>
public sealed record Site(
    string Id,
    string Name,
    string Type,
    string? District,
    string? Street,
    string Community,
    string? Address,
    string? Contact,
    int Needed,
    int Assigned,
    IReadOnlyList<string> Duties,
    DateOnly? OpenFrom,
    DateOnly? OpenTo)
{
    public bool IsOpenOn(DateOnly day) => (OpenFrom is null || OpenFrom <= day) && (OpenTo is null || day <= OpenTo);

    public int Shortfall => Math.Max(0, Needed - Assigned);
}

public static class SiteTypes
{
    public const string Community = "community";
    public const string Compound = "compound";
    public const string TestingPoint = "testing-point";
    public const string Checkpoint = "checkpoint";
    public const string SupplyPoint = "supply-point";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>([Community, Compound, TestingPoint, Checkpoint, SupplyPoint]);
}

/// <summary>
/// Everything the directory knows at one moment: units and sites with their counts. (Who reported to which home
/// community is counted by day in the <see cref="ArrivalLog"/>, not here: see <see cref="DeploymentRows.TallyPrefix"/>.)
/// </summary>
public sealed record Catalog(
    IReadOnlyDictionary<string, Unit> Units,
    IReadOnlyDictionary<string, Site> Sites,
    DateTimeOffset ReadAt)
{
    /// <summary>Volunteers of a unit assigned to a site, keyed by <see cref="RosterKey"/>.</summary>
    public IReadOnlyDictionary<string, int> Rosters { get; init; } = new Dictionary<string, int>();

    public static string RosterKey(string siteId, string unitId) => $"{siteId}|{unitId}";

    /// <summary>A <see cref="RosterKey"/> read back: site ids may hold a bar, unit ids never do.</summary>
    public static (string SiteId, string UnitId) RosterParts(string key)
    {
        var bar = key.LastIndexOf('|');
        return (key[..bar], key[(bar + 1)..]);
    }

    public int AssignedAt(string siteId, string unitId) => Rosters.GetValueOrDefault(RosterKey(siteId, unitId));

    /// <summary>Whether the unit serves the site (the site is among the unit's): who may report it and whose batch people count there.</summary>
    public bool Serves(string siteId, string unitId) => Units.TryGetValue(unitId, out var unit) && unit.SiteIds.Contains(siteId);

    /// <summary>Finds a unit by id, or by its exact name as typed on the form.</summary>
    public Unit? FindUnit(string idOrName) =>
        Units.TryGetValue(idOrName, out var unit)
            ? unit
            : Units.Values.FirstOrDefault(candidate => string.Equals(candidate.Name, idOrName.Trim(), StringComparison.OrdinalIgnoreCase));
}
