namespace Frontline.Volunteers;

/// <summary>
/// What another slice does once a registration is placed (joined the ledger: assigned or waitlisted): the registration
/// processor calls each beside its directory write, on every delivery of the message, so an implementation is
/// idempotent and must not rely on the directory row being there yet. Declared here so that a slice which follows
/// registrations (Batches/) does so without this slice depending on it. A failure throws and the message is tried again.
/// </summary>
public interface IVolunteerPlaced
{
    Task PlacedAsync(Volunteer volunteer, CancellationToken cancellationToken);
}
