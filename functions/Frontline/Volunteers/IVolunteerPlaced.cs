namespace Frontline.Volunteers;

/// <summary>
/// What another slice does once a registration is stored and placed (assigned or waitlisted): the registration
/// processor calls each after its write, on every delivery of the message, so an implementation is idempotent. Declared
/// here so that a slice which reads the directory (Batches/) can follow registrations without this slice depending
/// on it. A failure throws and the message is tried again.
/// </summary>
public interface IVolunteerPlaced
{
    Task PlacedAsync(Volunteer volunteer, CancellationToken cancellationToken);
}
