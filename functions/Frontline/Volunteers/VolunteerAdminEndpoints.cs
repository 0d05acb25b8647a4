using System.Globalization;
using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Volunteers;

public sealed record VolunteerListItem(
    string VolunteerId, string Name, string PhoneMasked, string UnitId, string UnitName, string? HomeCommunity, string? SiteId, string? SiteName,
    string Status, IReadOnlyList<string> Skills, bool PartyMember, DateTimeOffset RegisteredAt);

public sealed record VolunteerPage(IReadOnlyList<VolunteerListItem> Items, string? Continuation);

public sealed record ReassignRequest(string? SiteId, string? Day);

public sealed record Reassigned(string VolunteerId, string? FromSiteId, string ToSiteId, string Status);

/// <summary>The coordinators' side of volunteers: the searchable list, and moving a person to another site.</summary>
public sealed partial class VolunteerAdminEndpoints(
    VolunteerDirectory directory,
    VolunteerStore volunteers,
    DeploymentLedger ledger, CatalogCache catalogCache,
    ArrivalLog arrivals,
    PersonalData personalData,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<VolunteerAdminEndpoints> logger)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
    private static readonly string[] ListStatuses = [VolunteerStatus.Assigned, VolunteerStatus.Waitlisted, VolunteerStatus.Withdrawn];

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var q = Text.Optional(request.Query["q"], "q", 50, errors);
        if (q is not null && q.AsSpan().IndexOfAny('\uFFFE', '\uFFFF') >= 0)
        {
            errors["q"] = ["Contains characters that are not text."];
        }

        var unitId = Id(request.Query["unitId"], "unitId", errors);
        var siteId = Id(request.Query["siteId"], "siteId", errors);
        var community = Text.Optional(request.Query["community"], "community", 100, errors);
        string? status = request.Query["status"];
        if (string.IsNullOrEmpty(status))
        {
            status = null;
        }
        else if (!ListStatuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"One of {string.Join(", ", ListStatuses)}."];
        }

        var take = DefaultTake;
        if (request.Query["take"] is { Count: > 0 } takeText && !(int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxTake))
        {
            errors["take"] = [$"A whole number from 1 to {MaxTake}."];
        }

        if (!VolunteerDirectory.TryDecodeContinuation(request.Query["continuation"], out var continuation))
        {
            errors["continuation"] = ["Not a continuation this list handed out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Four digits search the phone's last four (what the masked phone shows anyway); anything else is a name prefix.
        var isLast4 = q is { Length: 4 } && q.All(char.IsAsciiDigit);
        var query = new DirectoryQuery(isLast4 ? null : q, isLast4 ? q : null, unitId, community, siteId, status);
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        // A site without a unit: only the units with people at that site, in a fixed order so that a continuation holds.
        var partitions = siteId is not null && unitId is null
            ? catalog.Rosters.Where(roster => roster.Value > 0 && roster.Key.StartsWith(siteId + "|", StringComparison.Ordinal))
                .Select(roster => roster.Key[(siteId.Length + 1)..]).Order(StringComparer.Ordinal).ToList()
            : null;
        IReadOnlyList<DirectoryEntry> items;
        string? next;
        try
        {
            (items, next) = await directory.QueryAsync(query, partitions, continuation, take, cancellationToken);
        }
        catch (Exception refused) when (continuation is not null && refused is FormatException or Azure.RequestFailedException { Status: 400 })
        {
            // A continuation this list did not hand out, when the table service refuses it. One it accepts is harmless:
            // it only moves where a coordinator, who may list everyone, starts reading.
            return Problems.Validation("continuation", "Not a continuation this list handed out.");
        }

        return TypedResults.Ok(new VolunteerPage(items.Select(item => View(item, catalog)).ToList(), VolunteerDirectory.EncodeContinuation(next)));
    }

    /// <summary>
    /// Moves a volunteer to a site. The deployment ledger decides: the move commits only against the ledger entry as
    /// it was read, so of two coordinators moving one person at once, one wins and the other gets 409 and reloads.
    /// A volunteer has one site at a time, so they are never at two sites on one day.
    /// </summary>
    public async Task<IResult> ReassignAsync(HttpRequest request, string volunteerId, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!personalData.TryOpenRegistrationId(volunteerId, out var phoneHash))
        {
            return Problems.NotFound("No such volunteer.");
        }

        var body = await JsonBody.ReadAsync<ReassignRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var today = options.Value.Today(time);
        var day = today;
        if (body.Value!.SiteId is not { Length: > 0 } siteId || !CatalogImport.IsValidId(siteId))
        {
            return Problems.Validation("siteId", "Required: a site id.");
        }

        if (body.Value.Day is not null && !CountValidation.TryParseDay(body.Value.Day, out day))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        if (day < today)
        {
            return Problems.Validation("day", "A move takes effect today or later, not in the past.");
        }

        var current = await volunteers.GetAsync(phoneHash, cancellationToken);
        if (current is null || current.RegistrationId != volunteerId)
        {
            return Problems.NotFound("No such volunteer.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken, fresh: true);
        if (!catalog.Sites.TryGetValue(siteId, out var site))
        {
            return Problems.NotFound("No such site.");
        }

        if (current.Status == VolunteerStatus.Withdrawn)
        {
            return Problems.Conflict("This volunteer has withdrawn.");
        }

        if (!site.IsOpenOn(day))
        {
            return Problems.Conflict("The site is closed that day.");
        }

        var member = await ledger.GetMemberAsync(phoneHash, cancellationToken);
        if (member is null || member.RegistrationId != volunteerId)
        {
            return Problems.Conflict("This volunteer is not deployed; they may have withdrawn.");
        }

        audit.Record("fromSite", member.SiteId).Record("toSite", siteId).Record("unit", member.UnitId);
        var moved = await ledger.MoveAsync(phoneHash, member.SiteId, siteId, cancellationToken);
        if (moved is null)
        {
            return Problems.Conflict("Someone else changed this volunteer's placement first.", "Reload and try again.");
        }

        if (member.SiteId != siteId)
        {
            // So that a bulletin of a period that ended before today still counts them where they were.
            await arrivals.RecordMoveAsync(options.Value.Today(time), moved.UnitId, member.SiteId, siteId, cancellationToken);
        }

        await MirrorAsync(phoneHash, cancellationToken);
        LogMoved(logger, volunteerId, member.SiteId, siteId);
        return TypedResults.Ok(new Reassigned(volunteerId, member.SiteId, siteId, VolunteerStatus.Assigned));
    }

    /// <summary>The volunteer's row follows the ledger, under its ETag: whichever move wrote last, the row ends as the ledger says.</summary>
    private async Task MirrorAsync(string phoneHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await volunteers.GetForUpdateAsync(phoneHash, cancellationToken) is not { } read
                || await ledger.GetMemberAsync(phoneHash, cancellationToken) is not { } member)
            {
                return;
            }

            var volunteer = read.Volunteer;
            if (volunteer.Status == VolunteerStatus.Withdrawn || member.RegistrationId != volunteer.RegistrationId)
            {
                return;
            }

            var placed = volunteer with
            {
                SiteId = member.SiteId,
                Status = member.SiteId is null ? VolunteerStatus.Waitlisted : VolunteerStatus.Assigned,
            };
            if (await volunteers.TryReplaceAsync(placed, read.ETag, cancellationToken))
            {
                return;
            }
        }
    }

    internal static VolunteerListItem View(DirectoryEntry entry, Catalog catalog) => new(
        entry.VolunteerId, entry.Name, entry.PhoneMasked, entry.UnitId,
        catalog.Units.TryGetValue(entry.UnitId, out var unit) ? unit.Name : entry.UnitId,
        entry.HomeCommunity, entry.SiteId,
        entry.SiteId is { } siteId && catalog.Sites.TryGetValue(siteId, out var site) ? site.Name : null,
        entry.Status, entry.Skills, entry.PartyMember, entry.RegisteredAt);

    private static string? Id(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!CatalogImport.IsValidId(value))
        {
            errors[field] = ["Not an id."];
            return null;
        }

        return value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Volunteer {VolunteerId} moved from {FromSiteId} to {ToSiteId}")]
    private static partial void LogMoved(ILogger logger, string volunteerId, string? fromSiteId, string toSiteId);
}
