using System.Globalization;
using Frontline.Http;
using Frontline.Storage;
using Frontline.Volunteers;

namespace Frontline.Batches;

public static class BatchStatus
{
    public const string Active = "active";
    public const string Withdrawn = "withdrawn";
}

/// <summary>A batch's people at one of its sites: how many, and how many of them are listed registered volunteers of the unit.</summary>
/// <param name="Registered">Listed people whose phone is a registered volunteer of the unit: counted once, as that volunteer.</param>
/// <param name="RegisteredHere">Of those, the volunteers the directory has assigned to this very site (already in its <c>assigned</c>).</param>
/// <param name="Placed">Of <paramref name="Registered"/>, those the directory has assigned to a site, this one or another
/// (already in some site's <c>assigned</c>): a total of people on duty adds the rest. Null in batches recorded before it
/// was kept, read as <paramref name="RegisteredHere"/>.</param>
public sealed record BatchSite(string SiteId, int People, int Registered, int RegisteredHere, int? Placed = null)
{
    public int PlacedOrHere => Placed ?? RegisteredHere;
}

/// <summary>A person a batch names. The phone is stored encrypted with its keyed hash beside it; neither is ever answered.</summary>
public sealed record BatchPerson(string Name, string SiteId, string? ProtectedPhone, string? PhoneHash, bool Registered)
{
    /// <summary>
    /// The day they registered, when that came after the batch was recorded (<see cref="ListedRegistrations"/>); null
    /// when they were registered already (or are not). A figure as of an earlier day counts them as a batch person.
    /// </summary>
    public DateOnly? RegisteredOn { get; init; }

    /// <summary>With <see cref="RegisteredOn"/>: the directory placed them at the very site the batch lists them at, so
    /// the site's <c>RegisteredHere</c> grew by one that day.</summary>
    public bool RegisteredOnHere { get; init; }

    /// <summary>Registered as of the end of <paramref name="day"/>.</summary>
    public bool RegisteredBy(DateOnly day) => Registered && (RegisteredOn is not { } on || on <= day);
}

/// <summary>
/// A dispatch batch (派出批次): a unit's people sent to some sites from one day to another, recorded by the unit's
/// organiser instead of each person filling in the public form. A rotation is a batch that <see cref="Replaces"/> an
/// earlier one (it starts after that one ends); the earlier one keeps its person-times.
/// </summary>
public sealed record Batch(
    string Id,
    string UnitId,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<BatchSite> Sites,
    IReadOnlyList<BatchPerson> Names,
    string? Replaces,
    string? ReplacedBy,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>When it was withdrawn (null while active, and for batches withdrawn before this was kept): a bulletin of a period that ended before still counts it.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    public int People => Sites.Sum(site => site.People);

    public int Registered => Sites.Sum(site => site.Registered);

    public bool IsActive => Status == BatchStatus.Active;

    public bool IsOnDuty(DateOnly day) => IsActive && From <= day && day <= To;

    /// <summary>
    /// The batch's site counts as they stood at the end of <paramref name="day"/>: a person who registered after it
    /// (<see cref="BatchPerson.RegisteredOn"/>) was then a batch person, so a bulletin of an earlier period, composed
    /// later, counts them as it would have then.
    /// </summary>
    public Batch AsOf(DateOnly day)
    {
        var later = Names.Where(person => person.Registered && !person.RegisteredBy(day)).ToList();
        return later.Count == 0 ? this : this with
        {
            Sites = Sites.Select(site => site with
            {
                Registered = Math.Max(0, site.Registered - later.Count(person => person.SiteId == site.SiteId)),
                RegisteredHere = Math.Max(0, site.RegisteredHere - later.Count(person => person.SiteId == site.SiteId && person.RegisteredOnHere)),
            }).ToList(),
        };
    }
}

public sealed record BatchSiteRequest(string? SiteId, int? People);

public sealed record BatchPersonRequest(string? Name, string? Phone, string? SiteId);

/// <summary>
/// <c>POST /api/units/{unitId}/batches</c>: how many people at which sites, from which day to which day, optionally
/// which batch it replaces (a rotation) and who, by name (and phone, so a registered volunteer is counted once).
/// </summary>
public sealed record BatchRequest(string? From, string? To, IReadOnlyList<BatchSiteRequest?>? Sites, IReadOnlyList<BatchPersonRequest?>? Names, string? Replaces);

/// <summary>A valid request, before the catalog, the directory and the unit's other batches are consulted.</summary>
public sealed record BatchDraft(DateOnly From, DateOnly To, IReadOnlyList<(string SiteId, int People)> Sites, IReadOnlyList<(string Name, string? Phone, string SiteId)> Names, string? Replaces);

public static class BatchValidation
{
    /// <summary>
    /// A batch writes one row per site beside its own row and the one it replaces, in one transaction of one
    /// partition: 20 sites keep that at 22 entities, far inside Azure's 100.
    /// </summary>
    public const int MaxSites = 20;
    public const int MaxPeoplePerSite = 1_000;

    /// <summary>The names list is JSON in one property: 200 people with encrypted phones stay under a third of its 32,768 characters.</summary>
    public const int MaxNames = 200;
    public const int MaxName = 20;

    /// <summary>A deployment of a year at most (the reports' run from 3月17日 to the summer).</summary>
    public const int MaxDays = 366;

    public static bool IsBatchId(string? id) => BatchStore.DayOf(id) is not null;

    public static BatchDraft? Validate(BatchRequest request, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        var from = Day(request.From, "from", errors);
        var to = Day(request.To, "to", errors);
        if (from is { } first && to is { } last)
        {
            if (last < first)
            {
                errors["to"] = ["Must not be before from: the dates are reversed."];
            }
            else if (last.DayNumber - first.DayNumber >= MaxDays)
            {
                errors["to"] = [$"At most {MaxDays} days from from."];
            }
        }

        var sites = new List<(string SiteId, int People)>();
        if (request.Sites is not { Count: > 0 })
        {
            errors["sites"] = ["At least one site: [{\"siteId\":…, \"people\":…}]."];
        }
        else if (request.Sites.Count > MaxSites)
        {
            errors["sites"] = [$"At most {MaxSites} sites in one batch."];
        }
        else
        {
            for (var i = 0; i < request.Sites.Count; i++)
            {
                var site = request.Sites[i];
                if (site?.SiteId is not { } siteId || !EntityIds.IsValid(siteId))
                {
                    errors[$"sites[{i}].siteId"] = ["A site's id."];
                    continue;
                }

                if (site.People is not (>= 1 and <= MaxPeoplePerSite))
                {
                    errors[$"sites[{i}].people"] = [$"A whole number from 1 to {MaxPeoplePerSite}."];
                    continue;
                }

                if (sites.Any(seen => seen.SiteId == siteId))
                {
                    errors[$"sites[{i}].siteId"] = ["The site is listed twice."];
                    continue;
                }

                sites.Add((siteId, site.People.Value));
            }
        }

        var names = new List<(string Name, string? Phone, string SiteId)>();
        if (request.Names is { Count: > MaxNames })
        {
            errors["names"] = [$"At most {MaxNames} people named in one batch."];
        }
        else if (request.Names is { } people)
        {
            for (var i = 0; i < people.Count; i++)
            {
                var person = people[i];
                var name = Text.Required(person?.Name, $"names[{i}].name", MaxName, errors);
                string? phone = null;
                if (person?.Phone is { Length: > 0 } typed && !PhoneNumber.TryNormalize(typed, out phone))
                {
                    errors[$"names[{i}].phone"] = ["A mainland mobile number (11 digits starting 13–19)."];
                }
                else if (phone is not null && names.Any(seen => seen.Phone == phone))
                {
                    errors[$"names[{i}].phone"] = ["The same person is listed twice: one person counts once."];
                }

                // One site: a person is at it. Several: say which (it decides which site's figures they are counted in).
                var siteId = person?.SiteId;
                if (string.IsNullOrEmpty(siteId) && sites.Count == 1 && request.Sites!.Count == 1)
                {
                    siteId = sites[0].SiteId;
                }

                if (string.IsNullOrEmpty(siteId))
                {
                    errors[$"names[{i}].siteId"] = ["Which of the batch's sites the person is at (required when the batch has several)."];
                }
                else if (!EntityIds.IsValid(siteId) || (sites.Count == request.Sites?.Count && sites.All(site => site.SiteId != siteId)))
                {
                    errors[$"names[{i}].siteId"] = ["Not one of the batch's sites."];
                }

                if (name is not null && siteId is not null && !errors.Keys.Any(key => key.StartsWith($"names[{i}].", StringComparison.Ordinal)))
                {
                    names.Add((name, phone, siteId));
                }
            }

            foreach (var (siteId, count) in sites)
            {
                if (names.Count(person => person.SiteId == siteId) > count)
                {
                    errors["names"] = [$"More people named at {siteId} than the batch sends there ({count})."];
                }
            }
        }

        string? replaces = null;
        if (!string.IsNullOrEmpty(request.Replaces))
        {
            if (IsBatchId(request.Replaces))
            {
                replaces = request.Replaces;
            }
            else
            {
                errors["replaces"] = ["A batch id this unit was given (20220317-…)."];
            }
        }

        return errors.Count == 0 ? new BatchDraft(from!.Value, to!.Value, sites, names, replaces) : null;
    }

    /// <summary>yyyy-MM-dd, exactly; null and an error for the field otherwise.</summary>
    public static DateOnly? Day(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = ["Required: a day, yyyy-MM-dd."];
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = ["A day, yyyy-MM-dd."];
            return null;
        }

        return day;
    }
}

/// <summary>A batch as answered: the names without any phone, and whether each is a registered volunteer counted once.</summary>
public sealed record BatchView(
    string BatchId,
    string UnitId,
    DateOnly From,
    DateOnly To,
    int People,
    int Registered,
    IReadOnlyList<BatchSiteView> Sites,
    IReadOnlyList<BatchPersonView> Names,
    string? Replaces,
    string? ReplacedBy,
    string Status,
    DateTimeOffset CreatedAt)
{
    public static BatchView Of(Batch batch) => new(batch.Id, batch.UnitId, batch.From, batch.To, batch.People, batch.Registered,
        batch.Sites.Select(site => new BatchSiteView(site.SiteId, site.People, site.Registered)).ToList(),
        batch.Names.Select((person, index) => new BatchPersonView(person.Name, person.SiteId, person.Registered, person.Registered ? null : BatchPersonId.Of(batch, index))).ToList(),
        batch.Replaces, batch.ReplacedBy, batch.Status, batch.CreatedAt);
}

public sealed record BatchSiteView(string SiteId, int People, int Registered);

/// <param name="Registered">The phone given is a registered volunteer of the unit: the person is counted once, as that volunteer.</param>
/// <param name="PersonId">For a person who is not a registered volunteer, the id the shift routes take for them
/// (<c>b-{unitId}-{batchId}-{n}</c>); a registered one's shifts go by their own volunteer id.</param>
public sealed record BatchPersonView(string Name, string SiteId, bool Registered, string? PersonId = null);

/// <summary>
/// A unit's batches and what they add up to. <c>onDuty</c>: people of the unit's batches on duty on <c>day</c>;
/// <c>registeredOnDuty</c>: of those, listed registered volunteers (already in the unit's volunteers, so not added
/// again); <c>addedOnDuty</c> = onDuty − registeredOnDuty. <c>personTimes</c> (人次): the people of every batch not
/// withdrawn, summed over batches, so a rotation adds its people and the batch it replaced keeps its own.
/// </summary>
public sealed record UnitBatches(string UnitId, DateOnly Day, int OnDuty, int RegisteredOnDuty, int AddedOnDuty, int PersonTimes, int Batches, IReadOnlyList<BatchView> Items);

/// <summary>One unit's batch people at a site.</summary>
public sealed record SiteUnitStaffing(string UnitId, int Assigned, int OnDutyFromBatches, int RegisteredHere, int PersonTimes, IReadOnlyList<SiteBatchView> Batches);

public sealed record SiteBatchView(string BatchId, DateOnly From, DateOnly To, int People);

/// <summary>
/// A site's people on a day, beside the catalog's figures: <c>assigned</c> is the registered volunteers the directory
/// has assigned there (the catalog's own figure); <c>onDutyFromBatches</c> the batch people on duty that day;
/// <c>alsoAssigned</c> those of them who are assigned there already as registered volunteers; <c>people</c> =
/// assigned + onDutyFromBatches − alsoAssigned, each person once; <c>personTimes</c> across every batch at the site.
/// </summary>
public sealed record SiteStaffing(
    string SiteId, string SiteName, DateOnly Day, int Needed, int Assigned, int OnDutyFromBatches, int AlsoAssigned, int People, int Shortfall, int PersonTimes,
    IReadOnlyList<SiteUnitStaffing> Units);
