using Frontline.Volunteers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Batches;

/// <summary>
/// A person a batch lists who registers afterwards is still one person: once the registration is placed, each active
/// batch of the unit that lists the phone and is not over before the day they registered marks them registered, on
/// that day (the bulletin's unit people then count them as the registered volunteer; a bulletin of an earlier period
/// still counts them as the batch person they then were, <see cref="Batch.AsOf"/>), and where the directory placed
/// them at the very site the batch lists them at, that site's <c>RegisteredHere</c> grows by one (the site's
/// <c>assigned</c> counts them already, so the counts' ceiling, the public list and the staffing read add one batch
/// person fewer). The same as recording the batch after the registration would have done. Idempotent: a person marked
/// already is not marked again, so a redelivered registration changes nothing. One range read of the unit's batches
/// per registration, read again when another change to a batch came first.
/// </summary>
public sealed partial class ListedRegistrations(BatchStore store, IOptions<FrontlineOptions> options, ILogger<ListedRegistrations> logger)
    : IVolunteerPlaced
{
    /// <summary>
    /// Reads and tries again this often when a batch changed between the read and the write (people listed in one
    /// batch registering in the same second each rewrite its row); past that the registration's message is tried again.
    /// </summary>
    private const int Tries = 4;

    public async Task PlacedAsync(Volunteer volunteer, CancellationToken cancellationToken)
    {
        if (volunteer.UnitId is not { } unitId || !VolunteerStatus.IsCounted(volunteer.Status))
        {
            return;
        }

        var registeredOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(volunteer.RegisteredAt, options.Value.Zone()).DateTime);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MarkAsync(unitId, volunteer, registeredOn, cancellationToken);
                return;
            }
            catch (BatchConflictException) when (attempt < Tries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 100) * attempt), cancellationToken);
            }
        }
    }

    private async Task MarkAsync(string unitId, Volunteer volunteer, DateOnly registeredOn, CancellationToken cancellationToken)
    {
        foreach (var (batch, etag) in await store.ListAsync(unitId, cancellationToken))
        {
            if (batch.To < registeredOn || Marked(batch, volunteer, registeredOn) is not { } marked)
            {
                continue;
            }

            var moved = marked.Sites.Where(site => batch.Sites.Single(before => before.SiteId == site.SiteId) != site);
            // The public list's cache is not told: the mark moves a site's figure by one, and it is at most minutes old
            // anyway; forgetting it would make the next registrations' choice of site wait for a read of the whole table.
            await store.UpdateRegisteredAsync(marked, etag, moved, cancellationToken);
            LogMarked(logger, volunteer.RegistrationId, batch.Id, unitId);
        }
    }

    /// <summary>The batch with the volunteer's listing marked registered on <paramref name="registeredOn"/>, or null when it does not list them unmarked (or is withdrawn).</summary>
    public static Batch? Marked(Batch batch, Volunteer volunteer, DateOnly registeredOn)
    {
        bool Listed(BatchPerson person) => person.PhoneHash == volunteer.PhoneHash && !person.Registered;
        if (!batch.IsActive || !batch.Names.Any(Listed))
        {
            return null;
        }

        bool PlacedAt(string siteId) => volunteer.Status == VolunteerStatus.Assigned && volunteer.SiteId == siteId;
        var names = batch.Names.Select(person => Listed(person)
            ? person with { Registered = true, RegisteredOn = registeredOn, RegisteredOnHere = PlacedAt(person.SiteId) }
            : person).ToList();
        var sites = batch.Sites.Select(site => site with
        {
            Registered = names.Count(person => person.SiteId == site.SiteId && person.Registered),
            RegisteredHere = Math.Min(site.People, site.RegisteredHere + batch.Names.Count(person => Listed(person) && person.SiteId == site.SiteId && PlacedAt(site.SiteId))),
            Placed = Math.Min(site.People, site.PlacedOrHere + (volunteer.Status == VolunteerStatus.Assigned && volunteer.SiteId is not null
                ? batch.Names.Count(person => Listed(person) && person.SiteId == site.SiteId) : 0)),
        }).ToList();
        return batch with { Names = names, Sites = sites };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} is a person batch {BatchId} of unit {UnitId} lists: counted once, as the registered volunteer")]
    private static partial void LogMarked(ILogger logger, string registrationId, string batchId, string unitId);
}
