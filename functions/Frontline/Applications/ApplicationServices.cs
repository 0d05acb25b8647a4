using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Applications;

public static class ApplicationServices
{
    /// <summary>Units' own systems: bindings, the app-only caller, its rate, and idempotent submissions.</summary>
    public static IServiceCollection AddFrontlineApplications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApplicationOptions>()
            .Bind(configuration.GetSection(ApplicationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ApplicationBindingStore>();
        services.AddSingleton<ApplicationWriteLimiter>();
        services.AddSingleton<ApplicationCallers>();
        services.AddSingleton<Security.IApplicationCallers>(provider => provider.GetRequiredService<ApplicationCallers>());
        services.AddSingleton<ApplicationEndpoints>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotentRequests>();
        return services;
    }
}
