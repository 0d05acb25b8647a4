using Frontline.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Frontline.Seeding;

/// <summary>With <c>Frontline:SeedDemoData</c> (the local host's run command), the demo data, once per store.</summary>
public sealed class DemoSeedTask(DemoSeeder seeder, TeamSeeder teams, IOptions<FrontlineOptions> options, IHostEnvironment environment) : IStorageStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedDemoData)
        {
            var seeds = Path.GetFullPath(options.Value.SeedsPath, environment.ContentRootPath);
            await seeder.SeedAsync(seeds, cancellationToken);
            await teams.SeedAsync(seeds, cancellationToken);
        }
    }
}
