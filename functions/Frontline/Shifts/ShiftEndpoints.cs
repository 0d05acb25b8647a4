using Azure;
using Frontline.Batches;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Shifts;

/// <summary>
/// Sites' shift patterns (Coordinators set them), volunteers' shifts on a day (a unit's Reporter for the unit's own
/// people, Coordinators for anyone's) and a site's duty on a day. A person a dispatch batch names who never registered
/// has shifts too, under their batch person id (<see cref="BatchPersonId"/>), at the site the batch lists them at and on
/// the batch's days. Every refusal is decided before anything is written.
/// </summary>
public sealed class ShiftEndpoints(ShiftStore store, CatalogCache catalogCache, VolunteerStore volunteers, BatchStore batches, PersonalData personalData, TimeProvider time, IOptions<FrontlineOptions> options)
{
    /// <summary>The code of the indicator the duty hours are reported as (Indicators/IndicatorDefaults).</summary>
    public const string DutyHoursIndicator = "duty-hours";

    /// <summary>Shifts are recorded for the past year (a deployment's record) and planned up to two months ahead.</summary>
    public const int DaysBack = 366;
    public const int DaysAhead = 62;

    /// <summary>A volunteer's shifts are read at most this many days at a time.</summary>
    public const int MaxReadDays = 62;

    public async Task<IResult> GetPatternAsync(HttpRequest request, string siteId, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(siteId))
        {
            return Problems.Validation("siteId", "A site's id.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Sites.ContainsKey(siteId))
        {
            return Problems.NotFound($"No site {siteId} (siteId).");
        }

        if (await store.GetPatternAsync(siteId, cancellationToken) is not var (pattern, etag))
        {
            return Problems.NotFound($"Site {siteId} has no shift pattern yet (siteId): a Coordinator sets it.");
        }

        request.HttpContext.Response.Headers.ETag = etag.ToString();
        return TypedResults.Ok(ShiftPatternView.Of(pattern, etag.ToString()));
    }

    /// <summary>
    /// Sets a site's pattern. With If-Match, only over the pattern as read (412 when it changed); with If-None-Match: *,
    /// only where the site has none (412 when it has). The same pattern again writes nothing. Days already recorded keep their clock times; later days are chosen from the new pattern.
    /// </summary>
    public async Task<IResult> PutPatternAsync(HttpRequest request, Caller caller, string siteId, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(siteId))
        {
            return Problems.Validation("siteId", "A site's id.");
        }

        ETag? ifMatch = request.Headers.IfMatch.ToString() is { Length: > 0 } header && header != "*" ? new ETag(header) : null;
        // If-None-Match: * sets a first pattern only: the office filled its form while the site had none, and a pattern
        // set meanwhile by someone else must not be overwritten unasked.
        var firstOnly = request.Headers.IfNoneMatch.ToString().Trim() == "*";
        var body = await JsonBody.ReadAsync<ShiftPatternRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ShiftValidation.Validate(siteId, body.Value!, caller.Name ?? caller.Subject, time.GetUtcNow(), out var errors) is not { } pattern)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Sites.ContainsKey(siteId))
        {
            return Problems.NotFound($"No site {siteId} (siteId).");
        }

        var current = await store.GetPatternAsync(siteId, cancellationToken);
        if (firstOnly && current is not null)
        {
            return Problems.Status(StatusCodes.Status412PreconditionFailed, "The site has a pattern now.",
                "If-None-Match: a pattern was set since the form was filled; read it (GET …/shift-pattern) and make the change on it.");
        }

        if (ifMatch is { } expected && (current is not { } read || read.ETag != expected))
        {
            return Problems.Status(StatusCodes.Status412PreconditionFailed, "The pattern changed since it was read.",
                "If-Match: read the pattern again (GET …/shift-pattern answers its ETag) and make the change on it.");
        }

        audit.Record("site", siteId).Detail("kind", pattern.Kind).Detail("shifts", pattern.Shifts.Count);
        if (current is var (same, sameETag) && same.Kind == pattern.Kind && same.Shifts.SequenceEqual(pattern.Shifts))
        {
            request.HttpContext.Response.Headers.ETag = sameETag.ToString();
            return TypedResults.Ok(ShiftPatternView.Of(same, sameETag.ToString()));
        }

        ETag written;
        try
        {
            written = await store.PutPatternAsync(pattern, ifMatch, firstOnly, cancellationToken);
        }
        catch (ShiftConflictException conflict)
        {
            return Problems.Status(StatusCodes.Status412PreconditionFailed, conflict.Message, "If-Match: read the pattern again and make the change on it.");
        }

        request.HttpContext.Response.Headers.ETag = written.ToString();
        return TypedResults.Ok(ShiftPatternView.Of(pattern, written.ToString()));
    }

    /// <summary>
    /// Sets a volunteer's shifts on a day at their site: each one of the site's pattern, none overlapping another of
    /// theirs (a night shift the day before runs into this day). The same shifts again change nothing.
    /// </summary>
    public async Task<IResult> PutDayAsync(HttpRequest request, Caller caller, string volunteerId, string dayText, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!IsPersonId(volunteerId))
        {
            return Problems.NotFound("No such volunteer (volunteerId).");
        }

        var today = options.Value.Today(time);
        if (ShiftValidation.Day(dayText) is not { } day)
        {
            return Problems.Validation("day", "A day, yyyy-MM-dd.");
        }

        if (day < today.AddDays(-DaysBack) || day > today.AddDays(DaysAhead))
        {
            return Problems.Validation("day", $"From {DaysBack} days back to {DaysAhead} days ahead.");
        }

        var body = await JsonBody.ReadAsync<VolunteerShiftsRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ShiftValidation.ValidateChoice(body.Value!, out var errors) is not { } chosen)
        {
            return Problems.Validation(errors);
        }

        var (person, refusal) = await PersonAsync(caller, volunteerId, "set", cancellationToken);
        if (person is null)
        {
            return refusal!;
        }

        if (person.Batch is { } batch)
        {
            if (!batch.IsActive)
            {
                return Problems.Conflict("The person's batch was withdrawn.", "volunteerId: a withdrawn batch's people have no shifts.");
            }

            if (day < batch.From || day > batch.To)
            {
                return Problems.Conflict("The person's batch does not serve that day.", $"day: batch {batch.Id} serves from {batch.From:yyyy-MM-dd} to {batch.To:yyyy-MM-dd}.");
            }
        }
        else if (!person.Assigned)
        {
            return Problems.Conflict("The volunteer is not assigned to a site.", "volunteerId: shifts are at the site a volunteer is assigned to.");
        }

        var (personKey, siteId, unitId) = (person.Key, person.SiteId!, person.UnitId);

        var shifts = new List<PatternShift>();
        if (chosen.Count > 0)
        {
            if (await store.GetPatternAsync(siteId, cancellationToken) is not var (pattern, _))
            {
                return Problems.Conflict("The volunteer's site has no shift pattern yet.", $"siteId: a Coordinator sets {siteId}'s pattern first.");
            }

            for (var i = 0; i < chosen.Count; i++)
            {
                if (ShiftValidation.OnPattern(pattern, chosen[i].StartMinute, chosen[i].EndMinute) is { } shift)
                {
                    shifts.Add(shift);
                }
                else
                {
                    errors[$"shifts[{i}]"] = [$"Not a shift of {siteId}'s pattern ({string.Join(", ", pattern.Shifts.Select(known => known.Id))})."];
                }
            }

            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }
        }

        // The day before and after as well: a 24-hour post's night shift crosses midnight.
        var (days, writes) = await store.ReadVolunteerAsync(personKey, day.AddDays(-1), day.AddDays(1), cancellationToken);
        var previous = days.FirstOrDefault(known => known.Day == day);
        for (var i = 0; i < shifts.Count; i++)
        {
            var (from, to) = shifts[i].On(day);
            foreach (var other in days.Where(known => known.Day != day))
            {
                if (other.Shifts.FirstOrDefault(taken => taken.On(other.Day) is var (otherFrom, otherTo) && from < otherTo && otherFrom < to) is { } clash)
                {
                    return Problems.Conflict("The shift overlaps another of the same person.",
                        $"shifts[{i}]: {shifts[i].Id} overlaps their shift {clash.Id} of {other.Day:yyyy-MM-dd} at {other.SiteId}.");
                }
            }

            for (var j = 0; j < i; j++)
            {
                var (otherFrom, otherTo) = shifts[j].On(day);
                if (from < otherTo && otherFrom < to)
                {
                    return Problems.Validation($"shifts[{i}]", $"Overlaps the shift {shifts[j].Id} chosen before it.");
                }
            }
        }

        var next = new VolunteerDay(day, siteId, unitId, person.VolunteerId, person.Name, shifts.OrderBy(shift => shift.StartMinute).ToList());
        audit.Record("volunteer", volunteerId).Record("site", siteId).Record("unit", unitId).Detail("day", day.ToString("yyyy-MM-dd")).Detail("shifts", shifts.Count);
        if (previous is null ? shifts.Count == 0 : previous.SiteId == siteId && previous.Shifts.SequenceEqual(next.Shifts))
        {
            // As asked already: only the site's copy is written again, in case an earlier try stopped between the two.
            await store.CopyToRosterAsync(personKey, next, cancellationToken);
            return TypedResults.Ok(VolunteerDayView.Of(next));
        }

        try
        {
            await store.SetDayAsync(personKey, next, previous, writes, cancellationToken);
        }
        catch (ShiftConflictException conflict)
        {
            return Problems.Conflict("The volunteer's shifts changed meanwhile.", $"shifts: {conflict.Message}");
        }

        return TypedResults.Ok(VolunteerDayView.Of(next));
    }

    public async Task<IResult> ListAsync(HttpRequest request, Caller caller, string volunteerId, CancellationToken cancellationToken)
    {
        if (!IsPersonId(volunteerId))
        {
            return Problems.NotFound("No such volunteer (volunteerId).");
        }

        var errors = new Dictionary<string, string[]>();
        var today = options.Value.Today(time);
        var from = QueryDay(request, "from", today.AddDays(-7), errors);
        var to = QueryDay(request, "to", today.AddDays(7), errors);
        if (errors.Count == 0 && to < from)
        {
            errors["to"] = ["Must not be before from: the dates are reversed."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= MaxReadDays)
        {
            errors["to"] = [$"At most {MaxReadDays} days from from."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (person, refusal) = await PersonAsync(caller, volunteerId, "see", cancellationToken);
        if (person is null)
        {
            return refusal!;
        }

        var (days, _) = await store.ReadVolunteerAsync(person.Key, from, to, cancellationToken);
        var ordered = days.OrderBy(known => known.Day).ToList();
        return TypedResults.Ok(new VolunteerShifts(volunteerId, person.Name, person.UnitId, person.SiteId, from, to, ordered.Select(VolunteerDayView.Of).ToList(),
            ordered.Sum(known => known.Hours), ordered.Sum(known => known.Shifts.Count)));
    }

    /// <summary>
    /// Drops the shifts of people whose batch was withdrawn since (a withdrawn batch counts nowhere): for each unit with
    /// batch people on the roster, one range read of the unit's batches at the site, which lists those not withdrawn.
    /// </summary>
    private async Task<List<VolunteerDay>> WithoutWithdrawnBatchesAsync(List<VolunteerDay> roster, string siteId, CancellationToken cancellationToken)
    {
        var units = roster.Select(row => BatchPersonId.TryParse(row.VolunteerId, out var id) ? id.UnitId : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (units.Count == 0)
        {
            return roster;
        }

        var reads = units.Select(async unit => (await batches.AtSiteAsync(unit, siteId, cancellationToken)).Select(row => (unit, row.BatchId)));
        var active = (await Task.WhenAll(reads)).SelectMany(rows => rows).ToHashSet();
        return roster.Where(row => !BatchPersonId.TryParse(row.VolunteerId, out var id) || active.Contains((id.UnitId, id.BatchId))).ToList();
    }

    /// <summary>A volunteer's registration id or a batch person's id, by its shape alone: a made-up id reads nothing.</summary>
    private bool IsPersonId(string volunteerId) => personalData.TryOpenRegistrationId(volunteerId, out _) || BatchPersonId.TryParse(volunteerId, out _);

    /// <summary>
    /// Whom the id names, with their unit checked against the caller. A registered volunteer: one point read of the
    /// Volunteers table. A batch person: the unit is in the id, so a Reporter of another unit is refused before
    /// anything is read; then one point read of the batch. A listed person who is a registered volunteer has their
    /// shifts under their own volunteer id, so that nobody is on a roster twice.
    /// </summary>
    private async Task<(ShiftPerson? Person, IResult? Refusal)> PersonAsync(Caller caller, string volunteerId, string verb, CancellationToken cancellationToken)
    {
        // A registration id is AES-GCM sealed, so it is tried first: a batch person id never opens as one.
        if (personalData.TryOpenRegistrationId(volunteerId, out var phoneHash))
        {
            if (await volunteers.GetAsync(phoneHash, cancellationToken) is not { } volunteer || volunteer.RegistrationId != volunteerId)
            {
                return (null, Problems.NotFound("No such volunteer (volunteerId)."));
            }

            if (!caller.IsCoordinator && !caller.IsReporterOf(volunteer.UnitId ?? ""))
            {
                return (null, Problems.Forbidden($"Reporters {verb} the shifts of their own unit's people only."));
            }

            var assigned = volunteer.Status == VolunteerStatus.Assigned && volunteer.SiteId is not null && volunteer.UnitId is not null;
            return (new ShiftPerson(phoneHash, volunteerId, volunteer.Name, volunteer.UnitId ?? "", volunteer.SiteId, assigned, null), null);
        }

        if (!BatchPersonId.TryParse(volunteerId, out var id))
        {
            return (null, Problems.NotFound("No such volunteer (volunteerId)."));
        }

        if (!caller.IsCoordinator && !caller.IsReporterOf(id.UnitId))
        {
            return (null, Problems.Forbidden($"Reporters {verb} the shifts of their own unit's people only."));
        }

        if (await batches.GetAsync(id.UnitId, id.BatchId, cancellationToken) is not var (batch, _) || id.Number > batch.Names.Count)
        {
            return (null, Problems.NotFound("No such person in that batch (volunteerId)."));
        }

        var named = batch.Names[id.Number - 1];
        if (named.Registered)
        {
            return (null, Problems.Conflict("The person is a registered volunteer of the unit.",
                "volunteerId: their shifts go by their own volunteer id, so that they are on a roster once."));
        }

        return (new ShiftPerson(id.ShiftKey, volunteerId, named.Name, batch.UnitId, named.SiteId, batch.IsActive, batch), null);
    }

    /// <summary>Whom a shift route's <c>{volunteerId}</c> names.</summary>
    /// <param name="Key">Their key in the Shifts table: a volunteer's phone hash, or a batch person's <see cref="BatchPersonId.ShiftKey"/>.</param>
    /// <param name="Assigned">A volunteer assigned to a site; for a batch person, a batch not withdrawn.</param>
    /// <param name="Batch">The batch that names them, for a batch person.</param>
    private sealed record ShiftPerson(string Key, string VolunteerId, string Name, string UnitId, string? SiteId, bool Assigned, Batch? Batch);

    /// <summary>
    /// A site's roster on a day (one partition) beside its pattern: per shift, who; in total, people, shifts worked
    /// (人次) and duty hours. A Reporter reads it for a site their unit serves and sees their unit's people only;
    /// a Coordinator sees every unit's, or one unit's with <c>?unitId=</c>.
    /// </summary>
    public async Task<IResult> DutyAsync(HttpRequest request, Caller caller, string siteId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EntityIds.IsValid(siteId))
        {
            errors["siteId"] = ["A site's id."];
        }

        var day = QueryDay(request, "day", options.Value.Today(time), errors);
        string? unitId = request.Query["unitId"].ToString() is { Length: > 0 } asked ? asked : null;
        if (unitId is not null && !EntityIds.IsValid(unitId))
        {
            errors["unitId"] = ["A unit's id."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Sites.TryGetValue(siteId, out var site))
        {
            return Problems.NotFound($"No site {siteId} (siteId).");
        }

        if (!caller.IsCoordinator)
        {
            if (unitId is not null && !caller.IsReporterOf(unitId))
            {
                return Problems.Forbidden("Reporters read their own unit's duty only (unitId).");
            }

            unitId = caller.UnitId ?? "";
            if (!catalog.Units.TryGetValue(unitId, out var own) || !own.SiteIds.Contains(siteId))
            {
                return Problems.Forbidden("Reporters read the duty of the sites their unit serves only (siteId).");
            }
        }
        else if (unitId is not null && !catalog.Units.ContainsKey(unitId))
        {
            return Problems.NotFound($"No unit {unitId} (unitId).");
        }

        var patternRead = store.GetPatternAsync(siteId, cancellationToken);
        var rosterRead = store.RosterAsync(siteId, day, cancellationToken);
        var pattern = (await patternRead)?.Pattern;
        var roster = (await rosterRead).Where(row => unitId is null || row.UnitId == unitId).OrderBy(row => row.Name, StringComparer.Ordinal).ToList();
        roster = await WithoutWithdrawnBatchesAsync(roster, siteId, cancellationToken);

        // The pattern's shifts, and any worked on a pattern the site has changed since.
        var shifts = (pattern?.Shifts ?? []).Concat(roster.SelectMany(row => row.Shifts)).Distinct().OrderBy(shift => shift.StartMinute).ThenBy(shift => shift.Minutes).ToList();
        var rosters = shifts.Select(shift =>
        {
            var who = roster.Where(row => row.Shifts.Contains(shift))
                .Select(row => new RosterPerson(row.VolunteerId, row.Name, row.UnitId, BatchPersonId.TryParse(row.VolunteerId, out _))).ToList();
            return new ShiftRoster(shift.Id, shift.Start, shift.End, shift.Hours, pattern?.Shifts.Contains(shift) == true, who.Count, who);
        }).ToList();
        var units = roster.GroupBy(row => row.UnitId, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new UnitDuty(group.Key, group.Count(), group.Sum(row => row.Shifts.Count), group.Sum(row => row.Hours))).ToList();
        return TypedResults.Ok(new SiteDuty(site.Id, site.Name, day, unitId, pattern?.Kind, rosters, roster.Count, roster.Sum(row => row.Shifts.Count),
            roster.Sum(row => row.Hours), DutyHoursIndicator, units));
    }

    private static DateOnly QueryDay(HttpRequest request, string name, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (request.Query[name] is not { Count: > 0 } text)
        {
            return fallback;
        }

        if (ShiftValidation.Day(text.ToString()) is { } day)
        {
            return day;
        }

        errors[name] = ["A day, yyyy-MM-dd."];
        return fallback;
    }
}
