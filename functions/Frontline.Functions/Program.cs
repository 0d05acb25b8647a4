using Frontline;
using Frontline.Hosting;
using Frontline.Storage;
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
    // The queue triggers bind to the queue names as they are (QueueNames), so a name prefix, which only the tests'
    // shared emulator needs, would leave every message unread: refuse it at start, by name.
    builder.Services.AddOptions<StorageOptions>().Validate(storage => storage.NamePrefix.Length == 0,
        "Frontline:Storage:NamePrefix must be empty under the Functions host: its queue triggers read the unprefixed queues.");
    return builder.Build();
});
