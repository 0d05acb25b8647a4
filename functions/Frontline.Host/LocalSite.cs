using Microsoft.Extensions.FileProviders;

namespace Frontline.Host;

/// <summary>Serves the built site (web/dist) next to the API, with the headers Static Web Apps sends in Azure.</summary>
public static class LocalSite
{
    public static WebApplication UseFrontlineSite(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/" + Http.ApiRoutes.Prefix, StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://login.microsoftonline.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            }

            await next();
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
