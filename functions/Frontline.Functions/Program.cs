using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Frontline;
using Frontline.Hosting;
using Frontline.Storage;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions host: the isolated worker with ASP.NET Core integration (HttpRequest in, IActionResult out),
// and the whole application from the library. Every function in Functions/ is one call into it.
// FrontlineProcess makes a failed start exit non-zero with its reason on standard error, which the Functions host logs.
return await FrontlineProcess.RunAsync(() =>
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.Services.AddFrontline(builder.Configuration);
    // The library's traces and metrics (Frontline.Telemetry) with the worker's invocation spans, sent to Application
    // Insights with the app's managed identity: the connection string carries no key, and the exporter signs in
    // (APPLICATIONINSIGHTS_AUTHENTICATION_STRING says the same to the Functions host, which exports its own).
    var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
    if (builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 })
    {
        telemetry.UseAzureMonitorExporter(monitor => monitor.Credential = builder.Configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential());
    }

    // The queue triggers bind to the queue names as they are (QueueNames), so a name prefix, which only the tests'
    // shared emulator needs, would leave every message unread: refuse it at start, by name.
    builder.Services.AddOptions<StorageOptions>().Validate(storage => storage.NamePrefix.Length == 0,
        "Frontline:Storage:NamePrefix must be empty under the Functions host: its queue triggers read the unprefixed queues.");
    return builder.Build();
});
