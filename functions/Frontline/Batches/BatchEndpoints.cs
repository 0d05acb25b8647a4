using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Batches;

/// <summary>
/// A unit's dispatch batches: recorded by its organiser (the unit's Reporter) or a Coordinator, read per unit and per
/// site. Every refusal is decided before anything is written.
/// </summary>
public sealed class BatchEndpoints(
    BatchStore store, BatchPeopleCache batchPeople, CatalogCache catalogCache, VolunteerDirectory directory, PersonalData personalData, TimeProvider time, IOptions<FrontlineOptions> options)
{
    private const int BodyLimitBytes = 32 * 1024;

    public async Task<IResult> ListAsync(HttpRequest request, string unitId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EntityIds.IsValid(unitId))
        {
            errors["unitId"] = ["A unit's id."];
        }

        var day = DayOrToday(request, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.ContainsKey(unitId))
        {
            return Problems.NotFound($"No unit {unitId} (unitId).");
        }

        var batches = (await store.ListAsync(unitId, cancellationToken)).Select(entry => entry.Batch).OrderBy(batch => batch.Id, StringComparer.Ordinal).ToList();
        var active = batches.Where(batch => batch.IsActive).ToList();
        var onDuty = active.Where(batch => batch.IsOnDuty(day)).ToList();
        var people = onDuty.Sum(batch => batch.People);
        var registered = onDuty.Sum(batch => batch.Registered);
        return TypedResults.Ok(new UnitBatches(unitId, day, people, registered, people - registered, active.Sum(batch => batch.People), active.Count,
            batches.Select(BatchView.Of).ToList()));
    }

    public async Task<IResult> CreateAsync(HttpRequest request, Caller caller, string unitId, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(unitId))
        {
            return Problems.Validation("unitId", "A unit's id.");
        }

        var body = await JsonBody.ReadAsync<BatchRequest>(request, cancellationToken, BodyLimitBytes);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (BatchValidation.Validate(body.Value!, out var errors) is not { } draft)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.TryGetValue(unitId, out var unit))
        {
            return Problems.NotFound($"No unit {unitId} (unitId).");
        }

        for (var i = 0; i < draft.Sites.Count; i++)
        {
            if (!catalog.Sites.ContainsKey(draft.Sites[i].SiteId))
            {
                errors[$"sites[{i}].siteId"] = ["No such site."];
            }
            else if (!unit.SiteIds.Contains(draft.Sites[i].SiteId))
            {
                errors[$"sites[{i}].siteId"] = ["The unit does not serve this site."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var existing = await store.ListAsync(unitId, cancellationToken);
        (Batch Batch, Azure.ETag ETag)? replaced = null;
        if (draft.Replaces is { } replacesId)
        {
            if (existing.FirstOrDefault(entry => entry.Batch.Id == replacesId) is not { Batch: not null } found)
            {
                return Problems.Validation("replaces", $"No batch {replacesId} of this unit.");
            }

            if (!found.Batch.IsActive)
            {
                return Problems.Conflict("The batch it replaces is withdrawn.", "replaces: a withdrawn batch is not rotated out; record the batch without replaces.");
            }

            if (found.Batch.ReplacedBy is { } later)
            {
                return Problems.Conflict("The batch it replaces was already replaced.", $"replaces: batch {later} replaced it; replace that one instead.");
            }

            if (draft.From <= found.Batch.To)
            {
                return Problems.Validation("from", $"A rotation starts after the batch it replaces ends ({found.Batch.To:yyyy-MM-dd}); these dates overlap it.");
            }

            if (!found.Batch.Sites.Any(site => draft.Sites.Any(next => next.SiteId == site.SiteId)))
            {
                return Problems.Validation("replaces", "The batch it replaces served none of these sites.");
            }

            replaced = found;
        }

        // One person counts once: a phone already in another batch of the unit on overlapping days is refused, and a
        // phone that is a registered volunteer of the unit is counted as that volunteer, not again.
        var people = new List<BatchPerson>();
        var assignedHere = new List<bool>();
        var placed = new List<bool>();
        for (var i = 0; i < draft.Names.Count; i++)
        {
            var (name, phone, siteId) = draft.Names[i];
            if (phone is null)
            {
                people.Add(new BatchPerson(name, siteId, null, null, false));
                assignedHere.Add(false);
                placed.Add(false);
                continue;
            }

            var hash = personalData.PhoneHash(phone);
            if (existing.FirstOrDefault(entry => entry.Batch.IsActive && entry.Batch.From <= draft.To && draft.From <= entry.Batch.To
                    && entry.Batch.Names.Any(person => person.PhoneHash == hash)) is { Batch: not null } twice)
            {
                return Problems.Conflict("The same person is in another batch on the same days.",
                    $"names[{i}].phone: already listed in batch {twice.Batch.Id} ({twice.Batch.From:yyyy-MM-dd} to {twice.Batch.To:yyyy-MM-dd}); one person counts once.");
            }

            var volunteer = await directory.FindAsync(unitId, hash, cancellationToken);
            var registered = volunteer is { } found && VolunteerStatus.IsCounted(found.Status);
            people.Add(new BatchPerson(name, siteId, personalData.Encrypt(phone), hash, registered));
            assignedHere.Add(registered && volunteer!.Value.SiteId == siteId);
            placed.Add(registered && volunteer!.Value.Status == VolunteerStatus.Assigned && volunteer.Value.SiteId is not null);
        }

        var sites = draft.Sites.Select(site => new BatchSite(site.SiteId, site.People,
            people.Count(person => person.SiteId == site.SiteId && person.Registered),
            people.Where((person, index) => person.SiteId == site.SiteId && assignedHere[index]).Count(),
            people.Where((person, index) => person.SiteId == site.SiteId && placed[index]).Count())).ToList();
        var batch = new Batch(BatchStore.NewId(draft.From), unitId, draft.From, draft.To, sites, people, draft.Replaces, null, BatchStatus.Active,
            caller.Subject, time.GetUtcNow());
        if (BatchStore.SizeProblem(batch) is { } tooLarge)
        {
            return Problems.Validation("names", tooLarge);
        }

        try
        {
            await store.AddAsync(batch, replaced, cancellationToken);
            batchPeople.Forget();
        }
        catch (BatchConflictException conflict)
        {
            return Problems.Conflict("The unit's batches changed meanwhile.", $"replaces: {conflict.Message}");
        }

        audit.Record("unit", unitId).Record("batch", batch.Id).Record("replaces", batch.Replaces)
            .Detail("people", batch.People).Detail("sites", batch.Sites.Count).Detail("registered", batch.Registered);
        return TypedResults.Created($"/{ApiRoutes.Prefix}/units/{unitId}/batches?day={batch.From:yyyy-MM-dd}", BatchView.Of(batch));
    }

    public async Task<IResult> WithdrawAsync(string unitId, string batchId, AuditNotes audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EntityIds.IsValid(unitId))
        {
            errors["unitId"] = ["A unit's id."];
        }

        if (!BatchValidation.IsBatchId(batchId))
        {
            errors["batchId"] = ["A batch id this unit was given (20220317-…)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await store.GetAsync(unitId, batchId, cancellationToken) is not var (batch, etag))
        {
            return Problems.NotFound($"No batch {batchId} of unit {unitId} (batchId).");
        }

        if (!batch.IsActive)
        {
            return Problems.Conflict("The batch is already withdrawn.", $"batchId: {batchId} was withdrawn before.");
        }

        if (batch.ReplacedBy is { } later)
        {
            return Problems.Conflict("A later batch replaces this one.", $"replacedBy: batch {later} replaces it; withdraw that one first.");
        }

        var replaced = batch.Replaces is { } earlier ? await store.GetAsync(unitId, earlier, cancellationToken) : null;
        try
        {
            await store.WithdrawAsync(batch, etag, replaced, time.GetUtcNow(), cancellationToken);
            batchPeople.Forget();
        }
        catch (BatchConflictException conflict)
        {
            return Problems.Conflict("The unit's batches changed meanwhile.", $"batchId: {conflict.Message}");
        }

        audit.Record("unit", unitId).Record("batch", batchId).Detail("people", batch.People);
        return TypedResults.Ok(BatchView.Of(batch with { Status = BatchStatus.Withdrawn }));
    }

    /// <summary>
    /// A site's people on a day: the catalog's assigned volunteers beside the batch people of every unit that serves
    /// the site (one range read per such unit), each person once.
    /// </summary>
    public async Task<IResult> SiteStaffingAsync(HttpRequest request, string siteId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EntityIds.IsValid(siteId))
        {
            errors["siteId"] = ["A site's id."];
        }

        var day = DayOrToday(request, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Sites.TryGetValue(siteId, out var site))
        {
            return Problems.NotFound($"No site {siteId} (siteId).");
        }

        var serving = catalog.Units.Values.Where(unit => unit.SiteIds.Contains(siteId)).OrderBy(unit => unit.Id, StringComparer.Ordinal).ToList();
        var reads = serving.Select(unit => store.AtSiteAsync(unit.Id, siteId, cancellationToken)).ToList();
        var rowsByUnit = await Task.WhenAll(reads);
        var units = serving.Select((unit, index) =>
        {
            var rows = rowsByUnit[index];
            var onDuty = rows.Where(row => row.IsOnDuty(day)).ToList();
            return new SiteUnitStaffing(unit.Id, catalog.AssignedAt(siteId, unit.Id), onDuty.Sum(row => row.People), onDuty.Sum(row => row.RegisteredHere),
                rows.Sum(row => row.People), rows.OrderBy(row => row.BatchId, StringComparer.Ordinal).Select(row => new SiteBatchView(row.BatchId, row.From, row.To, row.People)).ToList());
        }).ToList();
        var fromBatches = units.Sum(unit => unit.OnDutyFromBatches);
        var alsoAssigned = units.Sum(unit => unit.RegisteredHere);
        var people = site.Assigned + fromBatches - alsoAssigned;
        return TypedResults.Ok(new SiteStaffing(site.Id, site.Name, day, site.Needed, site.Assigned, fromBatches, alsoAssigned, people,
            Math.Max(0, site.Needed - people), units.Sum(unit => unit.PersonTimes), units));
    }

    private DateOnly DayOrToday(HttpRequest request, IDictionary<string, string[]> errors) =>
        request.Query["day"] is { Count: > 0 } text ? BatchValidation.Day(text.ToString(), "day", errors) ?? default : options.Value.Today(time);
}
