using System.Text.Json;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Sites;
using Frontline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Volunteers;

/// <summary>
/// Turns a queued registration into one stored, placed volunteer. Each step can be repeated: the volunteer
/// insert is refused the second time, the deployment ledger counts a person once, and the status writes are
/// upserts. So a crash at any point, or the same message twice, ends in the same state.
/// </summary>
public sealed partial class RegistrationProcessor(
    VolunteerStore volunteers,
    DeploymentStore deployment,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<RegistrationProcessor> logger) : IQueueHandler
{
    public string QueueName => QueueNames.Registrations;

    public async Task HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<RegistrationMessage>(messageText, JsonBody.Options)
            ?? throw new JsonException("A registration message was empty.");

        if (await volunteers.GetRegistrationAsync(message.RegistrationId, cancellationToken) is { Outcome: VolunteerStatus.Duplicate })
        {
            return;
        }

        var candidate = new Volunteer(
            message.PhoneHash, message.RegistrationId, message.Name, message.ProtectedPhone, message.WorkUnit, null,
            message.PartyMember, message.PartyBranch, message.HomeCommunity, message.Skills, message.AvailableFrom, message.AvailableTo,
            VolunteerStatus.Received, null, message.ReceivedAt);

        var (created, stored, etag) = await volunteers.AddOrGetAsync(candidate, cancellationToken);
        if (!created && stored.RegistrationId != message.RegistrationId)
        {
            if (stored.Status != VolunteerStatus.Withdrawn || !await volunteers.TryReplaceAsync(candidate, etag, cancellationToken))
            {
                await volunteers.RecordRegistrationAsync(new RegistrationRecord(message.RegistrationId, message.PhoneHash, VolunteerStatus.Duplicate,
                    "This phone number is already registered."), cancellationToken);
                LogDuplicate(logger, message.RegistrationId, stored.RegistrationId);
                return;
            }
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.TimeZoneInfo).DateTime);
        var needs = new AssignmentNeeds(message.Skills, message.HomeCommunity, message.AvailableFrom, message.AvailableTo);
        var membership = await deployment.JoinAsync(
            new NewMember(message.PhoneHash, message.RegistrationId, message.WorkUnit, message.HomeCommunity),
            catalog => SiteAssignment.Choose(catalog, needs, today),
            cancellationToken);

        var status = membership.SiteId is null ? VolunteerStatus.Waitlisted : VolunteerStatus.Assigned;
        await volunteers.SetPlacementAsync(message.PhoneHash, status, membership.SiteId, membership.UnitId, cancellationToken);
        await volunteers.RecordRegistrationAsync(new RegistrationRecord(message.RegistrationId, message.PhoneHash, status, null), cancellationToken);
        LogPlaced(logger, message.RegistrationId, status, membership.SiteId, dequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} duplicates registration {ExistingRegistrationId}")]
    private static partial void LogDuplicate(ILogger logger, string registrationId, string existingRegistrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} {Status} at site {SiteId} (try {DequeueCount})")]
    private static partial void LogPlaced(ILogger logger, string registrationId, string status, string? siteId, long dequeueCount);
}
