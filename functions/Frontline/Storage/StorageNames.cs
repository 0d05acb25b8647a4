namespace Frontline.Storage;

/// <summary>Table names, shared by both hosts and the Bicep template so they cannot drift.</summary>
public static class TableNames
{
    public const string Volunteers = "Volunteers";
    public const string Deployment = "Deployment";
    public const string DailyCounts = "DailyCounts";
    public const string RollUps = "RollUps";
    public const string Bulletins = "Bulletins";

    /// <summary>The coordinators' list of volunteers: one small row per volunteer, partitioned by unit.</summary>
    public const string VolunteerDirectory = "VolunteerDirectory";

    /// <summary>Notifications the default sender records instead of sending (reminders to units).</summary>
    public const string Outbox = "Outbox";

    /// <summary>The last failure reason of each queue message that failed, keyed by queue and message content.</summary>
    public const string QueueFailures = "QueueFailures";

    /// <summary>Units' pieces for the bulletin (稿件), by the day they concern.</summary>
    public const string Contributions = "Contributions";

    /// <summary>Entra ID applications bound to a unit, by client id (Applications/).</summary>
    public const string ApplicationBindings = "ApplicationBindings";

    /// <summary>Idempotency keys of submissions and the first answer to replay, by a hash of caller and key.</summary>
    public const string IdempotencyKeys = "IdempotencyKeys";

    /// <summary>The area tree (省 → 市 → 区县 → 街道乡镇 → 社区) and the area each site is in (Areas/AreaStore).</summary>
    public const string Areas = "Areas";

    /// <summary>The indicator definition set: the current version, every version as written, and which indicators have data (Indicators/).</summary>
    public const string Indicators = "Indicators";

    /// <summary>Who did which sensitive action, when, from where and on which records: a partition per day, insert only (Audit/).</summary>
    public const string AuditTrail = "AuditTrail";

    /// <summary>Units' dispatch batches (派出批次): a partition per unit, the batches and their people per site (Batches/).</summary>
    public const string DispatchBatches = "DispatchBatches";

    /// <summary>Sites' shift patterns, volunteers' shifts by day and each site's roster by day (Shifts/ShiftStore).</summary>
    public const string Shifts = "Shifts";

    /// <summary>Units' teams and their people's site roles (a partition per unit), and sites' duty phones (Teams/).</summary>
    public const string Teams = "Teams";

    public static IReadOnlyList<string> All { get; } =
        [Volunteers, Deployment, DailyCounts, RollUps, Bulletins, VolunteerDirectory, Outbox, QueueFailures, Contributions, ApplicationBindings, IdempotencyKeys, AuditTrail, Indicators, Areas, DispatchBatches, Shifts, Teams];
}

/// <summary>Queue names; both hosts bind their queue triggers to these constants.</summary>
public static class QueueNames
{
    public const string Registrations = "registrations";
    public const string DailyCounts = "daily-counts";
    public const string Reminders = "reminders";

    /// <summary>Azure Functions moves a message here after <see cref="QueueSemantics.MaxDequeueCount"/> failed tries.</summary>
    public const string PoisonSuffix = "-poison";

    public static IReadOnlyList<string> All { get; } = [Registrations, DailyCounts, Reminders];

    public static string Poison(string queueName) => queueName + PoisonSuffix;
}

/// <summary>
/// The queue-trigger settings of Azure Functions, written down once: host.json in Frontline.Functions
/// carries the same numbers, and Frontline.Host gives them to the same trigger engine (the WebJobs SDK).
/// </summary>
public static class QueueSemantics
{
    public const int BatchSize = 16;

    /// <summary>Functions' default when host.json leaves it out: half a batch per core.</summary>
    public static int NewBatchThreshold => BatchSize / 2 * Environment.ProcessorCount;
    public const int MaxDequeueCount = 5;
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxPollingInterval = TimeSpan.FromSeconds(2);
}
