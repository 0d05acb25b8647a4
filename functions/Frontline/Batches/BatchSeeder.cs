using Frontline.Seeding;
using Frontline.Sites;

namespace Frontline.Batches;

/// <summary>
/// The demo's dispatch batches (<c>seeds/batches.json</c>), checked by the API's own validation and stored as a unit's
/// organiser would record them, each rotation replacing the batch before it. Its own marker: a store seeded before
/// batches existed gets them at its next start, and nothing twice.
/// </summary>
public sealed class BatchSeeder(BatchStore store, BatchPeopleCache batchPeople, CatalogCache catalogCache, SeedFile seedFile, TimeProvider time)
{
    public const string Marker = "demo-batches";

    public async Task<int> SeedAsync(string seedsDirectory, CancellationToken cancellationToken) =>
        await seedFile.LoadOnceAsync<List<SeedBatch>>(seedsDirectory, "batches.json", Marker, seeded => AddAsync(seeded, cancellationToken), cancellationToken) ?? 0;

    private async Task<int> AddAsync(List<SeedBatch> seeded, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken, fresh: true);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seed in seeded)
        {
            // The file names the batch a rotation replaces by its key in the file; the store knows it by the id it was given.
            var replaces = seed.Replaces is { } key ? ids.GetValueOrDefault(key) ?? throw Invalid(seed, $"replaces {key}, which is not an earlier batch of the file") : null;
            var request = new BatchRequest(seed.From, seed.To, seed.Sites, null, replaces);
            if (BatchValidation.Validate(request, out var errors) is not { } draft)
            {
                throw Invalid(seed, string.Join("; ", errors.Select(error => $"{error.Key}: {error.Value[0]}")));
            }

            if (!catalog.Units.TryGetValue(seed.UnitId, out var unit) || draft.Sites.Any(site => !unit.SiteIds.Contains(site.SiteId)))
            {
                throw Invalid(seed, "its unit is not in seeds/units.csv or does not serve its sites");
            }

            var replaced = replaces is null ? null : await store.GetAsync(unit.Id, replaces, cancellationToken);
            if (replaced is { } earlier && draft.From <= earlier.Batch.To)
            {
                throw Invalid(seed, "a rotation starts after the batch it replaces ends");
            }

            // The report's history as it was recorded: each batch on its first day (08:00 Beijing), so a bulletin of any
            // period since then counts it. Its id comes from its key, so a load that stopped half-way skips what it stored.
            var id = BatchStore.StableId(draft.From, $"{unit.Id}/{seed.Key}");
            ids[seed.Key] = id;
            if (await store.GetAsync(unit.Id, id, cancellationToken) is not null)
            {
                continue;
            }

            var recorded = new DateTimeOffset(draft.From.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
            var batch = new Batch(id, unit.Id, draft.From, draft.To,
                draft.Sites.Select(site => new BatchSite(site.SiteId, site.People, 0, 0, 0)).ToList(), [], replaces, null, BatchStatus.Active, "seeds",
                recorded < time.GetUtcNow() ? recorded : time.GetUtcNow());
            await store.AddAsync(batch, replaced, cancellationToken);
            batchPeople.Forget();
        }

        return seeded.Count;
    }

    private static InvalidDataException Invalid(SeedBatch seed, string why) => new($"seeds/batches.json: the batch '{seed.Key}' is not valid ({why}).");

    private sealed record SeedBatch(string Key, string UnitId, string From, string To, IReadOnlyList<BatchSiteRequest?> Sites, string? Replaces);
}
