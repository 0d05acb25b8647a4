using Frontline;
using Frontline.Host;
using Frontline.Hosting;
using Frontline.Host.Triggers;
using Frontline.OpenApi;
using OpenTelemetry;

// `Frontline.Host openapi <file>` writes the OpenAPI document the hosts serve and exits, without storage: the test
// command lints that file and generates the tests' API client from it.
if (args is ["openapi", var documentPath])
{
    var settings = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
    await File.WriteAllTextAsync(documentPath, new ApiDocument(settings).Json);
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddSeededBulletinSeries();
await using var azurite = await builder.StartLocalStorageAsync();

builder.Services.AddFrontline(builder.Configuration);
// Traces and metrics go to an OpenTelemetry collector when one is configured (OTEL_EXPORTER_OTLP_ENDPOINT, and the
// other OTEL_* settings the exporter reads), and nowhere otherwise.
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    builder.Services.AddOpenTelemetry().UseOtlpExporter();
}

builder.Services.AddFrontlineTriggers(builder.Configuration);

// FrontlineProcess makes a failed start exit non-zero with its reason on standard error.
return await FrontlineProcess.RunAsync(() =>
{
    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseFrontlineSite();
    app.MapFrontlineApi();
    app.Lifetime.ApplicationStarted.Register(() =>
        app.Logger.LogInformation("Frontline is running at {Urls} (Ctrl+C stops it{Storage})", string.Join(", ", app.Urls), azurite is null ? "" : " and Azurite"));
    return app;
});

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
