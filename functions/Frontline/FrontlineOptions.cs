using System.ComponentModel.DataAnnotations;

namespace Frontline;

/// <summary>Settings under <c>Frontline</c>, validated at start so a bad value fails fast with its name.</summary>
public sealed class FrontlineOptions
{
    public const string SectionName = "Frontline";

    /// <summary>The deployment's calendar: what "today" and "a day" mean for counts and bulletins.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Base64 of 32 bytes: encrypts phone numbers at rest (AES-GCM).</summary>
    [Required(ErrorMessage = "Frontline:PersonalDataKey is required (base64 of 32 random bytes).")]
    public string PersonalDataKey { get; set; } = "";

    /// <summary>Comma-separated base64 keys that still decrypt older records while a rotation re-encrypts them.</summary>
    public string PreviousPersonalDataKeys { get; set; } = "";

    /// <summary>Base64 of 32 bytes: keys the phone hash used for de-duplication and lookup. Not rotated casually.</summary>
    [Required(ErrorMessage = "Frontline:PhoneHashKey is required (base64 of 32 random bytes).")]
    public string PhoneHashKey { get; set; } = "";

    /// <summary>
    /// Public registrations one client address may send at once: a room registering from a QR code on one network
    /// (two hundred people within two minutes) fits; a scripted flood empties it within seconds.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RegistrationBurstPerClient { get; set; } = 300;

    /// <summary>How fast a client address's allowance refills, per minute, once its burst is spent.</summary>
    [Range(1, 1_000_000)]
    public int RegistrationsPerMinutePerClient { get; set; } = 100;

    /// <summary>Registrations from one device (the form's device id) in ten minutes: a person and their family, not a script.</summary>
    [Range(1, 1_000_000)]
    public int RegistrationsPerDevicePerTenMinutes { get; set; } = 10;

    /// <summary>Days after which a day's counts are locked unless a coordinator reopens the site's day.</summary>
    [Range(0, 60)]
    public int CountLockDays { get; set; } = 3;

    /// <summary>How many more people a unit may report on duty at a site than it has volunteers assigned there.</summary>
    [Range(0, 100_000)]
    public int OnDutyMargin { get; set; } = 20;

    /// <summary>Local time of day by which a day's counts are due; later ones count as late.</summary>
    public TimeOnly ReportDueTime { get; set; } = new(20, 0);

    /// <summary>A figure this many times its 7-day average (and at least 10 more) is accepted but flagged for review.</summary>
    [Range(1.1, 1000)]
    public double FlagFactor { get; set; } = 3;

    /// <summary>Seed the demo data into an empty store on start (the local host's run command).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Where the seeds are, relative to the host's content root.</summary>
    public string SeedsPath { get; set; } = "../../seeds";

    /// <summary>
    /// The zone of <see cref="TimeZone"/>. A method, not a property: the configuration binder reads every property it
    /// can, and a property that throws for an unknown zone would fail the binding before validation could name the setting.
    /// </summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone()).DateTime);
}
