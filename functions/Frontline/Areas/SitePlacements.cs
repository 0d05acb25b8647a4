using Frontline.Sites;

namespace Frontline.Areas;

/// <summary>
/// The <c>area</c> column of a sites import: each site in one area that exists. A site named twice in one sheet with
/// two different areas is refused on both lines, because the sheet does not say which place is true.
/// </summary>
public static class SitePlacements
{
    public static IReadOnlyList<RowResult<SiteDefinition>> Check(IReadOnlyList<RowResult<SiteDefinition>> rows, IReadOnlyDictionary<string, StoredArea> tree)
    {
        var placesBySite = rows.Where(row => row.Value?.Area is not null)
            .GroupBy(row => row.Value!.Id, StringComparer.Ordinal)
            .Where(group => group.Select(row => row.Value!.Area).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        return rows.Select(row =>
        {
            if (row.Value?.Area is not { } area)
            {
                return row;
            }

            string? refusal = null;
            if (placesBySite.TryGetValue(row.Value.Id, out var places))
            {
                refusal = $"Site {row.Value.Id} is placed in {string.Join(" and ", places.Select(place => $"{place.Value!.Area} (line {place.Line})"))}: a site is in one area.";
            }
            else if (!tree.ContainsKey(area))
            {
                refusal = $"Unknown area '{area}': import it first (POST /api/areas).";
            }

            return refusal is null
                ? row
                : row with { Value = null, Errors = new Dictionary<string, string[]>(row.Errors) { ["area"] = [refusal] } };
        }).ToList();
    }

    public static IReadOnlyList<SitePlacement> Of(IEnumerable<SiteDefinition> sites) =>
        sites.Where(site => site.Area is not null).Select(site => new SitePlacement(site.Id, site.Name, site.Type, site.Area!)).ToList();
}
