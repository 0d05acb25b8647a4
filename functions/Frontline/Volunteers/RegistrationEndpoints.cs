using Frontline.Http;
using Frontline.Queues;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Telemetry;
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
    DeploymentLedger ledger, CatalogCache catalogCache,
    ArrivalLog arrivals,
    Teams.TeamPlaces teamPlaces,
    Shifts.UpcomingShifts upcomingShifts,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    FrontlineMetrics metrics,
    ILogger<RegistrationEndpoints> logger)
{
    /// <summary>Validates and queues; the processor does the rest, so a burst costs one queue send per form.</summary>
    public async Task<IResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (rateLimiter.TryAcquire(request.HttpContext) is { } retryAfter)
        {
            metrics.RegistrationRefused("rate_limited");
            return Problems.TooManyRequests(retryAfter);
        }

        var body = await JsonBody.ReadAsync<RegistrationRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            metrics.RegistrationRefused("invalid");
            return body.Problem;
        }

        var now = time.GetUtcNow();
        var registration = RegistrationValidation.Validate(body.Value!, Today(now), out var errors);
        if (registration is null)
        {
            metrics.RegistrationRefused("invalid");
            return Problems.Validation(errors);
        }

        var phoneHash = personalData.PhoneHash(registration.Phone);
        var registrationId = personalData.NewRegistrationId(phoneHash);
        var message = new RegistrationMessage(
            registrationId, now, registration.Name, personalData.Encrypt(registration.Phone), phoneHash,
            registration.WorkUnit, registration.PartyMember, registration.PartyBranch, registration.HomeCommunity, registration.Skills,
            registration.AvailableFrom, registration.AvailableTo);
        await queue.SendAsync(QueueNames.Registrations, message, cancellationToken);
        metrics.RegistrationAccepted();
        LogAccepted(logger, registrationId);

        var code = personalData.ReceiptCode(registrationId);
        return TypedResults.Accepted(
            $"/{ApiRoutes.Prefix}/registrations/{registrationId}?code={code}",
            new RegistrationAccepted(registrationId, code, $"/{ApiRoutes.Prefix}/registrations/{registrationId}?code={code}"));
    }

    public async Task<IResult> GetStatusAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        if (!personalData.TryOpenRegistrationId(registrationId, out var phoneHash) || !personalData.IsReceiptCode(registrationId, request.Query["code"]))
        {
            return Problems.NotFound("No registration with that id and receipt code.");
        }

        var volunteer = await volunteers.GetAsync(phoneHash, cancellationToken);
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var status = StatusOf(registrationId, volunteer, catalog);
        if (status.Site is null)
        {
            return TypedResults.Ok(status);
        }

        // The site's duty phone, the volunteer's role and team, and when they are on duty this week: what an assigned
        // volunteer needs to find their people and turn up. The two reads touch different tables, so they run together.
        var shifts = upcomingShifts.ReadAsync(phoneHash, status.Site.Id, catalog, cancellationToken);
        var place = await teamPlaces.DescribeAsync(volunteer!, cancellationToken);
        return TypedResults.Ok(status with { Site = status.Site with { DutyPhone = place.DutyPhone }, Role = place.Role, Team = place.Team, Shifts = await shifts });
    }

    /// <summary>The volunteer withdraws with their receipt, or a coordinator withdraws them; the site place is freed.</summary>
    public async Task<IResult> WithdrawAsync(HttpRequest request, string registrationId, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!personalData.TryOpenRegistrationId(registrationId, out var phoneHash))
        {
            return Problems.NotFound("No registration with that id.");
        }

        if (!personalData.IsReceiptCode(registrationId, request.Query["code"]))
        {
            var (coordinator, refusal) = await RegistrationRoutes.CoordinatorWithoutReceipt.AuthorizeAsync(request.HttpContext);
            if (refusal is not null)
            {
                return request.Query.ContainsKey("code") ? Problems.NotFound("No registration with that id and receipt code.") : refusal;
            }

            audit.ActedBy(coordinator!);
        }

        var volunteer = await volunteers.GetAsync(phoneHash, cancellationToken);
        if (volunteer is null)
        {
            return Problems.Conflict("This registration is still being processed.", "Try again in a minute.");
        }

        if (volunteer.RegistrationId != registrationId)
        {
            return Problems.Conflict("Only the registration that created the volunteer can withdraw them.");
        }

        if (volunteer.Status != VolunteerStatus.Withdrawn)
        {
            var member = await ledger.GetMemberAsync(phoneHash, cancellationToken);
            if (await ledger.LeaveAsync(phoneHash, cancellationToken) && member is not null)
            {
                // So that a bulletin of a period that ended before today still counts them.
                await arrivals.RecordLeaveAsync(Today(time.GetUtcNow()), member.UnitId, member.SiteId, member.Community, cancellationToken);
            }

            volunteer = volunteer with { Status = VolunteerStatus.Withdrawn, SiteId = null };
            await volunteers.SaveAsync(volunteer, cancellationToken);
            LogWithdrawn(logger, registrationId);
        }

        return TypedResults.Ok(StatusOf(registrationId, volunteer, await catalogCache.GetCatalogAsync(cancellationToken)));
    }

    /// <summary>
    /// What a receipt shows. Another registration's volunteer on the same phone makes this one a duplicate, and
    /// a duplicate learns that the phone is registered, not where that person serves.
    /// </summary>
    private static RegistrationStatus StatusOf(string registrationId, Volunteer? volunteer, Catalog catalog)
    {
        if (volunteer is null)
        {
            return new RegistrationStatus(VolunteerStatus.Received, null, null);
        }

        if (volunteer.RegistrationId != registrationId)
        {
            // A withdrawn volunteer is replaced by the next registration of the phone once it is processed.
            return volunteer.Status == VolunteerStatus.Withdrawn
                ? new RegistrationStatus(VolunteerStatus.Received, null, null)
                : new RegistrationStatus(VolunteerStatus.Duplicate, null, "This phone number is already registered; use the first receipt.");
        }

        var site = volunteer.Status == VolunteerStatus.Assigned && volunteer.SiteId is { } siteId && catalog.Sites.TryGetValue(siteId, out var assigned)
            ? new AssignedSite(assigned.Id, assigned.Name, assigned.Type, assigned.Community, assigned.Address, assigned.Contact)
            : null;
        return new RegistrationStatus(volunteer.Status, site, null);
    }

    private DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Value.Zone()).DateTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} accepted and queued")]
    private static partial void LogAccepted(ILogger logger, string registrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {RegistrationId} withdrawn")]
    private static partial void LogWithdrawn(ILogger logger, string registrationId);
}
