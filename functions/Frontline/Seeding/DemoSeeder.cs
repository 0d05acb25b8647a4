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
    DeploymentStore deployment,
    QueueSender queue,
    PersonalData personalData,
    DailyCountRecorder dailyCounts,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<DemoSeeder> logger)
{
    public const string Marker = "demo-seed";

    public async Task<bool> SeedAsync(string seedsDirectory, CancellationToken cancellationToken)
    {
        if (await deployment.HasMarkerAsync(Marker, cancellationToken))
        {
            return false;
        }

        var units = CatalogImport.ReadUnits(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "units.csv"), cancellationToken));
        var sites = CatalogImport.ReadSites(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "sites.csv"), cancellationToken));
        if (units.Concat<object>(sites).Any(row => row is RowResult<UnitDefinition> { IsValid: false } or RowResult<SiteDefinition> { IsValid: false }))
        {
            throw new InvalidDataException("The seeds have rows the importer refuses; fix seeds/units.csv and seeds/sites.csv.");
        }

        await deployment.ImportUnitsAsync(units.Select(row => row.Value!), cancellationToken);
        await deployment.ImportSitesAsync(sites.Select(row => row.Value!), cancellationToken);

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
            await queue.SendAsync(QueueNames.Registrations, new RegistrationMessage(
                personalData.NewRegistrationId(phoneHash), now, registration.Name, personalData.Encrypt(registration.Phone), phoneHash,
                registration.WorkUnit, registration.PartyMember, registration.PartyBranch, registration.HomeCommunity, registration.Skills,
                registration.AvailableFrom, registration.AvailableTo), cancellationToken);
        }

        var counts = Csv.ReadWithHeader(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "daily-counts.csv"), cancellationToken));
        foreach (var row in counts)
        {
            var day = today.AddDays(-int.Parse(row["daysBack"], System.Globalization.CultureInfo.InvariantCulture));
            var request = new CountsRequest(Long(row, "onDuty"), Long(row, "partyMembers"), Long(row, "tested"), Long(row, "peopleChecked"),
                Long(row, "vehiclesChecked"), Long(row, "suppliesDelivered"), Long(row, "householdsVisited"), row.GetValueOrDefault("highlight"));
            var valid = CountValidation.Validate(request, out _)
                ?? throw new InvalidDataException($"seeds/daily-counts.csv has an invalid row for {row["siteId"]}.");
            await dailyCounts.RecordAsync(row["unitId"], row["siteId"], day, valid, "seeds", null, cancellationToken);
        }

        await deployment.SetMarkerAsync(Marker, cancellationToken);
        LogSeeded(logger, units.Count, sites.Count, volunteers.Count, counts.Count);
        return true;
    }

    private static long Long(Dictionary<string, string> row, string field) => long.Parse(row[field], System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Units} units and {Sites} sites, queued {Volunteers} demo registrations and recorded {Counts} daily counts")]
    private static partial void LogSeeded(ILogger logger, int units, int sites, int volunteers, int counts);
}
