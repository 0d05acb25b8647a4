using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>
/// Headers on every answer under /api, from both hosts. The Functions host adds them from host.json
/// (<c>extensions.http.customHeaders</c>, on every response it sends, its own 404s included); the local host adds
/// the same in its middleware. A test keeps host.json equal to this list.
/// </summary>
public static class ApiResponseHeaders
{
    /// <remarks>
    /// <c>Cache-Control: no-store</c> goes on every answer, not only those that carry personal data (a registration's
    /// status, the volunteer list, exports, tokens): the rest are live figures that change with each report, and a
    /// rule for all routes cannot miss a new one. A handler that wants its answer cached sets its own Cache-Control,
    /// which wins in both hosts (the Functions host, like <see cref="Apply"/>, only adds a header that is not set).
    /// </remarks>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "same-origin",
        ["Cache-Control"] = "no-store",
    };

    /// <summary>Adds each header the answer does not set itself, as the Functions host's CustomHttpHeadersMiddleware does.</summary>
    public static void Apply(HttpResponse response) => response.OnStarting(() =>
    {
        foreach (var (name, value) in All)
        {
            response.Headers.TryAdd(name, value);
        }

        return Task.CompletedTask;
    });
}
