using Frontline.Volunteers;
using Microsoft.Extensions.Logging;

namespace Frontline.Batches;

/// <summary>
/// A person a batch lists who registers afterwards is still one person: once the registration is placed, each active
/// batch of the unit that lists the phone marks them registered (the bulletin's unit people then count them as the
/// registered volunteer), and where the directory assigned them to the very site the batch lists them at, that site's
/// <c>RegisteredHere</c> grows by one (the site's <c>assigned</c> counts them already, so the counts' ceiling, the
/// public list and the bulletin add one batch person fewer). The same as recording the batch after the registration
/// would have done. Idempotent: a person marked already is not marked again, so a redelivered registration changes
/// nothing. One range read of the unit's batches per registration of a unit that has any.
/// </summary>
public sealed partial class ListedRegistrations(BatchStore store, BatchPeopleCache batchPeople, ILogger<ListedRegistrations> logger) : IVolunteerPlaced
{
    private static readonly HashSet<string> CountedStatuses = [VolunteerStatus.Received, VolunteerStatus.Assigned, VolunteerStatus.Waitlisted];

    public async Task PlacedAsync(Volunteer volunteer, CancellationToken cancellationToken)
    {
        if (volunteer.UnitId is not { } unitId || !CountedStatuses.Contains(volunteer.Status))
        {
            return;
        }

        foreach (var (batch, etag) in await store.ListAsync(unitId, cancellationToken))
        {
            if (Marked(batch, volunteer) is not { } marked)
            {
                continue;
            }

            var moved = marked.Sites.Where(site => batch.Sites.Single(before => before.SiteId == site.SiteId).RegisteredHere != site.RegisteredHere);
            // Another change to the batch since it was read throws (BatchConflictException): the message is tried again and reads it afresh.
            await store.UpdateRegisteredAsync(marked, etag, moved, cancellationToken);
            batchPeople.Forget();
            LogMarked(logger, volunteer.RegistrationId, batch.Id, unitId);
        }
    }

    /// <summary>The batch with the volunteer's listing marked registered, or null when it does not list them unmarked (or is withdrawn).</summary>
    public static Batch? Marked(Batch batch, Volunteer volunteer)
    {
        if (!batch.IsActive || !batch.Names.Any(person => person.PhoneHash == volunteer.PhoneHash && !person.Registered))
        {
            return null;
        }

        var names = batch.Names.Select(person => person.PhoneHash == volunteer.PhoneHash ? person with { Registered = true } : person).ToList();
        var sites = batch.Sites.Select(site =>
        {
            var newlyHere = batch.Names.Count(person => person.PhoneHash == volunteer.PhoneHash && !person.Registered && person.SiteId == site.SiteId
                && volunteer.Status == VolunteerStatus.Assigned && volunteer.SiteId == site.SiteId);
            return site with
            {
                Registered = names.Count(person => person.SiteId == site.SiteId && person.Registered),
                RegisteredHere = Math.Min(site.People, site.RegisteredHere + newlyHere),
            };
        }).ToList();
        return batch with { Names = names, Sites = sites };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} is a person batch {BatchId} of unit {UnitId} lists: counted once, as the registered volunteer")]
    private static partial void LogMarked(ILogger logger, string registrationId, string batchId, string unitId);
}
