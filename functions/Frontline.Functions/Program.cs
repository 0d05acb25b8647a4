using Frontline;
using Frontline.Hosting;
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
    return builder.Build();
});
