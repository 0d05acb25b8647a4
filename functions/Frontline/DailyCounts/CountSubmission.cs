using System.Globalization;
using System.Text.Json.Serialization;
using Frontline.Http;

namespace Frontline.DailyCounts;

/// <summary>The body of <c>PUT /api/sites/{siteId}/counts/{day}</c>: what a unit's people did at a site that day.</summary>
public sealed record CountsRequest(
    long? OnDuty,
    long? PartyMembers,
    long? Tested,
    long? PeopleChecked,
    long? VehiclesChecked,
    long? SuppliesDelivered,
    long? HouseholdsVisited,
    string? Highlight);

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
    string? Highlight)
{
    /// <summary>The row's figures as a single submission; not part of the wire format (nor of the OpenAPI schema).</summary>
    [JsonIgnore]
    public CountsRequest Counts => new(OnDuty, PartyMembers, Tested, PeopleChecked, VehiclesChecked, SuppliesDelivered, HouseholdsVisited, Highlight);
}

public sealed record ValidCounts(CountFigures Figures, string? Highlight);

public static class CountValidation
{
    /// <summary>Larger than any figure in the reports (20,000 vehicles a day at one checkpoint) by far, small enough to stop typos.</summary>
    public const long MaxFigure = 1_000_000;
    public const int MaxHighlightLength = 500;

    public static readonly string[] FigureFields = ["onDuty", "partyMembers", "tested", "peopleChecked", "vehiclesChecked", "suppliesDelivered", "householdsVisited"];

    /// <summary>The rules that need no storage: present, whole, not negative, not absurd; party members among those on duty.</summary>
    public static ValidCounts? Validate(CountsRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        long[] values = [Figure(request.OnDuty, "onDuty", errors), Figure(request.PartyMembers, "partyMembers", errors), Figure(request.Tested, "tested", errors),
            Figure(request.PeopleChecked, "peopleChecked", errors), Figure(request.VehiclesChecked, "vehiclesChecked", errors),
            Figure(request.SuppliesDelivered, "suppliesDelivered", errors), Figure(request.HouseholdsVisited, "householdsVisited", errors)];
        if (!errors.ContainsKey("onDuty") && !errors.ContainsKey("partyMembers") && values[1] > values[0])
        {
            errors["partyMembers"] = ["Cannot be more than the people on duty."];
        }

        var highlight = Text.Optional(request.Highlight, "highlight", MaxHighlightLength, errors);
        return errors.Count == 0
            ? new ValidCounts(new CountFigures(values[0], values[1], values[2], values[3], values[4], values[5], values[6]), highlight)
            : null;
    }

    public static bool TryParseDay(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2100;

    private static long Figure(long? value, string field, Dictionary<string, string[]> errors)
    {
        switch (value)
        {
            case null:
                errors[field] = ["Required: a whole number, 0 or more."];
                return 0;
            case < 0:
                errors[field] = ["Cannot be negative."];
                return 0;
            case > MaxFigure:
                errors[field] = [$"At most {MaxFigure}."];
                return 0;
            default:
                return value.Value;
        }
    }
}
