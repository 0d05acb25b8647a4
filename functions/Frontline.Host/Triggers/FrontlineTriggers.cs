using Frontline.Queues;
using Frontline.Scheduling;
using Frontline.Storage;

namespace Frontline.Host.Triggers;

/// <summary>Starts a listener for every queue handler and a runner for every scheduled operation the library registers.</summary>
public sealed class FrontlineTriggers(
    IServiceProvider services,
    IEnumerable<IQueueHandler> handlers,
    IEnumerable<IScheduledOperation> operations,
    StorageStartup storage) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Listen once the queues exist: until then every receive would fail.
        await storage.Ready.WaitAsync(stoppingToken);
        var listeners = handlers.Select(handler => (BackgroundService)ActivatorUtilities.CreateInstance<QueueListener>(services, handler))
            .Concat(operations.Select(operation => ActivatorUtilities.CreateInstance<ScheduledOperationRunner>(services, operation)))
            .ToList();
        await Task.WhenAll(listeners.Select(async listener =>
        {
            await listener.StartAsync(stoppingToken);
            try
            {
                await (listener.ExecuteTask ?? Task.CompletedTask);
            }
            finally
            {
                await listener.StopAsync(CancellationToken.None);
                listener.Dispose();
            }
        }));
    }
}

public static class TriggerRegistration
{
    public static IServiceCollection AddFrontlineTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueListenerOptions>()
            .Bind(configuration.GetSection(QueueListenerOptions.SectionName))
            .Validate(options => options.BatchSize is >= 1 and <= 32, "Frontline:Queues:BatchSize must be 1 to 32 (Azure's receive limit).")
            .Validate(options => options.MaxDequeueCount >= 1, "Frontline:Queues:MaxDequeueCount must be at least 1.")
            .ValidateOnStart();
        // A host can serve HTTP only (Frontline:Triggers:Enabled=false), e.g. to measure intake on its own.
        if (configuration.GetValue("Frontline:Triggers:Enabled", defaultValue: true))
        {
            services.AddHostedService<FrontlineTriggers>();
        }

        return services;
    }
}
