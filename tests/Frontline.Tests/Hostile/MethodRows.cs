namespace Frontline.Tests.Hostile;

public static partial class HostileRows
{
    private static Hostile Method(string method, string path, int status = 405) => new($"{method} {path}", method, path, status);

    public static Hostile[] MethodsAndRoutes =>
    [
        Method("DELETE", "/api/registrations"),
        Method("GET", "/api/registrations"),
        Method("OPTIONS", "/api/registrations"),
        Method("PUT", "/api/health"),
        Method("POST", "/api/stats"),
        Method("DELETE", "/api/units"),
        Method("PUT", "/api/units/import"),
        Method("GET", "/api/sites/import"),
        Method("PATCH", "/api/sites/site-1/counts/{today}"),
        Method("GET", "/api/sites/site-1/counts/{today}"),
        Method("DELETE", "/api/sites/site-1/counts/{today}"),
        Method("GET", "/api/sites/site-1/counts/{today}/reopen"),
        Method("GET", "/api/units/unit-a/counts/{today}"),
        Method("POST", "/api/completeness"),
        Method("GET", "/api/bulletins/run"),
        Method("HEAD", "/api/bulletins/run"),
        Method("POST", "/api/bulletins/feed"),
        Method("DELETE", "/api/bulletins/2022/1"),
        Method("GET", "/api/bulletins/2022/1/corrections"),
        Method("GET", "/api/dev/token"),
        Method("TRACE", "/api/health"),
        Method("GET", "/api/registrations/{regId}/withdraw"),
        Method("GET", "/api/no-such-route", 404),
        Method("POST", "/api/sites/site-1/counts", 404),
        Method("GET", "/api/units/unit-a/counts/{today}/extra", 404),
        Method("GET", "/api/%2e%2e/%2e%2e/etc/passwd", 404),
        Method("GET", "/api/bulletins/2022/1/2/3", 404),
    ];
}
