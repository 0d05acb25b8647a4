using Frontline.Queues;
using Frontline.Scheduling;
using Frontline.Storage;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Frontline.Host.Triggers;

/// <summary>
/// The queue and timer triggers of the local host, on the WebJobs SDK: the engine under Azure Functions' own queue
/// and timer triggers, configured from the same numbers as Frontline.Functions' host.json (<see cref="QueueSemantics"/>).
/// </summary>
public static class TriggerRegistration
{
    public static IServiceCollection AddFrontlineTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueTriggerOptions>()
            .Bind(configuration.GetSection(QueueTriggerOptions.SectionName))
            .Validate(options => options.BatchSize is >= 1 and <= 32, "Frontline:Queues:BatchSize must be 1 to 32 (Azure's receive limit).")
            .Validate(options => options.MaxDequeueCount >= 1, "Frontline:Queues:MaxDequeueCount must be at least 1.")
            .Validate(options => options.NewBatchThreshold >= 0, "Frontline:Queues:NewBatchThreshold must be 0 or more.")
            .Validate(options => options.MaxPollingInterval >= TimeSpan.FromMilliseconds(100), "Frontline:Queues:MaxPollingInterval must be at least 00:00:00.100 (the SDK's minimum).")
            .ValidateOnStart();
        // A host can serve HTTP only (Frontline:Triggers:Enabled=false), e.g. to measure intake on its own.
        if (!configuration.GetValue("Frontline:Triggers:Enabled", defaultValue: true))
        {
            return services;
        }

        var webJobs = services.AddWebJobs(_ => { });
        // The SDK's OptionsLoggingService logs its options once at start, and its StopAsync throws when the container was
        // disposed first, which a test host's disposal does now and then: the options are this class's, so it goes.
        foreach (var optionsLogging in services.Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name == "OptionsLoggingService").ToList())
        {
            services.Remove(optionsLogging);
        }
        webJobs.AddAzureStorageCoreServices();
        webJobs.AddAzureStorageQueues();
        webJobs.AddTimers();
        services.Replace(ServiceDescriptor.Singleton<ScheduleMonitor, BlobScheduleMonitor>());
        services.Replace(ServiceDescriptor.Singleton<INameResolver, FrontlineNameResolver>());
        services.Replace(ServiceDescriptor.Singleton<IHostIdProvider, FrontlineHostId>());
        services.Replace(ServiceDescriptor.Singleton<IWebJobsExceptionHandler, TriggerFailureHandler>());
        services.Replace(ServiceDescriptor.Singleton<ITypeLocator>(new FunctionTypes(typeof(QueueFunctions), typeof(TimerFunctions))));
        services.AddOptions<QueuesOptions>().Configure<IOptions<QueueTriggerOptions>>((queues, ours) => ours.Value.ApplyTo(queues));
        services.AddOptions<ScheduleSettings>().Validate<IConfiguration, IEnumerable<IScheduledOperation>>(
            (_, settings, operations) => operations.All(operation => ScheduleSettings.Parse(settings[operation.ScheduleSetting], operation.ScheduleSetting) is not null)).ValidateOnStart();

        // Read here, not from the options: whether the clients get the policy is decided while the services are registered.
        if (configuration.GetSection(QueueTriggerOptions.SectionName).Get<QueueTriggerOptions>()?.ReceiveLease is { } shorter)
        {
            var factory = services.Last(service => service.ServiceType == typeof(AzureComponentFactory));
            services.Replace(ServiceDescriptor.Singleton<AzureComponentFactory>(provider =>
                new ReceiveLeaseComponentFactory((AzureComponentFactory)ActivatorUtilities.CreateInstance(provider, factory.ImplementationType!), shorter)));
        }

        services.AddHostedService<FrontlineTriggers>();
        return services;
    }

    /// <summary>Only the two classes of functions: the SDK's default scans every loaded assembly.</summary>
    private sealed class FunctionTypes(params Type[] types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}

/// <summary>
/// Host.json's <c>extensions.queues</c> (see <see cref="QueueSemantics"/>), bound from <c>Frontline:Queues</c> so that
/// tests can shorten the waits.
/// </summary>
public sealed class QueueTriggerOptions
{
    public const string SectionName = "Frontline:Queues";

    public int BatchSize { get; set; } = QueueSemantics.BatchSize;

    public int NewBatchThreshold { get; set; } = QueueSemantics.NewBatchThreshold;

    public int MaxDequeueCount { get; set; } = QueueSemantics.MaxDequeueCount;

    public TimeSpan VisibilityTimeout { get; set; } = QueueSemantics.VisibilityTimeout;

    public TimeSpan MaxPollingInterval { get; set; } = QueueSemantics.MaxPollingInterval;

    /// <summary>Tests only: see <see cref="ReceiveLeasePolicy"/>. Unset, the SDK's 10 minutes apply, as on Azure.</summary>
    public TimeSpan? ReceiveLease { get; set; }

    public void ApplyTo(QueuesOptions queues)
    {
        queues.BatchSize = BatchSize;
        queues.NewBatchThreshold = NewBatchThreshold;
        queues.MaxDequeueCount = MaxDequeueCount;
        queues.VisibilityTimeout = VisibilityTimeout;
        queues.MaxPollingInterval = MaxPollingInterval;
        queues.MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64;
    }
}

/// <summary>The schedules, checked at start so that a bad one names its setting (the SDK would fail to index the function).</summary>
public sealed class ScheduleSettings
{
    public static CrontabSchedule Parse(string? expression, string settingName) =>
        CrontabSchedule.TryParse(expression ?? "", new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new OptionsValidationException(settingName, typeof(ScheduleSettings),
                [$"The app setting {settingName} must be a 6-field NCRONTAB schedule (seconds first), such as '0 30 0 * * *'; it is '{expression}'."]);
}

/// <summary>
/// Starts the WebJobs host once storage is ready (its queues exist), and stops it, draining in-flight messages, with the
/// app. The host is made here rather than taken from the container, so that this class disposes it after it stopped:
/// disposed by the container while a stop was cut short, it throws (its singleton lock's timer is already stopped).
/// </summary>
public sealed partial class FrontlineTriggers(IServiceProvider services, StorageStartup storage, ILogger<FrontlineTriggers> logger) : BackgroundService
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private JobHost? _jobs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        var jobs = ActivatorUtilities.CreateInstance<JobHost>(services);
        await jobs.StartAsync(stoppingToken);
        _jobs = jobs;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_jobs is not { } jobs)
        {
            return;
        }

        try
        {
            // In-flight handlers take well under a second; with storage gone, releasing the timer's lease would retry for half a minute.
            await jobs.StopAsync().WaitAsync(StopTimeout, cancellationToken);
            jobs.Dispose();
        }
        catch (Exception exception) when (StorageFaults.IsOutage(exception) || exception is Azure.RequestFailedException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            // The timer's lease runs out on its own (a minute), and unsettled messages reappear when theirs do.
            LogStoppedUncleanly(logger, exception.GetType().Name, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The triggers stopped without releasing their leases: {Kind}: {Reason}")]
    private static partial void LogStoppedUncleanly(ILogger logger, string kind, string reason);
}
