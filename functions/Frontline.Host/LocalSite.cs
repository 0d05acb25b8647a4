using Frontline.Security;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Frontline.Host;

/// <summary>Serves the built site (web/dist) next to the API, with the headers Static Web Apps sends in Azure.</summary>
public static class LocalSite
{
    /// <summary>
    /// The same policy as web/staticwebapp.config.json: the site's own files only, plus Entra ID's sign-in endpoint for
    /// MSAL's token calls (connect-src) and its hidden silent-renewal frame (frame-src). The portal's service worker
    /// and web app manifest are the site's own (worker-src, manifest-src).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; worker-src 'self'; manifest-src 'self'; " +
        "connect-src 'self' https://login.microsoftonline.com; frame-src https://login.microsoftonline.com; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// MSAL's redirect bridge (web/auth-redirect.html), as web/staticwebapp.config.json sends it: it runs in the
    /// portal's hidden silent-renewal frame, so the portal's own origin may frame it; it talks to nobody.
    /// </summary>
    public const string RedirectBridgeContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    public const string RedirectBridgePath = "/auth-redirect.html";

    /// <summary>The portal's service worker (vite-plugin-pwa's Workbox build, web/vite.config.ts).</summary>
    public const string ServiceWorkerPath = "/sw.js";

    public static WebApplication UseFrontlineSite(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            // Routing ignores case (so does the Functions host), so /API/health is an API answer too.
            if (context.Request.Path.StartsWithSegments("/" + Http.ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                // The same list the Functions app sends from host.json.
                Http.ApiResponseHeaders.Apply(context.Response);
            }
            else
            {
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                var bridge = context.Request.Path == RedirectBridgePath;
                headers.ContentSecurityPolicy = bridge ? RedirectBridgeContentSecurityPolicy : ContentSecurityPolicy;
                if (bridge)
                {
                    headers.CacheControl = "no-store";
                }
                else if (context.Request.Path == ServiceWorkerPath)
                {
                    // The browser checks the worker for updates; a cached copy would hold back a new site.
                    headers.CacheControl = "no-cache";
                }
            }

            await next();
        });

        // The site's runtime settings (web/src/config.ts). In Azure the web service's azd hook writes config.json
        // with the Entra ID app; here, in Development, the host says so itself and the portal offers the
        // development sign-in (POST /api/dev/token) instead.
        var issuer = app.Services.GetRequiredService<DevelopmentTokenIssuer>();
        app.Use(async (context, next) =>
        {
            if (!issuer.IsEnabled || !HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/config.json")
            {
                await next();
                return;
            }

            var options = context.RequestServices.GetRequiredService<IOptions<FrontlineOptions>>().Value;
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsJsonAsync(new
            {
                apiBaseUrl = "",
                entraClientId = "",
                entraTenantId = "",
                development = true,
                timeZone = options.TimeZone,
                countLockDays = options.CountLockDays,
            });
        });

        var webRoot = Path.GetFullPath(app.Configuration["Frontline:WebRoot"] ?? "../../web/dist", app.Environment.ContentRootPath);
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        return app;
    }
}
