using Frontline.Storage;

namespace Frontline.Host;

public static class LocalStorage
{
    /// <summary>
    /// With the demo data (<c>Frontline:SeedDemoData</c>), the demo's bulletin series from <c>seeds/bulletin-series.json</c>:
    /// one series per issuing office, each over its own units, and the command office's internal report. They sit
    /// under every other setting (appsettings, environment variables), so a deployment's own series win.
    /// </summary>
    public static void AddSeededBulletinSeries(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>("Frontline:SeedDemoData"))
        {
            return;
        }

        var seeds = Path.GetFullPath(builder.Configuration["Frontline:SeedsPath"] ?? "../../seeds", builder.Environment.ContentRootPath);
        var file = Path.Combine(seeds, "bulletin-series.json");
        if (File.Exists(file))
        {
            var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "bulletin-series.json",
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(seeds),
            };
            builder.Configuration.Sources.Insert(0, source);
        }
    }

    /// <summary>
    /// With <c>Frontline:LocalStorage:StartAzurite</c> (Development), the host starts Azurite on its usual ports with
    /// its data in <c>.azurite/</c>, or uses the Azurite already listening there, and points the app at it.
    /// </summary>
    public static async Task<LocalAzurite?> StartLocalStorageAsync(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>("Frontline:LocalStorage:StartAzurite"))
        {
            return null;
        }

        var azurite = LocalAzurite.IsListening(10001)
            ? LocalAzurite.Existing(10000, 10001, 10002)
            : await LocalAzurite.StartAsync(
                LocalAzurite.FindEmulatorRoot(builder.Environment.ContentRootPath),
                Path.GetFullPath(builder.Configuration["Frontline:LocalStorage:DataDirectory"] ?? "../../.azurite", builder.Environment.ContentRootPath),
                10000, 10001, 10002);
        builder.Configuration[StorageOptions.ConnectionName] = azurite.ConnectionString;
        return azurite;
    }
}
