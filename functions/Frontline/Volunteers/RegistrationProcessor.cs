using System.Text.Json;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Volunteers;

/// <summary>
/// Turns a queued registration into one stored, placed volunteer. The deployment ledger is the gate: its entry
/// for the phone hash is created once, so the first registration of a phone joins (and is counted) and any
/// other is a duplicate, however many hosts race. What follows the join is one upsert of what the join
/// decided. So a crash at any point, or the same message twice, ends in the same state, at the cost of one
/// shared batch and one write per registration. The slices that follow registrations (<see cref="IVolunteerPlaced"/>)
/// are told beside that write, each idempotent.
/// </summary>
public sealed partial class RegistrationProcessor(
    VolunteerStore volunteers,
    DeploymentLedger ledger,
    ArrivalLog arrivals,
    WriterSlot writerSlot,
    IEnumerable<IVolunteerPlaced> followers,
    IUncountedStaff uncountedStaff,
    FrontlineMetrics metrics,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<RegistrationProcessor> logger) : IQueueHandler
{
    public string QueueName => QueueNames.Registrations;

    public async Task HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<RegistrationMessage>(messageText, JsonBody.Options)
            ?? throw new JsonException("A registration message was empty.");
        // Messages come from the intake endpoint, but a queue takes anything: one that lacks what a registration
        // needs is refused here, by name, and goes to poison after its tries without touching the ledger.
        if (RegistrationMessage.MissingField(message) is { } missing)
        {
            throw new InvalidDataException($"The registration message has no {missing}.");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.Zone()).DateTime);
        // People a dispatch batch has at a site on the volunteer's first day (from memory, minutes old at most) fill it as
        // registrations do.
        var firstDay = message.AvailableFrom > today ? message.AvailableFrom : today;
        var uncounted = uncountedStaff.AtSites(firstDay);
        // Each host prefers its own order of equally needy sites (SiteAssignment), so that hosts seldom commit on one site's counter.
        var needs = new AssignmentNeeds(message.Skills, message.HomeCommunity, message.AvailableFrom, message.AvailableTo,
            await writerSlot.CurrentAsync(cancellationToken), uncounted);
        var membership = await ledger.JoinAsync(
            new NewMember(message.PhoneHash, message.RegistrationId, message.WorkUnit, message.HomeCommunity),
            catalog => SiteAssignment.Choose(catalog, needs, today),
            cancellationToken);

        if (membership.RegistrationId != message.RegistrationId)
        {
            // Nothing to write: the receipt's status reads as a duplicate from the volunteer's own row.
            LogDuplicate(logger, message.RegistrationId, membership.RegistrationId ?? "unknown");
            metrics.RegistrationStored("duplicate");
            return;
        }

        // Counted by the day the person registered (not the day the queue got to them), so a bulletin states the
        // directory's figures as of its period's end. Exactly once: a redelivered message finds the arrival's marker.
        var registeredOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(message.ReceivedAt, options.Value.Zone()).DateTime);
        await arrivals.RecordAsync(registeredOn, message.PhoneHash, membership.UnitId, membership.SiteId, membership.Community, cancellationToken);
        var status = membership.SiteId is null ? VolunteerStatus.Waitlisted : VolunteerStatus.Assigned;
        var volunteer = new Volunteer(
            message.PhoneHash, message.RegistrationId, message.Name, message.ProtectedPhone, message.WorkUnit, membership.UnitId,
            message.PartyMember, message.PartyBranch, message.HomeCommunity, message.Skills, message.AvailableFrom, message.AvailableTo,
            status, membership.SiteId, message.ReceivedAt);
        // The followers beside the save, not after it: they read and write elsewhere (a unit's batches), need nothing the
        // save writes, and are idempotent, so a failure of either tries the message again; in turn they cost the
        // registration no round trip of its own.
        await Task.WhenAll([volunteers.SaveAsync(volunteer, cancellationToken), .. followers.Select(follower => follower.PlacedAsync(volunteer, cancellationToken))]);

        metrics.RegistrationStored(status);
        LogPlaced(logger, message.RegistrationId, status, membership.SiteId, dequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} duplicates registration {ExistingRegistrationId}")]
    private static partial void LogDuplicate(ILogger logger, string registrationId, string existingRegistrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} {Status} at site {SiteId} (try {DequeueCount})")]
    private static partial void LogPlaced(ILogger logger, string registrationId, string status, string? siteId, long dequeueCount);
}
