namespace Frontline.Indicators;

/// <summary>
/// One figure a site reports for a day (在岗人数, 采样轮次, 劝返车辆…), as the command office defines it. The code is the
/// indicator's identity for ever: submissions, roll-ups and exports will key values by it, so it never changes and is
/// never reused; names, unit, bounds and site types may change, each change making a new version of the set.
/// </summary>
/// <param name="Unit">The unit word as the reports write it (人, 人次, 轮, 辆, 份, 户, 次, 小时); its English is <see cref="IndicatorUnits"/>'.</param>
/// <param name="Kind"><see cref="IndicatorKinds.Count"/> (whole numbers) or <see cref="IndicatorKinds.Hours"/> (at most one decimal).</param>
/// <param name="Aggregation">How values add up over days and sites: <see cref="IndicatorAggregations"/>.</param>
/// <param name="Order">Where the portal's form shows it; ties go by code.</param>
/// <param name="Retired">No longer asked for; kept so that old submissions and roll-ups still read.</param>
public sealed record IndicatorDefinition(
    string Code,
    string NameZh,
    string NameEn,
    string Unit,
    string Kind,
    string Aggregation,
    decimal Min,
    decimal Max,
    IReadOnlyList<string> SiteTypes,
    bool Required,
    int Order,
    bool Retired)
{
    public bool AppliesTo(string siteType) => !Retired && SiteTypes.Contains(siteType, StringComparer.Ordinal);
}

/// <summary>
/// A cross-field rule, checked on a submission's values. Two kinds:
/// <see cref="IndicatorRuleKinds.AtMost"/>: the value of <see cref="Code"/> is not above that of <see cref="AtMost"/>
/// (party members ≤ on duty);
/// <see cref="IndicatorRuleKinds.AtMostAssigned"/>: the value of <see cref="Code"/> is not above the unit's volunteers
/// assigned at the site plus <see cref="Margin"/>, or plus <c>Frontline:OnDutyMargin</c> when the margin is null
/// (today's "on duty ≤ assigned + 20").
/// A rule is checked only where every indicator it names applies to the site's type and is not retired.
/// </summary>
public sealed record IndicatorRule(string Kind, string Code, string? AtMost = null, int? Margin = null);

/// <summary>
/// The whole definition set at one version: what a submission is validated against and records (its version), so that
/// history never changes meaning. Versions are immutable once written.
/// </summary>
public sealed record IndicatorSet(
    int Version,
    IReadOnlyList<IndicatorDefinition> Indicators,
    IReadOnlyList<IndicatorRule> Rules,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string Change)
{
    public IndicatorDefinition? Find(string code) => Indicators.FirstOrDefault(indicator => indicator.Code == code);

    /// <summary>What a site of this type reports, in the form's order.</summary>
    public IReadOnlyList<IndicatorDefinition> For(string siteType) =>
        [.. Indicators.Where(indicator => indicator.AppliesTo(siteType)).OrderBy(indicator => indicator.Order).ThenBy(indicator => indicator.Code, StringComparer.Ordinal)];

    /// <summary>Every indicator in the form's order (retired ones last).</summary>
    public IReadOnlyList<IndicatorDefinition> Ordered() =>
        [.. Indicators.OrderBy(indicator => indicator.Retired).ThenBy(indicator => indicator.Order).ThenBy(indicator => indicator.Code, StringComparer.Ordinal)];

    /// <summary>The rules whose indicators all apply to this site type.</summary>
    public IReadOnlyList<IndicatorRule> RulesFor(string siteType) =>
        [.. Rules.Where(rule => Find(rule.Code)?.AppliesTo(siteType) == true && (rule.AtMost is null || Find(rule.AtMost)?.AppliesTo(siteType) == true))];
}

public static class IndicatorKinds
{
    /// <summary>Whole numbers: people, rounds, vehicles, parcels.</summary>
    public const string Count = "count";

    /// <summary>Duty hours, to one decimal (a half-hour is the finest any roster in the reports uses). Stored as tenths, so sums stay exact.</summary>
    public const string Hours = "hours";

    public static IReadOnlyList<string> All { get; } = [Count, Hours];

    /// <summary>How many decimal places a value of the kind may have.</summary>
    public static int Decimals(string kind) => kind == Hours ? 1 : 0;
}

public static class IndicatorAggregations
{
    /// <summary>Added up over days and sites: people tested, vehicles checked.</summary>
    public const string Sum = "sum";

    /// <summary>The last day's value, summed over sites: a standing figure such as households on the list.</summary>
    public const string Latest = "latest";

    /// <summary>The largest day's value: peaks such as the most people on duty at once.</summary>
    public const string Max = "max";

    public static IReadOnlyList<string> All { get; } = [Sum, Latest, Max];
}

public static class IndicatorRuleKinds
{
    public const string AtMost = "at-most";
    public const string AtMostAssigned = "at-most-assigned";

    public static IReadOnlyList<string> All { get; } = [AtMost, AtMostAssigned];
}

/// <summary>The unit words the source reports use, each with its English.</summary>
public static class IndicatorUnits
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["人"] = "people",
        ["人次"] = "person-times",
        ["轮"] = "rounds",
        ["辆"] = "vehicles",
        ["份"] = "items",
        ["户"] = "households",
        ["次"] = "times",
        ["小时"] = "hours",
    };
}
