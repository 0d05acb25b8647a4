using System.Globalization;

namespace Frontline.Shifts;

/// <summary>The two shapes a site's pattern takes.</summary>
public static class ShiftPatternKinds
{
    /// <summary>Blocks within the day (8:00–12:00, 12:00–16:00, …); the post is closed between and after them.</summary>
    public const string Day = "day";

    /// <summary>A post kept 24 hours (24小时值守): hand-over times, each shift running to the next, the last to the first next day.</summary>
    public const string RoundTheClock = "round-the-clock";
}

/// <summary>
/// One shift of a pattern, in Beijing time: starts at <see cref="StartMinute"/> after midnight of its day and lasts
/// <see cref="Minutes"/>; a shift of a 24-hour post may end on the next day (16:00–08:00). Times are on the hour or the
/// half hour, so duty hours are whole or half hours, as the <c>duty-hours</c> indicator takes them.
/// </summary>
public sealed record PatternShift(int StartMinute, int Minutes)
{
    /// <summary>"08:00-12:00": the shift's name in answers, stable while the times are.</summary>
    public string Id => $"{Start}-{End}";

    public string Start => ShiftTimes.Format(StartMinute);

    /// <summary>The clock time it ends; "24:00" for a day shift that ends at midnight.</summary>
    public string End => ShiftTimes.Format(StartMinute + Minutes == 1440 ? 1440 : (StartMinute + Minutes) % 1440);

    public decimal Hours => Minutes / 60m;

    /// <summary>Minutes since the epoch day of the shift's start and end, when it is worked on <paramref name="day"/>.</summary>
    public (long From, long To) On(DateOnly day) => ((long)day.DayNumber * 1440 + StartMinute, (long)day.DayNumber * 1440 + StartMinute + Minutes);
}

/// <summary>A site's shift pattern: the shifts its volunteers are put on, each day alike.</summary>
public sealed record ShiftPattern(string SiteId, string Kind, IReadOnlyList<PatternShift> Shifts, IReadOnlyList<string> Handovers, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public PatternShift? Find(int startMinute, int minutes) => Shifts.FirstOrDefault(shift => shift.StartMinute == startMinute && shift.Minutes == minutes);
}

public sealed record ShiftTimesRequest(string? Start, string? End);

/// <summary>
/// <c>PUT /api/sites/{siteId}/shift-pattern</c>: either <c>shifts</c> (blocks within a day, start before end) or
/// <c>handovers</c> (a 24-hour post: the clock times one shift hands over to the next), not both.
/// </summary>
public sealed record ShiftPatternRequest(IReadOnlyList<ShiftTimesRequest?>? Shifts, IReadOnlyList<string?>? Handovers);

/// <summary><c>PUT /api/volunteers/{volunteerId}/shifts/{day}</c>: the volunteer's shifts that day, each one of the site's pattern; empty clears the day.</summary>
public sealed record VolunteerShiftsRequest(IReadOnlyList<ShiftTimesRequest?>? Shifts);

public static class ShiftTimes
{
    /// <summary>"HH:mm" on the hour or half hour; <paramref name="allowMidnightEnd"/> admits "24:00" (a day shift ending at midnight).</summary>
    public static int? Parse(string? text, bool allowMidnightEnd = false)
    {
        if (text is not { Length: 5 } || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes is not (0 or 30))
        {
            return null;
        }

        return hours < 24 || (allowMidnightEnd && hours == 24 && minutes == 0) ? hours * 60 + minutes : null;
    }

    public static string Format(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}

public static class ShiftValidation
{
    /// <summary>Half-hour blocks could make 48; a site's day is not cut finer than an hour.</summary>
    public const int MaxShifts = 24;

    public const int MinMinutes = 60;

    /// <summary>A block within a day is at most 12 hours (the reports' longest is "每天连续8小时"); a 24-hour post's shift may be the whole day.</summary>
    public const int MaxDayShiftMinutes = 12 * 60;

    /// <summary>A person holds at most this many shifts in a day (two 8-hour ones already make 16 hours).</summary>
    public const int MaxShiftsPerDay = 3;

    private const string TimeFormat = "A Beijing time HH:mm on the hour or half hour (08:00, 12:30).";

    public static ShiftPattern? Validate(string siteId, ShiftPatternRequest request, string updatedBy, DateTimeOffset updatedAt, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        var hasShifts = request.Shifts is { Count: > 0 };
        var hasHandovers = request.Handovers is { Count: > 0 };
        if (hasShifts == hasHandovers)
        {
            errors[hasShifts ? "handovers" : "shifts"] = [hasShifts
                ? "Either shifts (blocks within a day) or handovers (a 24-hour post), not both."
                : "Required: shifts ([{\"start\":\"08:00\",\"end\":\"12:00\"}, …]) or, for a 24-hour post, handovers ([\"08:00\",\"16:00\",\"00:00\"])."];
            return null;
        }

        return hasShifts ? DayPattern(siteId, request.Shifts!, updatedBy, updatedAt, errors) : RoundTheClock(siteId, request.Handovers!, updatedBy, updatedAt, errors);
    }

    private static ShiftPattern? DayPattern(string siteId, IReadOnlyList<ShiftTimesRequest?> requested, string updatedBy, DateTimeOffset updatedAt, Dictionary<string, string[]> errors)
    {
        if (requested.Count > MaxShifts)
        {
            errors["shifts"] = [$"At most {MaxShifts} shifts."];
            return null;
        }

        var shifts = new List<(int Index, PatternShift Shift)>();
        for (var i = 0; i < requested.Count; i++)
        {
            var start = ShiftTimes.Parse(requested[i]?.Start);
            var end = ShiftTimes.Parse(requested[i]?.End, allowMidnightEnd: true);
            if (start is null)
            {
                errors[$"shifts[{i}].start"] = [TimeFormat];
            }

            if (end is null)
            {
                errors[$"shifts[{i}].end"] = [TimeFormat + " A shift ending at midnight ends at 24:00."];
            }

            if (start is null || end is null)
            {
                continue;
            }

            if (end <= start)
            {
                // Overnight shifts belong to a 24-hour post, which is given by its hand-over times.
                errors[$"shifts[{i}].end"] = [$"Must be after start ({requested[i]!.Start}): the times are reversed. A post kept overnight is given as handovers."];
            }
            else if (end - start < MinMinutes || end - start > MaxDayShiftMinutes)
            {
                errors[$"shifts[{i}].end"] = [$"A shift lasts from 1 to {MaxDayShiftMinutes / 60} hours."];
            }
            else
            {
                shifts.Add((i, new PatternShift(start.Value, end.Value - start.Value)));
            }
        }

        // The blocks hand over, they do not overlap: so a person's shifts on a day never overlap one another either.
        var ordered = shifts.OrderBy(shift => shift.Shift.StartMinute).ToList();
        for (var k = 1; k < ordered.Count; k++)
        {
            var (before, (index, shift)) = (ordered[k - 1].Shift, ordered[k]);
            if (shift.StartMinute < before.StartMinute + before.Minutes)
            {
                errors[$"shifts[{index}].start"] = [$"Overlaps the shift {before.Start}–{before.End}: a pattern's shifts follow one another."];
            }
        }

        return errors.Count == 0
            ? new ShiftPattern(siteId, ShiftPatternKinds.Day, ordered.Select(shift => shift.Shift).ToList(), [], updatedBy, updatedAt)
            : null;
    }

    private static ShiftPattern? RoundTheClock(string siteId, IReadOnlyList<string?> requested, string updatedBy, DateTimeOffset updatedAt, Dictionary<string, string[]> errors)
    {
        if (requested.Count > MaxShifts)
        {
            errors["handovers"] = [$"At most {MaxShifts} hand-over times."];
            return null;
        }

        var times = new List<int>();
        for (var i = 0; i < requested.Count; i++)
        {
            if (ShiftTimes.Parse(requested[i]) is not { } time)
            {
                errors[$"handovers[{i}]"] = [TimeFormat];
            }
            else if (times.Count > 0 && time <= times[^1])
            {
                errors[$"handovers[{i}]"] = [$"Must be later in the day than {ShiftTimes.Format(times[^1])}: list the hand-overs from the earliest (00:00, 08:00, 16:00)."];
            }
            else if (times.Count > 0 && time - times[^1] < MinMinutes)
            {
                errors[$"handovers[{i}]"] = ["Hand-overs are at least an hour apart."];
            }
            else
            {
                times.Add(time);
            }
        }

        if (errors.Count == 0 && times.Count > 1 && times[0] + 1440 - times[^1] < MinMinutes)
        {
            errors[$"handovers[{times.Count - 1}]"] = [$"The last shift runs to {ShiftTimes.Format(times[0])} the next day: at least an hour."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        // One hand-over time: a single shift of 24 hours.
        var shifts = times.Select((time, k) => new PatternShift(time, (k + 1 < times.Count ? times[k + 1] : times[0] + 1440) - time)).ToList();
        return new ShiftPattern(siteId, ShiftPatternKinds.RoundTheClock, shifts, times.Select(ShiftTimes.Format).ToList(), updatedBy, updatedAt);
    }

    /// <summary>
    /// The shifts a volunteer is asked to work, as (start minute, minutes) by their clock times; the pattern check comes
    /// later, when the volunteer's site is known. Reversed or malformed times and the same shift twice are refused here.
    /// </summary>
    public static List<(int StartMinute, int EndMinute)>? ValidateChoice(VolunteerShiftsRequest request, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        if (request.Shifts is null)
        {
            errors["shifts"] = ["Required: the day's shifts, [{\"start\":\"08:00\",\"end\":\"12:00\"}], or [] for none."];
            return null;
        }

        if (request.Shifts.Count > MaxShiftsPerDay)
        {
            errors["shifts"] = [$"At most {MaxShiftsPerDay} shifts in a day."];
            return null;
        }

        var chosen = new List<(int, int)>();
        for (var i = 0; i < request.Shifts.Count; i++)
        {
            var start = ShiftTimes.Parse(request.Shifts[i]?.Start);
            var end = ShiftTimes.Parse(request.Shifts[i]?.End, allowMidnightEnd: true);
            if (start is null)
            {
                errors[$"shifts[{i}].start"] = [TimeFormat];
            }

            if (end is null)
            {
                errors[$"shifts[{i}].end"] = [TimeFormat];
            }

            if (start is { } from && end is { } to)
            {
                if (chosen.Contains((from, to)))
                {
                    errors[$"shifts[{i}]"] = ["The same shift twice: a person works a shift once."];
                }
                else
                {
                    chosen.Add((from, to));
                }
            }
        }

        return errors.Count == 0 ? chosen : null;
    }

    /// <summary>The pattern's shift with these clock times, or null: a shift not on the pattern.</summary>
    public static PatternShift? OnPattern(ShiftPattern pattern, int startMinute, int endMinute) =>
        pattern.Shifts.FirstOrDefault(shift => shift.StartMinute == startMinute && (shift.StartMinute + shift.Minutes) % 1440 == endMinute % 1440);

    /// <summary>yyyy-MM-dd in the years the rest of the app takes; null otherwise.</summary>
    public static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100 ? day : null;
}

/// <summary>A volunteer's shifts on one day at one site, as stored: the clock times are copied, so a later change of the pattern leaves past days as they were worked.</summary>
public sealed record VolunteerDay(DateOnly Day, string SiteId, string UnitId, string VolunteerId, string Name, IReadOnlyList<PatternShift> Shifts)
{
    public decimal Hours => Shifts.Sum(shift => shift.Hours);
}

public sealed record ShiftView(string Id, string Start, string End, decimal Hours)
{
    public static ShiftView Of(PatternShift shift) => new(shift.Id, shift.Start, shift.End, shift.Hours);
}

/// <param name="Handovers">For a 24-hour post, the hand-over times it was given by; empty for a day pattern.</param>
/// <param name="ETag">Send it back in If-Match to change the pattern only as read.</param>
public sealed record ShiftPatternView(string SiteId, string Kind, IReadOnlyList<ShiftView> Shifts, IReadOnlyList<string> Handovers, decimal HoursCovered, string UpdatedBy, DateTimeOffset UpdatedAt, string ETag)
{
    public static ShiftPatternView Of(ShiftPattern pattern, string etag) => new(pattern.SiteId, pattern.Kind, pattern.Shifts.Select(ShiftView.Of).ToList(), pattern.Handovers,
        pattern.Shifts.Sum(shift => shift.Hours), pattern.UpdatedBy, pattern.UpdatedAt, etag);
}

/// <summary>A volunteer's day: where, which shifts, how many hours.</summary>
public sealed record VolunteerDayView(DateOnly Day, string SiteId, IReadOnlyList<ShiftView> Shifts, decimal Hours)
{
    public static VolunteerDayView Of(VolunteerDay day) => new(day.Day, day.SiteId, day.Shifts.Select(ShiftView.Of).ToList(), day.Hours);
}

/// <summary>A volunteer's shifts over some days, with their duty hours and shifts (人次) in total.</summary>
public sealed record VolunteerShifts(string VolunteerId, string Name, string? UnitId, string? SiteId, DateOnly From, DateOnly To, IReadOnlyList<VolunteerDayView> Days, decimal Hours, int Shifts);

/// <param name="VolunteerId">A registered volunteer's id, or for a person a dispatch batch names, their batch person id (<c>b-…</c>).</param>
/// <param name="FromBatch">A person a dispatch batch names who is not a registered volunteer.</param>
public sealed record RosterPerson(string VolunteerId, string Name, string UnitId, bool FromBatch = false);

/// <param name="OnPattern">False for a shift worked on a pattern the site has changed since.</param>
public sealed record ShiftRoster(string Id, string Start, string End, decimal Hours, bool OnPattern, int People, IReadOnlyList<RosterPerson> Who);

public sealed record UnitDuty(string UnitId, int People, int PersonTimes, decimal DutyHours);

/// <summary>
/// A site's roster on a day and what it adds up to: <c>people</c> on duty (each once), <c>personTimes</c> the shifts
/// worked (人次: one person on two shifts is two), and <c>dutyHours</c> the hours on duty summed over people, the figure
/// a unit reports as the <c>duty-hours</c> indicator (<c>indicator</c>) for the site and day. Shifts are counted on the
/// day they start. A Reporter sees their own unit's people only (<c>unitId</c>).
/// </summary>
public sealed record SiteDuty(
    string SiteId, string SiteName, DateOnly Day, string? UnitId, string? PatternKind, IReadOnlyList<ShiftRoster> Shifts,
    int People, int PersonTimes, decimal DutyHours, string Indicator, IReadOnlyList<UnitDuty> Units);
