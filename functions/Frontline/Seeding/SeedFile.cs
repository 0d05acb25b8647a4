using System.Text.Json;
using Frontline.Http;
using Frontline.Sites;

namespace Frontline.Seeding;

/// <summary>
/// One demo file loaded once per store: skipped when the file is absent (a deployment without the demo) or its marker
/// is set; otherwise read as JSON with the API's own options, handed to the seeder, and marked done only after the
/// seeder has written everything, so a start that fails half-way loads the file again at the next start. Each file has
/// its own marker, so a store seeded before a file existed gets it at its next start, and nothing twice.
/// </summary>
public sealed class SeedFile(DeploymentMarkers markers)
{
    /// <summary>What <paramref name="load"/> answered (what it wrote), or null when the file was not loaded.</summary>
    public async Task<int?> LoadOnceAsync<T>(string seedsDirectory, string fileName, string marker, Func<T, Task<int>> load, CancellationToken cancellationToken)
        where T : class
    {
        var path = Path.Combine(seedsDirectory, fileName);
        if (!File.Exists(path) || await markers.HasMarkerAsync(marker, cancellationToken))
        {
            return null;
        }

        var seeds = JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(path, cancellationToken), JsonBody.Options)
            ?? throw new InvalidDataException($"seeds/{fileName} is empty.");
        var written = await load(seeds);
        await markers.SetMarkerAsync(marker, cancellationToken);
        return written;
    }
}
