using Frontline.Areas;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Volunteers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Seeding;

/// <summary>
/// Loads <c>seeds/</c> into an empty store through the same paths real data takes: the CSV importer for
/// units and sites, the registration queue for volunteers, the counts recorder (store, then roll-up queue) for
/// daily counts. A marker makes it a one-time act.
/// </summary>
public sealed partial class DemoSeeder(
    CatalogStore catalogStore, DeploymentMarkers markers, AreaStore areaStore,
    QueueSender queue,
    PersonalData personalData,
    DailyCountRecorder dailyCounts,
    Indicators.IndicatorStore indicators,
    ContributionStore contributions,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<DemoSeeder> logger)
{
    public const string Marker = "demo-seed";

    /// <summary>
    /// The areas have their own marker: a store seeded before areas existed gets the tree and the sites' places at its
    /// next start, and nothing else again.
    /// </summary>
    public const string AreasMarker = "demo-areas";

    /// <summary>Three days before the load: before the seeded counts (one and two days back) and their bulletins.</summary>
    public const int RegisteredDaysBack = 3;

    public async Task<bool> SeedAsync(string seedsDirectory, CancellationToken cancellationToken)
    {
        await SeedAreasAsync(seedsDirectory, cancellationToken);
        if (await markers.HasMarkerAsync(Marker, cancellationToken))
        {
            return false;
        }

        var units = CatalogImport.ReadUnits(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "units.csv"), cancellationToken));
        var sites = CatalogImport.ReadSites(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "sites.csv"), cancellationToken));
        if (units.Concat<object>(sites).Any(row => row is RowResult<UnitDefinition> { IsValid: false } or RowResult<SiteDefinition> { IsValid: false }))
        {
            throw new InvalidDataException("The seeds have rows the importer refuses; fix seeds/units.csv and seeds/sites.csv.");
        }

        await catalogStore.ImportUnitsAsync(units.Select(row => row.Value!), cancellationToken);
        await catalogStore.ImportSitesAsync(sites.Select(row => row.Value!), cancellationToken);

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Value.Zone()).DateTime);
        var volunteers = Csv.ReadWithHeader(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "volunteers.csv"), cancellationToken));
        foreach (var row in volunteers)
        {
            var request = new RegistrationRequest(
                row["name"], row["phone"], row["workUnit"], bool.Parse(row["partyMember"]), row["partyBranch"], row["homeCommunity"],
                row["skills"].Split(';', StringSplitOptions.RemoveEmptyEntries), today.ToString("O"), today.AddDays(60).ToString("O"), true, null);
            var registration = RegistrationValidation.Validate(request, today, out _)
                ?? throw new InvalidDataException($"seeds/volunteers.csv has an invalid row for {row["name"]}.");
            var phoneHash = personalData.PhoneHash(registration.Phone);
            // The demo's people registered before its first reported day, as a unit's people would have.
            await queue.SendAsync(QueueNames.Registrations, new RegistrationMessage(
                personalData.NewRegistrationId(phoneHash), now.AddDays(-RegisteredDaysBack), registration.Name, personalData.Encrypt(registration.Phone), phoneHash,
                registration.WorkUnit, registration.PartyMember, registration.PartyBranch, registration.HomeCommunity, registration.Skills,
                registration.AvailableFrom, registration.AvailableTo), cancellationToken);
        }

        // Columns are indicator codes; a blank cell is an indicator the site's type does not report or that was not counted.
        var counts = Csv.ReadWithHeader(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "daily-counts.csv"), cancellationToken));
        var indicatorSet = await indicators.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("The indicator definitions are not seeded yet.");
        var siteTypes = sites.ToDictionary(row => row.Value!.Id, row => row.Value!.Type, StringComparer.Ordinal);
        foreach (var row in counts)
        {
            var day = today.AddDays(-int.Parse(row["daysBack"], System.Globalization.CultureInfo.InvariantCulture));
            var values = row.Where(cell => indicatorSet.Find(cell.Key) is not null && cell.Value.Length > 0)
                .ToDictionary(cell => cell.Key, cell => (decimal?)decimal.Parse(cell.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
            // The volunteers are still in the registration queue, so the at-most-assigned rule is given room here: the
            // seeds' on-duty figures are the reports' own.
            var valid = CountValidation.Validate(CountsRequest.Of(values, row.GetValueOrDefault("highlight")), indicatorSet, siteTypes[row["siteId"]],
                    assigned: 100_000, options.Value.OnDutyMargin, out var errors)
                ?? throw new InvalidDataException($"seeds/daily-counts.csv has an invalid row for {row["siteId"]}: {string.Join("; ", errors.Select(error => $"{error.Key} {error.Value[0]}"))}");
            await dailyCounts.RecordAsync(row["unitId"], row["siteId"], day, valid, "seeds", null, cancellationToken);
        }

        var pieces = await SeedContributionsAsync(Path.Combine(seedsDirectory, "contributions.json"), units, sites, today, now, cancellationToken);
        await markers.SetMarkerAsync(Marker, cancellationToken);
        LogSeeded(logger, units.Count, sites.Count, volunteers.Count, counts.Count, pieces);
        return true;
    }

    /// <summary>The area tree of <c>seeds/areas.csv</c> and the area column of <c>seeds/sites.csv</c>, through the importers' own checks.</summary>
    private async Task SeedAreasAsync(string seedsDirectory, CancellationToken cancellationToken)
    {
        var file = Path.Combine(seedsDirectory, "areas.csv");
        if (!File.Exists(file) || await markers.HasMarkerAsync(AreasMarker, cancellationToken))
        {
            return;
        }

        var areas = AreaImport.Plan(Csv.ReadWithHeader(await File.ReadAllTextAsync(file, cancellationToken)), await areaStore.ReadTreeAsync(cancellationToken));
        if (areas.Any(row => !row.IsValid))
        {
            throw new InvalidDataException($"seeds/areas.csv has rows the importer refuses (line {areas.First(row => !row.IsValid).Line}).");
        }

        await areaStore.ImportAsync(areas.Select(row => row.Value!).ToList(), cancellationToken);
        var tree = await areaStore.ReadTreeAsync(cancellationToken);
        var sites = SitePlacements.Check(CatalogImport.ReadSites(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "sites.csv"), cancellationToken)), tree);
        if (sites.Any(row => !row.IsValid))
        {
            throw new InvalidDataException($"seeds/sites.csv has a site the importer refuses or an unknown area (line {sites.First(row => !row.IsValid).Line}).");
        }

        await areaStore.PlaceAsync(SitePlacements.Of(sites.Select(row => row.Value!)), tree, cancellationToken);
        await markers.SetMarkerAsync(AreasMarker, cancellationToken);
    }

    /// <summary>Units' pieces for the bulletin, checked by the same validation as the API's and stored as their units sent them.</summary>
    private async Task<int> SeedContributionsAsync(
        string file, IReadOnlyList<RowResult<UnitDefinition>> units, IReadOnlyList<RowResult<SiteDefinition>> sites, DateOnly today, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        var seeded = System.Text.Json.JsonSerializer.Deserialize<List<SeedContribution>>(await File.ReadAllTextAsync(file, cancellationToken), JsonBody.Options) ?? [];
        foreach (var piece in seeded)
        {
            var day = today.AddDays(-piece.DaysBack);
            var request = new ContributionRequest(piece.SiteId, day.ToString("O"), piece.Title, piece.Paragraphs, piece.People, piece.Quote, piece.QuoteBy);
            var unit = units.Select(row => row.Value!).FirstOrDefault(unit => unit.Id == piece.UnitId);
            var site = sites.Select(row => row.Value!).FirstOrDefault(site => site.Id == piece.SiteId);
            if (ContributionValidation.Validate(request, today, out var errors) is not { } draft || unit is null || site is null || !unit.SiteIds.Contains(site.Id))
            {
                throw new InvalidDataException($"seeds/contributions.json: the piece '{piece.Title}' is not valid ({string.Join("; ", errors.Select(error => error.Key))}, or its unit does not serve its site).");
            }

            await contributions.AddAsync(new Contribution(ContributionStore.NewId(day), unit.Id, unit.Name, site.Id,
                Bulletins.BulletinTypography.Place(site.Name, site.Community), day, draft.Title, draft.Paragraphs, draft.People, draft.Quote, draft.QuoteBy,
                "seeds", null, now, ContributionStatus.Submitted, null, unit.PartyCommittee), cancellationToken);
        }

        return seeded.Count;
    }

    private sealed record SeedContribution(
        int DaysBack, string UnitId, string SiteId, string Title, IReadOnlyList<string?> Paragraphs, IReadOnlyList<PersonRequest?>? People, string? Quote, string? QuoteBy);


    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Units} units and {Sites} sites, queued {Volunteers} demo registrations, recorded {Counts} daily counts and {Pieces} bulletin contributions")]
    private static partial void LogSeeded(ILogger logger, int units, int sites, int volunteers, int counts, int pieces);
}
