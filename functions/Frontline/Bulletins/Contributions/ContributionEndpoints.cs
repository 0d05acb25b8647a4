using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Bulletins.Contributions;

public sealed record ContributionView(
    string Id, string UnitId, string UnitName, string SiteId, string SiteName, string Day, string Title, IReadOnlyList<string> Paragraphs,
    IReadOnlyList<ContributionPerson> People, string? Quote, string? QuoteBy, string? SubmittedByName, DateTimeOffset SubmittedAt, string Status,
    string? UsedIn, bool Withdrawable, string Contributor)
{
    public static ContributionView Of(Contribution contribution, Caller caller) => new(
        contribution.Id, contribution.UnitId, contribution.UnitName, contribution.SiteId, contribution.SiteName,
        contribution.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), contribution.Title, contribution.Paragraphs, contribution.People,
        contribution.Quote, contribution.QuoteBy, contribution.SubmittedByName, contribution.SubmittedAt, contribution.Status, contribution.UsedIn,
        contribution.Status == ContributionStatus.Submitted && (contribution.SubmittedBy == caller.Subject || caller.IsCoordinator), contribution.Contributor);
}

/// <summary>
/// Units' pieces for the bulletin: a reporter sends one about a site their unit serves; editors (Coordinators) list them
/// by the days they concern; the sender withdraws one until a bulletin uses it.
/// </summary>
public sealed class ContributionEndpoints(ContributionStore store, CatalogCache catalogCache, TimeProvider time, IOptions<FrontlineOptions> options)
{
    /// <summary>The longest range one listing reads: a month of daily partitions.</summary>
    public const int MaxListDays = 31;

    public async Task<IResult> SubmitAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ContributionRequest>(request, cancellationToken, limitBytes: 32 * 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ContributionValidation.Validate(body.Value!, options.Value.Today(time), out var errors) is not { } draft)
        {
            return Problems.Validation(errors);
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Sites.TryGetValue(draft.SiteId, out var site))
        {
            return Problems.Validation("siteId", "No such site.");
        }

        // A reporter writes for their own unit; a coordinator for any unit that serves the site, named in ?unitId=.
        var unitId = caller.IsCoordinator ? request.Query["unitId"].ToString() : caller.UnitId;
        if (string.IsNullOrEmpty(unitId))
        {
            return caller.IsCoordinator
                ? Problems.Validation("unitId", "Coordinators name the unit the piece is from (?unitId=).")
                : Problems.Forbidden("The token carries no unit_id.");
        }

        if (!catalog.Units.TryGetValue(unitId, out var unit) || !unit.SiteIds.Contains(site.Id))
        {
            return Problems.Validation("siteId", "The unit does not serve this site.");
        }

        var contribution = new Contribution(
            ContributionStore.NewId(draft.Day), unit.Id, unit.Name, site.Id, BulletinTypography.Place(site.Name, site.Community), draft.Day, draft.Title,
            draft.Paragraphs, draft.People, draft.Quote, draft.QuoteBy, caller.Subject, caller.Name, time.GetUtcNow(), ContributionStatus.Submitted, null,
            unit.PartyCommittee);
        await store.AddAsync(contribution, cancellationToken);
        return TypedResults.Created($"/{ApiRoutes.Prefix}/{ApiRoutes.Contributions}?from={contribution.Day:yyyy-MM-dd}&to={contribution.Day:yyyy-MM-dd}",
            ContributionView.Of(contribution, caller));
    }

    /// <summary>?from=&amp;to= (default: the last seven days); a reporter sees their unit's, a coordinator every unit's or ?unitId='s.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var today = options.Value.Today(time);
        var errors = new Dictionary<string, string[]>();
        var to = Day(request.Query["to"], "to", today, errors);
        var from = Day(request.Query["from"], "from", to.AddDays(-6), errors);
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["Must not be after to."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= MaxListDays)
        {
            errors["to"] = [$"At most {MaxListDays} days from from."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var unitId = caller.IsCoordinator ? request.Query["unitId"].ToString() : caller.UnitId ?? "";
        if (!caller.IsCoordinator && unitId.Length == 0)
        {
            return Problems.Forbidden("The token carries no unit_id.");
        }

        var contributions = await store.ListAsync(from, to, cancellationToken);
        return TypedResults.Ok(contributions
            .Where(contribution => unitId.Length == 0 || contribution.UnitId == unitId)
            .Select(contribution => ContributionView.Of(contribution, caller)));
    }

    public async Task<IResult> WithdrawAsync(HttpRequest request, Caller caller, string contributionId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(contributionId, cancellationToken) is not var (contribution, etag)
            || (!caller.IsCoordinator && contribution.UnitId != caller.UnitId))
        {
            return Problems.NotFound("No such contribution.");
        }

        if (contribution.SubmittedBy != caller.Subject && !caller.IsCoordinator)
        {
            return Problems.Forbidden("Only the sender (or a coordinator) withdraws a contribution.");
        }

        return contribution.Status switch
        {
            ContributionStatus.Withdrawn => TypedResults.Ok(ContributionView.Of(contribution, caller)),
            ContributionStatus.Used => Problems.Conflict("The contribution is in an approved or published bulletin.", $"It was used in {contribution.UsedIn}."),
            _ => await store.TrySetStatusAsync(contribution, etag, ContributionStatus.Withdrawn, null, cancellationToken)
                ? TypedResults.Ok(ContributionView.Of(contribution with { Status = ContributionStatus.Withdrawn }, caller))
                : Problems.Conflict("The contribution changed meanwhile; read it again."),
        };
    }

    private static DateOnly Day(string? value, string field, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = ["A date as yyyy-MM-dd."];
        return fallback;
    }
}
