using System.Globalization;
using System.Text.RegularExpressions;
using Frontline.Http;

namespace Frontline.Sites;

/// <summary>
/// Reads units and sites from CSV, row by row: good rows import, bad rows are answered with the reason.
/// Coordinators import through the API with it, and the seeds load through it too.
/// </summary>
public static partial class CatalogImport
{
    public const string UnitsHeader = "id,name,parent,partyCommittee,contact,siteIds";
    public const string SitesHeader = "id,name,type,district,street,community,address,contact,needed,duties,openFrom,openTo";

    /// <summary>An optional column of the sites sheet: the code of the area the site is in (Areas/).</summary>
    public const string SiteAreaColumn = "area";

    public static IReadOnlyList<RowResult<UnitDefinition>> ReadUnits(string csv) => ReadUnits(Csv.ReadWithHeader(csv));

    public static IReadOnlyList<RowResult<UnitDefinition>> ReadUnits(IEnumerable<Dictionary<string, string>> rows) =>
        rows.Select((row, index) => ReadUnit(row, index + 2)).ToList();

    public static IReadOnlyList<RowResult<SiteDefinition>> ReadSites(string csv) => ReadSites(Csv.ReadWithHeader(csv));

    public static IReadOnlyList<RowResult<SiteDefinition>> ReadSites(IEnumerable<Dictionary<string, string>> rows) =>
        rows.Select((row, index) => ReadSite(row, index + 2)).ToList();

    /// <summary>Unit and site ids: the one rule, <see cref="Storage.EntityIds"/>.</summary>
    public static bool IsValidId(string? id) => Storage.EntityIds.IsValid(id);

    private static RowResult<UnitDefinition> ReadUnit(Dictionary<string, string> row, int line)
    {
        var errors = new Dictionary<string, string[]>();
        var id = Id(row, errors);
        var name = Text.Required(row.GetValueOrDefault("name"), "name", 100, errors);
        var parent = Text.Optional(row.GetValueOrDefault("parent"), "parent", 100, errors);
        var committee = Text.Optional(row.GetValueOrDefault("partyCommittee"), "partyCommittee", 100, errors);
        var contact = Text.Optional(row.GetValueOrDefault("contact"), "contact", 100, errors);
        var siteIds = List(row.GetValueOrDefault("siteIds"));
        if (siteIds.FirstOrDefault(siteId => !IsValidId(siteId)) is { } badSite)
        {
            errors["siteIds"] = [$"'{badSite}' is not a site id."];
        }

        Csv.RefuseFormulas(row, errors);

        return errors.Count == 0
            ? new(line, new UnitDefinition(id!, name!, parent, committee, contact, siteIds), errors)
            : new(line, null, errors);
    }

    private static RowResult<SiteDefinition> ReadSite(Dictionary<string, string> row, int line)
    {
        var errors = new Dictionary<string, string[]>();
        var id = Id(row, errors);
        var name = Text.Required(row.GetValueOrDefault("name"), "name", 100, errors);
        var type = row.GetValueOrDefault("type")?.Trim() ?? "";
        if (!SiteTypes.All.Contains(type))
        {
            errors["type"] = [$"One of {string.Join(", ", SiteTypes.All)}."];
        }

        var district = Text.Optional(row.GetValueOrDefault("district"), "district", 50, errors);
        var street = Text.Optional(row.GetValueOrDefault("street"), "street", 50, errors);
        var community = Text.Required(row.GetValueOrDefault("community"), "community", 100, errors);
        var address = Text.Optional(row.GetValueOrDefault("address"), "address", 200, errors);
        var contact = Text.Optional(row.GetValueOrDefault("contact"), "contact", 100, errors);
        if (!int.TryParse(row.GetValueOrDefault("needed"), NumberStyles.None, CultureInfo.InvariantCulture, out var needed) || needed > 100_000)
        {
            errors["needed"] = ["A whole number from 0 to 100000."];
        }

        var duties = List(row.GetValueOrDefault("duties"));
        if (duties.FirstOrDefault(duty => !Volunteers.Skills.All.Contains(duty)) is { } badDuty)
        {
            errors["duties"] = [$"'{badDuty}' is not a duty code."];
        }

        var area = row.GetValueOrDefault("area")?.Trim();
        if (string.IsNullOrEmpty(area))
        {
            area = null;
        }
        else if (!Areas.AreaImport.IsValidCode(area))
        {
            errors["area"] = ["The code of the area the site is in (an imported area), or empty."];
        }

        var openFrom = Day(row, "openFrom", errors);
        var openTo = Day(row, "openTo", errors);
        if (openFrom > openTo)
        {
            errors["openTo"] = ["Must not be before openFrom."];
        }

        Csv.RefuseFormulas(row, errors);

        return errors.Count == 0
            ? new(line, new SiteDefinition(id!, name!, type, district, street, community!, address, contact, needed, duties, openFrom, openTo) { Area = area }, errors)
            : new(line, null, errors);
    }

    private static string? Id(Dictionary<string, string> row, Dictionary<string, string[]> errors)
    {
        var id = row.GetValueOrDefault("id")?.Trim();
        if (IsValidId(id))
        {
            return id;
        }

        errors["id"] = ["2 to 63 lower-case letters, digits and dashes."];
        return null;
    }

    private static DateOnly? Day(Dictionary<string, string> row, string field, Dictionary<string, string[]> errors)
    {
        var value = row.GetValueOrDefault(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
        {
            return day;
        }

        errors[field] = ["A date as yyyy-MM-dd."];
        return null;
    }

    private static string[] List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed record RowResult<T>(int Line, T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    public bool IsValid => Value is not null;
}
