using System.Globalization;
using Frontline.Http;

namespace Frontline.Volunteers;

/// <summary>The public registration form, as posted to <c>POST /api/registrations</c>.</summary>
public sealed record RegistrationRequest(
    string? Name,
    string? Phone,
    string? WorkUnit,
    bool? PartyMember,
    string? PartyBranch,
    string? HomeCommunity,
    string[]? Skills,
    string? AvailableFrom,
    string? AvailableTo,
    bool? Consent,
    string? Website);

/// <summary>A registration that passed validation, ready to queue; the phone is already normalized.</summary>
public sealed record ValidRegistration(
    string Name,
    string Phone,
    string WorkUnit,
    bool PartyMember,
    string? PartyBranch,
    string? HomeCommunity,
    IReadOnlyList<string> Skills,
    DateOnly AvailableFrom,
    DateOnly AvailableTo);

public static class RegistrationValidation
{
    public const int MaxAvailabilityDays = 366;

    /// <summary>Every field checked at once, so the form can show every problem in one round trip.</summary>
    public static ValidRegistration? Validate(RegistrationRequest request, DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!string.IsNullOrEmpty(request.Website))
        {
            // The honeypot: hidden from people, filled by scripts.
            errors["website"] = ["Leave this field empty."];
        }

        var name = Text.Required(request.Name, "name", 50, errors);
        string phone = "";
        if (string.IsNullOrWhiteSpace(request.Phone))
        {
            errors["phone"] = ["Required."];
        }
        else if (!PhoneNumber.TryNormalize(request.Phone, out phone))
        {
            errors["phone"] = ["Not a mainland China mobile number (11 digits starting 13–19)."];
        }

        var workUnit = Text.Required(request.WorkUnit, "workUnit", 100, errors);
        if (request.PartyMember is null)
        {
            errors["partyMember"] = ["Required: true or false."];
        }

        var branch = Text.Optional(request.PartyBranch, "partyBranch", 100, errors);
        var community = Text.Optional(request.HomeCommunity, "homeCommunity", 100, errors);

        var skills = request.Skills ?? [];
        if (skills.Length == 0)
        {
            errors["skills"] = ["Choose at least one."];
        }
        else if (skills.Length > Volunteers.Skills.All.Count || skills.Any(skill => skill is null || !Volunteers.Skills.All.Contains(skill)))
        {
            errors["skills"] = [$"Only these codes, each once: {string.Join(", ", Volunteers.Skills.All)}."];
        }

        var from = Day(request.AvailableFrom, "availableFrom", errors);
        var to = Day(request.AvailableTo, "availableTo", errors);
        if (from is not null && to is not null)
        {
            if (to < from)
            {
                errors["availableTo"] = ["Must not be before availableFrom."];
            }
            else if (to < today)
            {
                errors["availableTo"] = ["Must not be in the past."];
            }
            else if (to.Value.DayNumber - from.Value.DayNumber > MaxAvailabilityDays)
            {
                errors["availableTo"] = [$"At most {MaxAvailabilityDays} days after availableFrom."];
            }
            else if (from.Value.DayNumber - today.DayNumber > MaxAvailabilityDays)
            {
                errors["availableFrom"] = ["At most a year ahead."];
            }
        }

        if (request.Consent != true)
        {
            errors["consent"] = ["Consent to the use of your data is required to register."];
        }

        return errors.Count == 0
            ? new ValidRegistration(name!, phone, workUnit!, request.PartyMember!.Value, branch, community, skills.Distinct(StringComparer.Ordinal).ToArray(), from!.Value, to!.Value)
            : null;
    }

    private static DateOnly? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
        {
            return day;
        }

        errors[field] = ["A date as yyyy-MM-dd."];
        return null;
    }
}
