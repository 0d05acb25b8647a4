using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Teams;
using Frontline.Volunteers;
using Microsoft.Extensions.Logging;

namespace Frontline.Seeding;

/// <summary>
/// Loads <c>seeds/teams.json</c>: the sources' teams, a 点长's role and a site's demo duty phone (only where the office
/// has entered none). Teams hold their people by
/// phone hash, so the seeder needs no volunteer to have left the registration queue yet: each member shows up in their
/// team as soon as the processor stores them. Checked against the seeds' units, sites and volunteers with the API's own
/// rules (a leader who is a member, a unit's own people at its own sites); a marker makes it a one-time act, apart from
/// the rest of the demo data, so a store seeded before teams existed gets them at its next start.
/// </summary>
public sealed partial class TeamSeeder(TeamStore store, SeedFile seedFile, PersonalData personalData, TimeProvider time, ILogger<TeamSeeder> logger)
{
    public const string Marker = "demo-teams";

    private const string SeededBy = "seeds";

    public async Task<bool> SeedAsync(string seedsDirectory, CancellationToken cancellationToken) =>
        await seedFile.LoadOnceAsync<SeedTeams>(seedsDirectory, "teams.json", Marker, seeds => AddAsync(seedsDirectory, seeds, cancellationToken), cancellationToken) is not null;

    private async Task<int> AddAsync(string seedsDirectory, SeedTeams seeds, CancellationToken cancellationToken)
    {
        var units = CatalogImport.ReadUnits(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "units.csv"), cancellationToken))
            .Where(row => row.IsValid).ToDictionary(row => row.Value!.Id, row => row.Value!, StringComparer.Ordinal);
        // Phone → unit, for the volunteers the seeds register.
        var people = Csv.ReadWithHeader(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "volunteers.csv"), cancellationToken))
            .ToDictionary(row => Normalized(row["phone"]), row => row["workUnit"], StringComparer.Ordinal);
        var now = time.GetUtcNow();

        foreach (var seed in seeds.Teams)
        {
            var problem = TeamValidation.Validate(new TeamRequest(seed.Name, seed.Kind, seed.SiteIds, seed.Leader, seed.Members), out var errors) is null
                ? string.Join("; ", errors.Select(error => $"{error.Key}: {error.Value[0]}"))
                : !units.TryGetValue(seed.UnitId, out var unit) ? "unknown unit"
                : seed.SiteIds.FirstOrDefault(site => !unit.SiteIds.Contains(site)) is { } foreign ? $"the unit does not serve {foreign}"
                : seed.Members.FirstOrDefault(phone => people.GetValueOrDefault(Normalized(phone)) != seed.UnitId) is { } stranger ? $"{stranger} is not the unit's volunteer"
                : null;
            if (problem is not null)
            {
                throw new InvalidDataException($"seeds/teams.json: the team '{seed.Name}' is not valid ({problem}).");
            }

            await store.AddAsync(new Team(TeamStore.NewId(), seed.UnitId, seed.Name, seed.Kind, seed.SiteIds, Hash(seed.Leader),
                seed.Members.Select(Hash).ToList(), SeededBy, now), cancellationToken);
        }

        foreach (var role in seeds.Roles)
        {
            if (!SiteRoles.All.Contains(role.Role) || people.GetValueOrDefault(Normalized(role.Phone)) is not { } unitId
                || !units.TryGetValue(unitId, out var unit) || !unit.SiteIds.Contains(role.SiteId))
            {
                throw new InvalidDataException($"seeds/teams.json: the role {role.Role} at {role.SiteId} is not valid (a role, of a seeded volunteer, at a site of their unit).");
            }

            await store.SetRoleAsync(unitId, new SiteRole(Hash(role.Phone), role.SiteId, role.Role, SeededBy, now), cancellationToken);
        }

        var dutyPhones = 0;
        foreach (var phone in seeds.DutyPhones)
        {
            if (!units.Values.Any(unit => unit.SiteIds.Contains(phone.SiteId)))
            {
                throw new InvalidDataException($"seeds/teams.json: no seeded unit serves {phone.SiteId}.");
            }

            var dutyPhone = TeamValidation.DutyPhone(phone.DutyPhone, out var error)
                ?? throw new InvalidDataException($"seeds/teams.json: the duty phone of {phone.SiteId} is not valid ({error}).");
            // Only where the office has entered none: its own line, set before the demo's teams were seeded, stays.
            dutyPhones += await store.AddDutyPhoneAsync(phone.SiteId, dutyPhone, SeededBy, now, cancellationToken) ? 1 : 0;
        }

        LogSeeded(logger, seeds.Teams.Count, seeds.Roles.Count, dutyPhones);
        return seeds.Teams.Count;
    }

    private static string Normalized(string phone) =>
        PhoneNumber.TryNormalize(phone, out var normalized) ? normalized : throw new InvalidDataException($"Not a mobile number in the seeds: {phone}.");

    private string Hash(string phone) => personalData.PhoneHash(Normalized(phone));

    private sealed record SeedTeams(IReadOnlyList<SeedTeam> Teams, IReadOnlyList<SeedRole> Roles, IReadOnlyList<SeedDutyPhone> DutyPhones);

    private sealed record SeedTeam(string UnitId, string Name, string Kind, IReadOnlyList<string> SiteIds, string Leader, IReadOnlyList<string> Members);

    private sealed record SeedRole(string Phone, string SiteId, string Role);

    private sealed record SeedDutyPhone(string SiteId, string DutyPhone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Teams} teams, {Roles} site roles and {DutyPhones} duty phones")]
    private static partial void LogSeeded(ILogger logger, int teams, int roles, int dutyPhones);
}
