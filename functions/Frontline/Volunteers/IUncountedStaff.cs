namespace Frontline.Volunteers;

/// <summary>
/// People serving at sites whom the deployment ledger's counters do not count (a unit's dispatch batches: Batches/),
/// so that a new registration is not sent to a site a batch already staffs. Declared here so that this slice asks
/// without depending on the slice that knows. Asked on every registration, so it answers from memory at once: the answer
/// may be minutes old, and is empty when it has not been read yet or cannot be.
/// </summary>
public interface IUncountedStaff
{
    /// <summary>By site id, the people on duty at the site on <paramref name="day"/> beyond its <c>assigned</c>; a site with none is absent.</summary>
    IReadOnlyDictionary<string, int> AtSites(DateOnly day);
}
