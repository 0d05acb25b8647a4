using System.Text.RegularExpressions;
using Frontline.Http;
using Frontline.Sites;

namespace Frontline.Indicators;

/// <summary>The body of <c>PUT /api/indicators/{code}</c>: an indicator as the Admin defines it (the code is in the path).</summary>
public sealed record IndicatorRequest(
    string? NameZh,
    string? NameEn,
    string? Unit,
    string? Kind,
    string? Aggregation,
    decimal? Min,
    decimal? Max,
    string[]? SiteTypes,
    bool? Required,
    int? Order);

/// <summary>The body of <c>PUT /api/indicator-rules</c>: every cross-field rule, replacing those before.</summary>
public sealed record IndicatorRulesRequest(IndicatorRule[]? Rules);

/// <summary>An indicator as the API answers it: the unit word also in English.</summary>
public sealed record IndicatorView(
    string Code, string NameZh, string NameEn, string Unit, string UnitEn, string Kind, string Aggregation,
    decimal Min, decimal Max, IReadOnlyList<string> SiteTypes, bool Required, int Order, bool Retired);

/// <summary>A version of the definition set; with <c>siteType</c>, only what that type reports, in the form's order.</summary>
public sealed record IndicatorSetView(
    int Version, string? SiteType, IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<IndicatorRule> Rules,
    string ChangedBy, DateTimeOffset ChangedAt, string Change);

/// <summary>
/// The rules a definition must meet, field by field (named as the body names them), and the rules the whole set
/// must meet after a change: no two live indicators of one site type with the same name, rules naming known codes,
/// and the limits that keep every roll-up row within Azure's 252 properties (<see cref="MaxIndicators"/>).
/// </summary>
public static partial class IndicatorEditing
{
    /// <summary>
    /// Every indicator ever defined, retired ones included (their values stay in old roll-up rows). The rewiring slice
    /// stores a day's values as one property per indicator on the roll-up rows; 200 of them plus the rows' own dozen
    /// properties stay under Azure's 252 properties an entity.
    /// </summary>
    public const int MaxIndicators = 200;

    public const int MaxRules = 100;
    public const int MaxNameLength = 40;

    /// <summary>Larger than any figure in the reports (20,000 vehicles a day at one checkpoint) by far, as today's counts.</summary>
    public const decimal MaxBound = 1_000_000;

    /// <summary>A margin over the assigned volunteers larger than any site's roster makes the rule meaningless.</summary>
    public const int MaxMargin = 1000;

    /// <summary>Words that read as routes rather than indicators; kept out so that no path is ever in doubt.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "versions", "rules" };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    /// <summary>Lower-case ASCII, a letter first, 2–40 characters; it is a row key and (with - as _) a property name, so nothing else.</summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code) && !code.EndsWith('-') && !code.Contains("--", StringComparison.Ordinal) && !Reserved.Contains(code);

    public static string CodeRule => "2–40 characters: lower-case letters, digits and single hyphens, starting with a letter (e.g. on-duty).";

    /// <summary>The definition the request describes, keeping the existing one's order and retirement when the request leaves them out.</summary>
    public static IndicatorDefinition? Validate(string code, IndicatorRequest request, IndicatorDefinition? existing, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!IsCode(code))
        {
            errors["code"] = [CodeRule];
        }

        var nameZh = Text.Required(request.NameZh, "nameZh", MaxNameLength, errors);
        var nameEn = Text.Required(request.NameEn, "nameEn", MaxNameLength * 2, errors);
        if (request.Unit is null)
        {
            errors["unit"] = ["Required: one of " + string.Join(" ", IndicatorUnits.English.Keys) + "."];
        }
        else if (!IndicatorUnits.English.ContainsKey(request.Unit))
        {
            errors["unit"] = ["Not a unit word; one of " + string.Join(" ", IndicatorUnits.English.Keys) + "."];
        }

        var kind = request.Kind;
        if (kind is null || !IndicatorKinds.All.Contains(kind))
        {
            errors["kind"] = ["count (whole numbers) or hours (at most one decimal)."];
            kind = null;
        }

        if (request.Aggregation is null || !IndicatorAggregations.All.Contains(request.Aggregation))
        {
            errors["aggregation"] = ["sum, latest or max."];
        }

        var min = Bound(request.Min ?? 0, "min", kind, errors);
        decimal max = 0;
        if (request.Max is null)
        {
            errors["max"] = ["Required: the largest value a site may report for a day."];
        }
        else
        {
            max = Bound(request.Max.Value, "max", kind, errors);
        }

        if (!errors.ContainsKey("min") && !errors.ContainsKey("max") && min > max)
        {
            errors["max"] = [$"Cannot be below min ({min})."];
        }

        var siteTypes = new List<string>();
        if (request.SiteTypes is not { Length: > 0 })
        {
            errors["siteTypes"] = ["At least one site type: " + string.Join(", ", SiteTypes.All.Order(StringComparer.Ordinal)) + "."];
        }
        else
        {
            foreach (var siteType in request.SiteTypes)
            {
                if (siteType is null || !SiteTypes.All.Contains(siteType))
                {
                    errors["siteTypes"] = [$"'{Shown(siteType)}' is not a site type; the types are " + string.Join(", ", SiteTypes.All.Order(StringComparer.Ordinal)) + "."];
                    break;
                }

                if (siteTypes.Contains(siteType))
                {
                    errors["siteTypes"] = [$"'{siteType}' is listed twice."];
                    break;
                }

                siteTypes.Add(siteType);
            }
        }

        if (request.Order is < 0 or > 10_000)
        {
            errors["order"] = ["0 to 10000."];
        }

        return errors.Count > 0
            ? null
            : new IndicatorDefinition(code, nameZh!, nameEn!, request.Unit!, kind!, request.Aggregation!, min, max,
                [.. SiteTypes.All.Where(siteTypes.Contains).Order(StringComparer.Ordinal)], request.Required ?? false,
                request.Order ?? existing?.Order ?? 0, existing?.Retired ?? false);
    }

    /// <summary>Checks each rule on its own and against the set's codes; null and the errors (field <c>rules</c>, with the index) when one is wrong.</summary>
    public static IReadOnlyList<IndicatorRule>? ValidateRules(IndicatorRule[]? rules, IReadOnlyList<IndicatorDefinition> indicators, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (rules is null)
        {
            errors["rules"] = ["Required: a list, [] for none."];
            return null;
        }

        if (rules.Length > MaxRules)
        {
            errors["rules"] = [$"At most {MaxRules} rules."];
            return null;
        }

        var codes = indicators.ToDictionary(indicator => indicator.Code, StringComparer.Ordinal);
        var seen = new HashSet<IndicatorRule>();
        for (var i = 0; i < rules.Length; i++)
        {
            if (RuleProblem(rules[i], codes) is { } problem)
            {
                errors[$"rules[{i}]"] = [problem];
            }
            else if (!seen.Add(rules[i]))
            {
                errors[$"rules[{i}]"] = ["The same rule twice."];
            }
        }

        return errors.Count > 0 ? null : rules;
    }

    /// <summary>What is wrong with the set as it would be after a change, as errors on the changed field; empty when nothing.</summary>
    public static Dictionary<string, string[]> CheckSet(IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<IndicatorRule> rules, string changedCode)
    {
        var errors = new Dictionary<string, string[]>();
        if (indicators.Count > MaxIndicators)
        {
            errors["code"] = [$"The set holds at most {MaxIndicators} indicators, retired ones included (each is a column of every roll-up row)."];
            return errors;
        }

        if (indicators.FirstOrDefault(indicator => indicator.Code == changedCode) is { Retired: false } changed)
        {
            foreach (var other in indicators.Where(other => other.Code != changedCode && !other.Retired && other.SiteTypes.Intersect(changed.SiteTypes).Any()))
            {
                if (string.Equals(other.NameZh, changed.NameZh, StringComparison.Ordinal))
                {
                    errors["nameZh"] = [$"'{other.Code}' has this name for the same site type; a reporter could not tell them apart."];
                }

                if (string.Equals(other.NameEn, changed.NameEn, StringComparison.OrdinalIgnoreCase))
                {
                    errors["nameEn"] = [$"'{other.Code}' has this name for the same site type; a reporter could not tell them apart."];
                }
            }
        }

        var codes = indicators.ToDictionary(indicator => indicator.Code, StringComparer.Ordinal);
        if (rules.FirstOrDefault(rule => RuleProblem(rule, codes) is not null) is { } broken)
        {
            errors["code"] = [$"A rule names this indicator ({broken.Code} {broken.Kind} {broken.AtMost}); change the rules first (PUT /api/indicator-rules)."];
        }

        return errors;
    }

    private static string? RuleProblem(IndicatorRule? rule, Dictionary<string, IndicatorDefinition> codes)
    {
        if (rule is null)
        {
            return "A rule object.";
        }

        if (rule.Kind is null || !IndicatorRuleKinds.All.Contains(rule.Kind))
        {
            return "kind: at-most (code ≤ atMost) or at-most-assigned (code ≤ volunteers assigned + margin).";
        }

        if (rule.Code is null || !codes.TryGetValue(rule.Code, out var left))
        {
            return $"code: '{Shown(rule.Code)}' is not a known indicator.";
        }

        if (rule.Kind == IndicatorRuleKinds.AtMost)
        {
            if (rule.AtMost is null || !codes.TryGetValue(rule.AtMost, out var right))
            {
                return $"atMost: '{Shown(rule.AtMost)}' is not a known indicator.";
            }

            if (right.Code == left.Code)
            {
                return "atMost: an indicator compared with itself.";
            }

            if (right.Kind != left.Kind)
            {
                return $"atMost: {left.Code} is {left.Kind} and {right.Code} is {right.Kind}; compare like with like.";
            }

            return rule.Margin is null ? null : "margin: only for at-most-assigned.";
        }

        if (rule.AtMost is not null)
        {
            return "atMost: only for at-most.";
        }

        if (left.Kind != IndicatorKinds.Count)
        {
            return $"code: {left.Code} is not a count of people, so it cannot be compared with the volunteers assigned.";
        }

        return rule.Margin is null or (>= 0 and <= MaxMargin) ? null : $"margin: 0 to {MaxMargin}, or leave it out for Frontline:OnDutyMargin.";
    }

    private static decimal Bound(decimal value, string field, string? kind, Dictionary<string, string[]> errors)
    {
        if (value < 0)
        {
            errors[field] = ["Cannot be negative."];
        }
        else if (value > MaxBound)
        {
            errors[field] = [$"At most {MaxBound}."];
        }
        else if (kind is not null && decimal.Round(value, IndicatorKinds.Decimals(kind)) != value)
        {
            errors[field] = [kind == IndicatorKinds.Count ? "A count is a whole number." : "Hours have at most one decimal."];
        }

        return value;
    }

    /// <summary>Echoes a refused value safely: short, without anything that is not plain text.</summary>
    private static string Shown(string? value) =>
        value is null ? "null" : value.Length > 40 || !Text.IsClean(value) || Text.HasMarkup(value) ? "(not shown)" : value;

    public static IndicatorView View(IndicatorDefinition indicator) => new(
        indicator.Code, indicator.NameZh, indicator.NameEn, indicator.Unit, IndicatorUnits.English.GetValueOrDefault(indicator.Unit, indicator.Unit),
        indicator.Kind, indicator.Aggregation, indicator.Min, indicator.Max, indicator.SiteTypes, indicator.Required, indicator.Order, indicator.Retired);

    public static IndicatorSetView View(IndicatorSet set, string? siteType) => new(
        set.Version, siteType, [.. (siteType is null ? set.Ordered() : set.For(siteType)).Select(View)],
        siteType is null ? set.Rules : set.RulesFor(siteType), set.ChangedBy, set.ChangedAt, set.Change);
}
