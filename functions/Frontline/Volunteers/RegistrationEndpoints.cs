using Frontline.Http;
using Frontline.Queues;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Volunteers;

/// <summary>The public registration routes: accept and queue, show status, withdraw.</summary>
public sealed partial class RegistrationEndpoints(
    QueueSender queue,
    PersonalData personalData,
    RegistrationRateLimiter rateLimiter,
    VolunteerStore volunteers,
    DeploymentStore deployment,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<RegistrationEndpoints> logger)
{
    /// <summary>Validates and queues; the processor does the rest, so a burst costs one queue send per form.</summary>
    public async Task<IResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (rateLimiter.TryAcquire(request.HttpContext) is { } retryAfter)
        {
            return Problems.TooManyRequests(retryAfter);
        }

        var body = await JsonBody.ReadAsync<RegistrationRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var now = time.GetUtcNow();
        var registration = RegistrationValidation.Validate(body.Value!, Today(now), out var errors);
        if (registration is null)
        {
            return Problems.Validation(errors);
        }

        var registrationId = Guid.CreateVersion7(now).ToString("N");
        var message = new RegistrationMessage(
            registrationId, now, registration.Name, personalData.Encrypt(registration.Phone), personalData.PhoneHash(registration.Phone),
            registration.WorkUnit, registration.PartyMember, registration.PartyBranch, registration.HomeCommunity, registration.Skills,
            registration.AvailableFrom, registration.AvailableTo);
        await queue.SendAsync(QueueNames.Registrations, message, cancellationToken);
        LogAccepted(logger, registrationId);

        var code = personalData.ReceiptCode(registrationId);
        return TypedResults.Accepted(
            $"/{ApiRoutes.Prefix}/registrations/{registrationId}?code={code}",
            new RegistrationAccepted(registrationId, code, $"/{ApiRoutes.Prefix}/registrations/{registrationId}?code={code}"));
    }

    public async Task<IResult> GetStatusAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        if (!IsRegistrationId(registrationId) || !personalData.IsReceiptCode(registrationId, request.Query["code"]))
        {
            return Problems.NotFound("No registration with that id and receipt code.");
        }

        return TypedResults.Ok(await StatusAsync(registrationId, cancellationToken));
    }

    /// <summary>The volunteer withdraws with their receipt, or a coordinator withdraws them; the site place is freed.</summary>
    public async Task<IResult> WithdrawAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        if (!IsRegistrationId(registrationId))
        {
            return Problems.NotFound("No registration with that id.");
        }

        if (!personalData.IsReceiptCode(registrationId, request.Query["code"]))
        {
            var (_, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
            if (refusal is not null)
            {
                return request.Query.ContainsKey("code") ? Problems.NotFound("No registration with that id and receipt code.") : refusal;
            }
        }

        var record = await volunteers.GetRegistrationAsync(registrationId, cancellationToken);
        if (record is null)
        {
            return Problems.Conflict("This registration is still being processed.", "Try again in a minute.");
        }

        if (record.Outcome != VolunteerStatus.Assigned && record.Outcome != VolunteerStatus.Waitlisted || record.PhoneHash is null)
        {
            return Problems.Conflict("Only the registration that created the volunteer can withdraw them.");
        }

        var volunteer = await volunteers.GetAsync(record.PhoneHash, cancellationToken);
        if (volunteer is null || volunteer.RegistrationId != registrationId)
        {
            return Problems.Conflict("Only the registration that created the volunteer can withdraw them.");
        }

        if (volunteer.Status != VolunteerStatus.Withdrawn)
        {
            await deployment.LeaveAsync(record.PhoneHash, cancellationToken);
            await volunteers.SetPlacementAsync(record.PhoneHash, VolunteerStatus.Withdrawn, null, volunteer.UnitId, cancellationToken);
            LogWithdrawn(logger, registrationId);
        }

        return TypedResults.Ok(await StatusAsync(registrationId, cancellationToken));
    }

    private async Task<RegistrationStatus> StatusAsync(string registrationId, CancellationToken cancellationToken)
    {
        var record = await volunteers.GetRegistrationAsync(registrationId, cancellationToken);
        if (record is null)
        {
            return new RegistrationStatus(VolunteerStatus.Received, null, null);
        }

        if (record.Outcome is VolunteerStatus.Duplicate or VolunteerStatus.Rejected || record.PhoneHash is null)
        {
            // A duplicate learns that the phone is registered, not where that person serves.
            return new RegistrationStatus(record.Outcome, null, record.Reason);
        }

        var volunteer = await volunteers.GetAsync(record.PhoneHash, cancellationToken);
        if (volunteer is null)
        {
            return new RegistrationStatus(VolunteerStatus.Received, null, null);
        }

        AssignedSite? site = null;
        if (volunteer.Status == VolunteerStatus.Assigned && volunteer.SiteId is { } siteId
            && (await deployment.GetCatalogAsync(cancellationToken)).Sites.TryGetValue(siteId, out var assigned))
        {
            site = new AssignedSite(assigned.Id, assigned.Name, assigned.Type, assigned.Community, assigned.Address, assigned.Contact);
        }

        return new RegistrationStatus(volunteer.Status, site, null);
    }

    private DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Value.TimeZoneInfo).DateTime);

    /// <summary>32 hex digits, as intake makes them; anything else never reaches storage as a key.</summary>
    private static bool IsRegistrationId(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} accepted and queued")]
    private static partial void LogAccepted(ILogger logger, string registrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} withdrawn")]
    private static partial void LogWithdrawn(ILogger logger, string registrationId);
}
