using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Frontline.Telemetry;

/// <summary>
/// Traces and metrics for both hosts: the HTTP request, the queue send, the queue handler (the trace goes on through
/// the message, <see cref="QueueTraceContext"/>), the Table and Queue calls under them, and Frontline's own counts
/// (<see cref="FrontlineMetrics"/>). The library sets up what is observed; each host adds where it goes: the Functions
/// app to Application Insights, the local host to an OTLP endpoint when one is configured, the tests to memory.
/// Nothing personal is recorded: spans carry ids, queue names and statuses, never a name or a phone (a test checks).
/// </summary>
public static class FrontlineTelemetry
{
    public const string ServiceName = "frontline";

    /// <summary>Frontline's own spans: a queue message sent and handled.</summary>
    public static readonly ActivitySource Source = new("Frontline");

    /// <summary>
    /// The Azure SDK's spans for each Table and Queue call come from activity sources that stay silent unless this
    /// switch is on (Azure.Core's "experimental" flag, which is how the SDK ships its OpenTelemetry support today).
    /// </summary>
    private const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>The Azure SDK's sources for the clients Frontline uses.</summary>
    public static readonly string[] AzureSources = ["Azure.Data.Tables.*", "Azure.Storage.Queues.*"];

    public static IOpenTelemetryBuilder AddFrontlineTelemetry(this IServiceCollection services)
    {
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        services.AddSingleton<FrontlineMetrics>();
        services.AddSingleton<QueueBacklog>();
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(Source.Name)
                .AddSource(AzureSources)
                // The API only: the site's files are not worth a span each.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => IsApi(context.Request)))
            .WithMetrics(metrics => metrics
                .AddMeter(FrontlineMetrics.MeterName)
                .AddAspNetCoreInstrumentation());
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
