using Azure.Data.Tables;
using static Frontline.Sites.DeploymentRows;

namespace Frontline.Sites;

/// <summary>
/// The keys of the deployment directory's one partition of the <c>Deployment</c> table: units, sites, communities,
/// rosters (a unit's people at a site), the ledger of who is deployed and seeding markers. One partition is what makes
/// a volunteer's arrival exact: the ledger entry and every counter it moves change in one batch transaction.
/// </summary>
internal static class DeploymentRows
{
    public const string Partition = "deployment";
    public const string UnitPrefix = "unit|";
    public const string SitePrefix = "site|";
    /// <summary>Rows that counted volunteers by home community, written before the arrival log took that count; no longer read.</summary>
    public const string CommunityPrefix = "community|";
    public const string RosterPrefix = "roster|";
    public const string MemberPrefix = "member|";
    public const string MarkerPrefix = "marker|";

    /// <summary>
    /// A unit's count is kept in tally rows beside its own, one for each host that counted for it
    /// (<c>tally|unit|id|3</c>, 3 being the host's <see cref="WriterSlot"/>). Every arrival of a unit moved its one row, so
    /// hosts committing arrivals together were refused (412) on it over and over, each refusal costing the partition a
    /// whole batch; a host's own tally row is moved by no one else. A departure counts down on the departing host's row,
    /// which may go below zero; readers sum the tallies and the row's own count (what the ledger kept before tallies).
    /// The count by home community is not kept here at all but in the <see cref="ArrivalLog"/> (by day, exactly once
    /// through its marker): it was the batch's most contended row, and nothing reads it with the catalog.
    /// </summary>
    public const string TallyPrefix = "tally|";
    public const string UnitTallyPrefix = TallyPrefix + "unit|";

    public static string UnitTally(string unitId, int slot) => $"{UnitTallyPrefix}{unitId}|{slot:D2}";

    /// <summary>The same bucket on every host and in every process (string.GetHashCode is seeded per process).</summary>
    public static int Bucket(string key, int buckets)
    {
        var hash = 17u;
        foreach (var character in key)
        {
            hash = unchecked((hash * 31) + character);
        }

        return (int)(hash % (uint)buckets);
    }

    /// <summary>The unit or community a tally row counts for: "tally|unit|u1|3" → "u1".</summary>
    public static string TallyOwner(string rowKey, string prefix) => rowKey[prefix.Length..rowKey.LastIndexOf('|')];

    /// <summary>The catalog's version row: replaced by every import, so a host reads the whole directory again only then.</summary>
    public const string VersionRowKey = "catalog|version";

    /// <summary>Each counter row's revision, one up with every commit that moves it (see <see cref="CatalogJournal"/>).</summary>
    public const string RevisionProperty = "Rev";

    /// <summary>A row's revision, 0 before its first commit. Read as either width: the table returns what was written
    /// (a 64-bit number), the journal's JSON a 32-bit one while it fits.</summary>
    public static long Revision(TableEntity row) => row.TryGetValue(RevisionProperty, out var value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Azure's limit for one batch transaction.</summary>
    public const int MaxBatch = 100;

    /// <summary>Row keys may not hold / \ # ? or control characters, and Azurite does not always say so.</summary>
    public static string KeySafe(string value)
    {
        Span<char> forbidden = ['/', '\\', '#', '?'];
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (forbidden.Contains(chars[i]) || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    public static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static DateOnly? ParseDay(string? value) => DateOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : null;
}

/// <summary>The directory's rows (units, sites, communities) with their ETags, as this host last saw them.</summary>
internal sealed class DirectoryRows(DateTimeOffset readAt)
{
    /// <summary>When the rows were last brought up to date: read whole, or the journal applied.</summary>
    public DateTimeOffset ReadAt { get; set; } = readAt;

    /// <summary>When the rows were last read whole.</summary>
    public DateTimeOffset FullReadAt { get; } = readAt;

    public Dictionary<string, TableEntity> Rows { get; } = new(StringComparer.Ordinal);

    public Catalog ToCatalog()
    {
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
        var rosters = new Dictionary<string, int>(StringComparer.Ordinal);
        var unitTallies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rowKey, entity) in Rows)
        {
            if (rowKey.StartsWith(UnitTallyPrefix, StringComparison.Ordinal))
            {
                var id = TallyOwner(rowKey, UnitTallyPrefix);
                unitTallies[id] = unitTallies.GetValueOrDefault(id) + (entity.GetInt32("Volunteers") ?? 0);
            }
        }

        foreach (var (rowKey, entity) in Rows)
        {
            if (rowKey.StartsWith(UnitPrefix, StringComparison.Ordinal))
            {
                var id = rowKey[UnitPrefix.Length..];
                units[id] = new Unit(id, entity.GetString("Name") ?? id, entity.GetString("Parent"), entity.GetString("PartyCommittee"), entity.GetString("Contact"),
                    Split(entity.GetString("SiteIds")), (entity.GetInt32("Volunteers") ?? 0) + unitTallies.GetValueOrDefault(id), entity.GetBoolean("Verified") ?? false);
            }
            else if (rowKey.StartsWith(SitePrefix, StringComparison.Ordinal))
            {
                var id = rowKey[SitePrefix.Length..];
                sites[id] = new Site(id, entity.GetString("Name") ?? id, entity.GetString("Type") ?? SiteTypes.Community, entity.GetString("District"), entity.GetString("Street"),
                    entity.GetString("Community") ?? "", entity.GetString("Address"), entity.GetString("Contact"), entity.GetInt32("Needed") ?? 0, entity.GetInt32("Assigned") ?? 0,
                    Split(entity.GetString("Duties")), ParseDay(entity.GetString("OpenFrom")), ParseDay(entity.GetString("OpenTo")));
            }
            else if (rowKey.StartsWith(RosterPrefix, StringComparison.Ordinal))
            {
                rosters[rowKey[RosterPrefix.Length..]] = entity.GetInt32("Assigned") ?? 0;
            }
        }

        return new Catalog(units, sites, ReadAt) { Rosters = rosters };
    }
}
