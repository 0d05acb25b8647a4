using Frontline.Batches;
using Frontline.Shifts;
using Frontline.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Frontline.Seeding;

/// <summary>With <c>Frontline:SeedDemoData</c> (the local host's run command), the demo data, once per store.</summary>
public sealed class DemoSeedTask(
    DemoSeeder seeder, BatchSeeder batches, ShiftPatternSeeder shiftPatterns, TeamSeeder teams, IOptions<FrontlineOptions> options, IHostEnvironment environment) : IStorageStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedDemoData)
        {
            var seeds = Path.GetFullPath(options.Value.SeedsPath, environment.ContentRootPath);
            await seeder.SeedAsync(seeds, cancellationToken);

            // After the catalog they refer to; each has its own marker, so a store seeded before it existed gets it at its next start.
            await batches.SeedAsync(seeds, cancellationToken);
            await shiftPatterns.SeedAsync(seeds, cancellationToken);
            await teams.SeedAsync(seeds, cancellationToken);
        }
    }
}
