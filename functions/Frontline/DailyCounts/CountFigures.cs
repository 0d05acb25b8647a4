using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Frontline.Indicators;

namespace Frontline.DailyCounts;

/// <summary>
/// What a unit reports for a site and a day, or a sum of such reports: a value per indicator code (see
/// <c>Indicators/</c>), in the indicator's unit (people, rounds, vehicles… and hours to one decimal). Which indicators
/// there are is data; nothing here knows them, except the seven aliases below that keep round-one clients working.
/// </summary>
public sealed class CountFigures : IEquatable<CountFigures>
{
    /// <summary>A whole value, stored as it is: <c>V_on_duty</c>.</summary>
    public const string WholePrefix = "V_";

    /// <summary>A value with a decimal (duty hours), stored as tenths so that sums stay exact: <c>T_duty_hours</c>.</summary>
    public const string TenthsPrefix = "T_";

    private static readonly IReadOnlyDictionary<string, string> CodeOfLegacyField =
        IndicatorDefaults.LegacyFields.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    private readonly SortedDictionary<string, decimal> _values;

    [JsonConstructor]
    public CountFigures(IReadOnlyDictionary<string, decimal>? values)
    {
        _values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (code, value) in values ?? new Dictionary<string, decimal>())
        {
            // Without trailing zeros: 32.5 + 0.5 is 33, never 33.0, in JSON, CSV and the bulletin alike.
            _values[code] = value / 1.000000000000000000000000000000000m;
        }
    }

    /// <summary>The seven figures of round one, by their codes (tests and demo data written against them).</summary>
    public CountFigures(long onDuty, long partyMembers, long tested, long peopleChecked, long vehiclesChecked, long suppliesDelivered, long householdsVisited)
        : this(new Dictionary<string, decimal>
        {
            [CodeOfLegacyField["onDuty"]] = onDuty,
            [CodeOfLegacyField["partyMembers"]] = partyMembers,
            [CodeOfLegacyField["tested"]] = tested,
            [CodeOfLegacyField["peopleChecked"]] = peopleChecked,
            [CodeOfLegacyField["vehiclesChecked"]] = vehiclesChecked,
            [CodeOfLegacyField["suppliesDelivered"]] = suppliesDelivered,
            [CodeOfLegacyField["householdsVisited"]] = householdsVisited,
        })
    {
    }

    public static CountFigures Zero { get; } = new((IReadOnlyDictionary<string, decimal>?)null);

    /// <summary>Each indicator's value by code, in code order; an indicator not reported is absent (and reads as 0).</summary>
    public IReadOnlyDictionary<string, decimal> Values => _values;

    public decimal this[string code] => _values.GetValueOrDefault(code);

    // Round one's seven figures as properties, for clients written against them (a unit's own system, the
    // dashboard's older code): each is the value of its code in IndicatorDefaults.LegacyFields.
    public long OnDuty => Legacy("onDuty");

    public long PartyMembers => Legacy("partyMembers");

    public long Tested => Legacy("tested");

    public long PeopleChecked => Legacy("peopleChecked");

    public long VehiclesChecked => Legacy("vehiclesChecked");

    public long SuppliesDelivered => Legacy("suppliesDelivered");

    public long HouseholdsVisited => Legacy("householdsVisited");

    public static CountFigures operator +(CountFigures a, CountFigures b) => Combine(a, b, 1);

    public static CountFigures operator -(CountFigures a, CountFigures b) => Combine(a, b, -1);

    public static CountFigures Add(CountFigures left, CountFigures right) => left + right;

    public static CountFigures Subtract(CountFigures left, CountFigures right) => left - right;

    /// <summary>Each code and value, in code order.</summary>
    public IEnumerable<(string Code, decimal Value)> Named() => _values.Select(pair => (pair.Key, pair.Value));

    /// <summary>
    /// A period's figures from its days' (each already summed over sites), each indicator as its definition says:
    /// <c>sum</c> adds the days, <c>latest</c> takes the last day that has the indicator, <c>max</c> the largest day.
    /// An indicator the set does not know (never the case for stored data, as codes are never deleted once used) adds up.
    /// </summary>
    public static CountFigures OverDays(IEnumerable<CountFigures> days, IndicatorSet set)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var day in days)
        {
            foreach (var (code, value) in day._values)
            {
                values[code] = (set.Find(code)?.Aggregation ?? IndicatorAggregations.Sum) switch
                {
                    IndicatorAggregations.Latest => value,
                    IndicatorAggregations.Max => values.TryGetValue(code, out var top) ? Math.Max(top, value) : value,
                    _ => values.GetValueOrDefault(code) + value,
                };
            }
        }

        return new CountFigures(values);
    }

    /// <summary>Only these codes (a series' or a site type's indicators).</summary>
    public CountFigures Only(IEnumerable<string> codes)
    {
        var keep = codes.ToHashSet(StringComparer.Ordinal);
        return new CountFigures(_values.Where(pair => keep.Contains(pair.Key)).ToDictionary());
    }

    /// <summary>The property a code's value is stored under: <c>-</c> becomes <c>_</c>, which codes never hold, so the mapping is one-to-one.</summary>
    public static string PropertyOf(string code, bool tenths) => (tenths ? TenthsPrefix : WholePrefix) + code.Replace('-', '_');

    /// <summary>
    /// Writes each value as an Int64 property named from its code, whole values as they are and others in tenths, so
    /// a row says what it holds without the definitions (an indicator's kind may change between versions). Rows are
    /// always written whole (replace, never merge), so a value never sits under both names.
    /// </summary>
    internal void WriteTo(TableEntity entity)
    {
        foreach (var (code, value) in _values)
        {
            if (decimal.IsInteger(value))
            {
                entity[PropertyOf(code, tenths: false)] = (long)value;
            }
            else
            {
                entity[PropertyOf(code, tenths: true)] = (long)decimal.Round(value * 10);
            }
        }
    }

    /// <summary>
    /// Reads the values of a row, and the seven round-one properties (<c>OnDuty</c>, …) of a row written before
    /// indicators were data and not migrated yet: both read the same.
    /// </summary>
    internal static CountFigures ReadFrom(TableEntity entity)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, raw) in entity)
        {
            if (raw is not (long or int))
            {
                continue;
            }

            var number = Convert.ToInt64(raw, CultureInfo.InvariantCulture);
            if (name.StartsWith(WholePrefix, StringComparison.Ordinal))
            {
                Accumulate(values, CodeOf(name), number);
            }
            else if (name.StartsWith(TenthsPrefix, StringComparison.Ordinal))
            {
                Accumulate(values, CodeOf(name), number / 10m);
            }
        }

        foreach (var (field, code) in CodeOfLegacyField)
        {
            if (!values.ContainsKey(code) && LegacyValue(entity, field) is { } legacy)
            {
                values[code] = legacy;
            }
        }

        return new CountFigures(values);
    }

    /// <summary>The round-one property a legacy field was stored under (<c>onDuty</c> → <c>OnDuty</c>).</summary>
    public static string LegacyProperty(string field) => char.ToUpperInvariant(field[0]) + field[1..];

    /// <summary>Whether a row still holds round-one properties (the migration rewrites those).</summary>
    internal static bool HasLegacyProperties(TableEntity entity) =>
        CodeOfLegacyField.Keys.Any(field => entity.ContainsKey(LegacyProperty(field)));

    /// <summary>Takes the value properties off a row (both shapes), before it is written again whole.</summary>
    internal static void RemoveFrom(TableEntity entity)
    {
        foreach (var name in entity.Keys.Where(name => name.StartsWith(WholePrefix, StringComparison.Ordinal) || name.StartsWith(TenthsPrefix, StringComparison.Ordinal)).ToList())
        {
            entity.Remove(name);
        }

        foreach (var field in CodeOfLegacyField.Keys)
        {
            entity.Remove(LegacyProperty(field));
        }
    }

    public bool Equals(CountFigures? other) =>
        other is not null && NonZero(this).SequenceEqual(NonZero(other));

    public override bool Equals(object? obj) => Equals(obj as CountFigures);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (code, value) in NonZero(this))
        {
            hash.Add(code);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", _values.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}"))) + "}";

    private static IEnumerable<KeyValuePair<string, decimal>> NonZero(CountFigures figures) => figures._values.Where(pair => pair.Value != 0);

    private long Legacy(string field) => (long)this[CodeOfLegacyField[field]];

    private static string CodeOf(string property) => property[WholePrefix.Length..].Replace('_', '-');

    private static void Accumulate(Dictionary<string, decimal> values, string code, decimal value) =>
        values[code] = values.GetValueOrDefault(code) + value;

    private static long? LegacyValue(TableEntity entity, string field) =>
        entity.TryGetValue(LegacyProperty(field), out var raw) && raw is long or int ? Convert.ToInt64(raw, CultureInfo.InvariantCulture) : null;

    private static CountFigures Combine(CountFigures a, CountFigures b, int sign)
    {
        var values = new Dictionary<string, decimal>(a._values, StringComparer.Ordinal);
        foreach (var (code, value) in b._values)
        {
            values[code] = values.GetValueOrDefault(code) + (sign * value);
        }

        return new CountFigures(values);
    }
}
