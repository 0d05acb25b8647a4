using System.Globalization;
using System.Text.Json.Serialization;
using Frontline.Http;
using Frontline.Indicators;

namespace Frontline.DailyCounts;

/// <summary>
/// The body of <c>PUT /api/sites/{siteId}/counts/{day}</c>: what a unit's people did at a site that day, as
/// <c>values</c> keyed by indicator code (<c>GET /api/indicators?siteType=</c> lists a site type's). The seven named
/// figures of round one are still read, each as the value of its code, so a unit's system written then keeps working.
/// </summary>
public sealed record CountsRequest(
    long? OnDuty,
    long? PartyMembers,
    long? Tested,
    long? PeopleChecked,
    long? VehiclesChecked,
    long? SuppliesDelivered,
    long? HouseholdsVisited,
    string? Highlight,
    IReadOnlyDictionary<string, decimal?>? Values = null)
{
    /// <summary>Only values and a highlight: how the portal and new clients send counts.</summary>
    public static CountsRequest Of(IReadOnlyDictionary<string, decimal?> values, string? highlight = null) =>
        new(null, null, null, null, null, null, null, highlight, values);

    /// <summary>The round-one fields given, by their field names.</summary>
    [JsonIgnore]
    public IEnumerable<(string Field, long? Value)> LegacyFields =>
    [
        ("onDuty", OnDuty), ("partyMembers", PartyMembers), ("tested", Tested), ("peopleChecked", PeopleChecked),
        ("vehiclesChecked", VehiclesChecked), ("suppliesDelivered", SuppliesDelivered), ("householdsVisited", HouseholdsVisited),
    ];
}

/// <summary>A batch from one unit for one day: each row answered on its own.</summary>
public sealed record CountsBatchRequest(CountsBatchRow[]? Rows);

public sealed record CountsBatchRow(
    string? SiteId,
    long? OnDuty,
    long? PartyMembers,
    long? Tested,
    long? PeopleChecked,
    long? VehiclesChecked,
    long? SuppliesDelivered,
    long? HouseholdsVisited,
    string? Highlight,
    IReadOnlyDictionary<string, decimal?>? Values = null)
{
    /// <summary>The row's figures as a single submission; not part of the wire format (nor of the OpenAPI schema).</summary>
    [JsonIgnore]
    public CountsRequest Counts => new(OnDuty, PartyMembers, Tested, PeopleChecked, VehiclesChecked, SuppliesDelivered, HouseholdsVisited, Highlight, Values);
}

/// <summary>Counts that passed validation, and the version of the indicator set they were checked against.</summary>
public sealed record ValidCounts(CountFigures Figures, string? Highlight, int IndicatorVersion = 0);

/// <summary>
/// A site's counts checked against the indicator definitions in force for its site type: each value known, applying,
/// within its bounds and precision; the required ones present; and the set's cross-field rules.
/// </summary>
public static class CountValidation
{
    /// <summary>Larger than any figure in the reports (20,000 vehicles a day at one checkpoint) by far, small enough to stop typos: every indicator's bound is at most this.</summary>
    public const long MaxFigure = 1_000_000;
    public const int MaxHighlightLength = 500;

    /// <summary>Where a value's error is reported: under <c>values.{code}</c>, or a round-one field's name when it came as one.</summary>
    private sealed record Given(string Code, string Field, decimal Value);

    /// <param name="assigned">The unit's volunteers at the site, for the at-most-assigned rule.</param>
    /// <param name="defaultMargin">The margin of an at-most-assigned rule that names none (Frontline:OnDutyMargin).</param>
    public static ValidCounts? Validate(CountsRequest request, IndicatorSet set, string siteType, int assigned, int defaultMargin, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var usesValues = request.Values is not null;
        var given = new Dictionary<string, Given>(StringComparer.Ordinal);
        string FieldOf(string code) =>
            !usesValues && IndicatorDefaults.LegacyFields.TryGetValue(code, out var legacy) ? legacy : $"values.{code}";

        foreach (var (field, value) in request.LegacyFields)
        {
            if (value is null)
            {
                continue;
            }

            var code = IndicatorDefaults.LegacyFields.First(pair => pair.Value == field).Key;
            if (request.Values?.ContainsKey(code) == true)
            {
                errors[field] = [$"Given twice: as {field} and as values.{code}. Send one."];
                continue;
            }

            given[code] = new Given(code, field, value.Value);
        }

        foreach (var (code, value) in request.Values ?? new Dictionary<string, decimal?>())
        {
            if (value is not null)
            {
                given[code] = new Given(code, $"values.{code}", value.Value);
            }
        }

        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var value in given.Values)
        {
            if (Check(value, set, siteType, errors) is { } ok)
            {
                values[value.Code] = ok;
            }
        }

        foreach (var indicator in set.For(siteType).Where(indicator => indicator.Required && !given.ContainsKey(indicator.Code)))
        {
            errors[FieldOf(indicator.Code)] = [$"Required at a {siteType}: {indicator.NameZh} ({indicator.NameEn}), {Describe(indicator)}."];
        }

        foreach (var rule in set.RulesFor(siteType))
        {
            if (!values.TryGetValue(rule.Code, out var value) || errors.ContainsKey(FieldOf(rule.Code)))
            {
                continue;
            }

            if (rule.Kind == IndicatorRuleKinds.AtMost && rule.AtMost is { } other && values.TryGetValue(other, out var limit) && value > limit)
            {
                errors[FieldOf(rule.Code)] = [$"Cannot be more than {set.Find(other)?.NameEn ?? other} ({Number(limit)})."];
            }
            else if (rule.Kind == IndicatorRuleKinds.AtMostAssigned && value > assigned + (rule.Margin ?? defaultMargin))
            {
                errors[FieldOf(rule.Code)] = [$"The unit has {assigned} volunteers assigned here; at most {assigned + (rule.Margin ?? defaultMargin)} can be on duty."];
            }
        }

        var highlight = Text.Optional(request.Highlight, "highlight", MaxHighlightLength, errors);
        return errors.Count == 0 ? new ValidCounts(new CountFigures(values), highlight, set.Version) : null;
    }

    public static bool TryParseDay(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2100;

    /// <summary>
    /// The value, or null with an error. A value of 0 for an indicator that does not apply to the site's type is
    /// dropped rather than refused: round-one clients send all seven figures everywhere, zeros where nothing was done.
    /// </summary>
    private static decimal? Check(Given value, IndicatorSet set, string siteType, Dictionary<string, string[]> errors)
    {
        var indicator = set.Find(value.Code);
        if (indicator is null)
        {
            errors[value.Field] = ["No indicator has this code; GET /api/indicators lists them."];
            return null;
        }

        if (!indicator.AppliesTo(siteType))
        {
            if (value.Value != 0)
            {
                errors[value.Field] = [indicator.Retired
                    ? $"{indicator.NameEn} is retired; it is no longer reported."
                    : $"{indicator.NameEn} is not reported at a {siteType}; it applies to {string.Join(", ", indicator.SiteTypes)}."];
            }

            return null;
        }

        var decimals = IndicatorKinds.Decimals(indicator.Kind);
        if (decimal.Round(value.Value, decimals) != value.Value)
        {
            errors[value.Field] = [decimals == 0 ? "A whole number." : "At most one decimal place (a half hour is 0.5)."];
            return null;
        }

        if (value.Value < indicator.Min || value.Value > indicator.Max)
        {
            errors[value.Field] = [value.Value < 0 ? "Cannot be negative." : $"From {Number(indicator.Min)} to {Number(indicator.Max)}."];
            return null;
        }

        return value.Value;
    }

    private static string Describe(IndicatorDefinition indicator) =>
        $"{(indicator.Kind == IndicatorKinds.Hours ? "hours to one decimal" : "a whole number")} from {Number(indicator.Min)} to {Number(indicator.Max)}";

    private static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
