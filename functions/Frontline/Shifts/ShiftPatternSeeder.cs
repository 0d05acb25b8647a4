using Frontline.Seeding;
using Frontline.Sites;

namespace Frontline.Shifts;

/// <summary>
/// The demo's shift patterns (<c>seeds/shift-patterns.json</c>), checked by the API's own validation. Its own marker:
/// a store seeded before shifts existed gets them at its next start, and a pattern a Coordinator changed since is
/// never put back.
/// </summary>
public sealed class ShiftPatternSeeder(ShiftStore store, CatalogCache catalogCache, SeedFile seedFile, TimeProvider time)
{
    public const string Marker = "demo-shift-patterns";

    public async Task<int> SeedAsync(string seedsDirectory, CancellationToken cancellationToken) =>
        await seedFile.LoadOnceAsync<List<SeedPattern>>(seedsDirectory, "shift-patterns.json", Marker, seeded => PutAsync(seeded, cancellationToken), cancellationToken) ?? 0;

    private async Task<int> PutAsync(List<SeedPattern> seeded, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken, fresh: true);
        foreach (var seed in seeded)
        {
            if (!catalog.Sites.ContainsKey(seed.SiteId)
                || ShiftValidation.Validate(seed.SiteId, new ShiftPatternRequest(seed.Shifts, seed.Handovers), "seeds", time.GetUtcNow(), out _) is not { } pattern)
            {
                throw new InvalidDataException($"seeds/shift-patterns.json: the pattern of '{seed.SiteId}' is not valid, or the site is not in seeds/sites.csv.");
            }

            await store.PutPatternAsync(pattern, null, firstOnly: false, cancellationToken);
        }

        return seeded.Count;
    }

    private sealed record SeedPattern(string SiteId, IReadOnlyList<ShiftTimesRequest?>? Shifts, IReadOnlyList<string?>? Handovers);
}
