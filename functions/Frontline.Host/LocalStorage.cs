using Frontline.Storage;

namespace Frontline.Host;

public static class LocalStorage
{
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
