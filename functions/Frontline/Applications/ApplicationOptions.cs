using System.ComponentModel.DataAnnotations;

namespace Frontline.Applications;

/// <summary>Settings under <c>Frontline:Applications</c>: units' own systems calling with app-only tokens.</summary>
public sealed class ApplicationOptions
{
    public const string SectionName = "Frontline:Applications";

    /// <summary>
    /// Writes one application may make per minute on one instance (token bucket, refilled every second). A unit's
    /// system reports a few hundred sites an evening; this keeps a looping script from crowding out the people.
    /// </summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>
    /// How long an instance trusts the binding it read (or its absence). An unbinding reaches the instance that made it
    /// at once and the others within this bound; binding a new app likewise.
    /// </summary>
    [Range(0, 600)]
    public int BindingCacheSeconds { get; set; } = 30;
}
