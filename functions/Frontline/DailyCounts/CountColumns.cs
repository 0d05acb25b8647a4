namespace Frontline.DailyCounts;

/// <summary>
/// The columns of a count sheet, in the order of the portal's count form, with the Chinese headers the template
/// writes. An import reads a column by its field name (<c>onDuty</c>) or its Chinese header (在岗人数), so a unit can
/// send back the template as downloaded or a sheet of its own.
/// </summary>
public static class CountColumns
{
    /// <summary>Only in the template, so a person filling it in sees which site a row is; imports ignore it.</summary>
    public const string SiteName = "siteName";

    public static IReadOnlyList<(string Field, string Header)> All { get; } =
    [
        ("siteId", "点位编号"),
        (SiteName, "点位名称"),
        ("onDuty", "在岗人数"),
        ("partyMembers", "其中党员"),
        ("tested", "协助核酸检测（人次）"),
        ("peopleChecked", "核查人员（人次）"),
        ("vehiclesChecked", "查验车辆（辆）"),
        ("suppliesDelivered", "配送物资（份）"),
        ("householdsVisited", "入户走访（户）"),
        ("highlight", "工作亮点"),
    ];

    private static readonly Dictionary<string, string> FieldOfHeader =
        All.ToDictionary(column => column.Header, column => column.Field, StringComparer.Ordinal);

    /// <summary>A field whose column the header has twice, once by name and once in Chinese (onDuty and 在岗人数).</summary>
    public static string? Twice(IEnumerable<string> header) =>
        header.GroupBy(name => FieldOfHeader.GetValueOrDefault(name, name), StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(names => names.Count() > 1)?.Key;

    /// <summary>A row keyed by field names (after <see cref="Twice"/> found none twice): a Chinese header becomes its field, any other column keeps its name.</summary>
    public static Dictionary<string, string> ByField(Dictionary<string, string> row) =>
        row.ToDictionary(cell => FieldOfHeader.GetValueOrDefault(cell.Key, cell.Key), cell => cell.Value, StringComparer.OrdinalIgnoreCase);
}
