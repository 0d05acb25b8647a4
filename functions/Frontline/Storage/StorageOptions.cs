using System.ComponentModel.DataAnnotations;

namespace Frontline.Storage;

/// <summary>
/// Where the data lives. The connection is the one Azure Functions itself uses (<c>AzureWebJobsStorage</c>):
/// a connection string locally (<c>UseDevelopmentStorage=true</c> for Azurite), or identity-based settings
/// in Azure (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string ConnectionName = "AzureWebJobsStorage";
    public const string SectionName = "Frontline:Storage";

    /// <summary>
    /// Prepended to every table and queue name. Empty in deployments; tests set a unique prefix so that
    /// they share one Azurite without touching each other. Letters and digits only, so that the result is
    /// still a valid table name (and, lower-cased, a valid queue name).
    /// </summary>
    [RegularExpression("^[a-z][a-z0-9]{0,15}$|^$", ErrorMessage = "Frontline:Storage:NamePrefix must be empty or up to 16 lower-case letters and digits, starting with a letter.")]
    public string NamePrefix { get; set; } = "";

    /// <summary>
    /// How long a starting host waits for storage to answer (serving 503s meanwhile) before it gives up and exits
    /// with the reason. In Azure the Functions host then starts the worker again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Frontline:Storage:StartupTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Count what reaches storage per partition and second (<see cref="StorageMeter"/>); for benchmarks and capacity checks.</summary>
    public bool Meter { get; set; }
}
