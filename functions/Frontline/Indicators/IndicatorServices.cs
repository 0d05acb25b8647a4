using Frontline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Indicators;

public static class IndicatorServices
{
    /// <summary>The definition set: its store, its endpoints, and the seeding of the defaults once storage answers.</summary>
    public static IServiceCollection AddFrontlineIndicators(this IServiceCollection services)
    {
        services.AddSingleton<IndicatorStore>();
        services.AddSingleton<IndicatorEndpoints>();
        services.AddSingleton<IndicatorSeeder>();
        return services;
    }

    /// <summary>The startup task, registered where AddFrontline orders the startup tasks.</summary>
    public static IServiceCollection AddIndicatorSeeding(this IServiceCollection services) =>
        services.AddSingleton<IStorageStartupTask>(provider => provider.GetRequiredService<IndicatorSeeder>());
}
