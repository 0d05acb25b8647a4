using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Frontline.Http;

/// <summary>The address a request came from, as the registration limiter counts it and the audit trail records it.</summary>
public sealed class ClientAddress(IConfiguration configuration)
{
    // Behind Azure's front end the client is the last address the front end appended to X-Forwarded-For; anywhere
    // else that header is whatever the client wants it to be, so it is ignored.
    private readonly bool _trustForwardedFor = !string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]);

    public string Of(HttpContext context)
    {
        if (_trustForwardedFor && context.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            // The front end may append "address:port".
            return IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address.ToString() : last;
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
