using Frontline.Indicators;

namespace Frontline.DailyCounts;

/// <summary>
/// The columns of a count sheet, from the indicator definitions in force: the site, each indicator the sheet's site
/// types report (in the form's order, headed 采样轮次（轮）), and the highlight. An import reads an indicator's column by
/// its code (<c>sampling-rounds</c>), its Chinese name with or without the unit (采样轮次, 采样轮次（轮）), or, for the
/// seven figures of round one, the field name its sheets used (<c>onDuty</c>); so a unit can send back the template as
/// downloaded, last month's template, or a sheet of its own.
/// </summary>
public static class CountColumns
{
    public const string SiteId = "siteId";

    /// <summary>Only in the template, so a person filling it in sees which site a row is; imports ignore it.</summary>
    public const string SiteName = "siteName";

    public const string Highlight = "highlight";

    /// <summary>The template's columns for sites of these types: (field, Chinese header).</summary>
    public static IReadOnlyList<(string Field, string Header)> For(IndicatorSet set, IEnumerable<string> siteTypes)
    {
        var types = siteTypes.ToHashSet(StringComparer.Ordinal);
        return
        [
            (SiteId, "点位编号"),
            (SiteName, "点位名称"),
            .. set.Ordered().Where(indicator => types.Any(indicator.AppliesTo)).Select(indicator => (indicator.Code, Header(indicator))),
            (Highlight, "工作亮点"),
        ];
    }

    /// <summary>A column's Chinese header: the name and the unit word, as the reports write them: 采样轮次（轮）.</summary>
    public static string Header(IndicatorDefinition indicator) => $"{indicator.NameZh}（{indicator.Unit}）";

    /// <summary>Every name a column may have in an import, and the field (code, siteId, highlight) it means.</summary>
    public static Dictionary<string, string> FieldsByName(IndicatorSet set)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SiteId] = SiteId, ["点位编号"] = SiteId, [SiteName] = SiteName, ["点位名称"] = SiteName, [Highlight] = Highlight, ["工作亮点"] = Highlight,
        };
        foreach (var indicator in set.Indicators)
        {
            fields.TryAdd(indicator.Code, indicator.Code);
            fields.TryAdd(indicator.NameZh, indicator.Code);
            fields.TryAdd(Header(indicator), indicator.Code);
        }

        foreach (var (code, field) in IndicatorDefaults.LegacyFields)
        {
            fields.TryAdd(field, code);
        }

        return fields;
    }

    /// <summary>A field whose column the header has twice, under two of its names (onDuty and 在岗人数).</summary>
    public static string? Twice(IEnumerable<string> header, IReadOnlyDictionary<string, string> fieldsByName) =>
        header.GroupBy(name => fieldsByName.GetValueOrDefault(name, name), StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(names => names.Count() > 1)?.Key;

    /// <summary>A row keyed by field (after <see cref="Twice"/> found none twice); a column no name matches keeps its own.</summary>
    public static Dictionary<string, string> ByField(Dictionary<string, string> row, IReadOnlyDictionary<string, string> fieldsByName) =>
        row.ToDictionary(cell => fieldsByName.GetValueOrDefault(cell.Key, cell.Key), cell => cell.Value, StringComparer.OrdinalIgnoreCase);
}
