using Frontline;
using Frontline.Host;
using Frontline.Hosting;
using Frontline.Host.Triggers;

var builder = WebApplication.CreateBuilder(args);
builder.AddSeededBulletinSeries();
await using var azurite = await builder.StartLocalStorageAsync();

builder.Services.AddFrontline(builder.Configuration);
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
