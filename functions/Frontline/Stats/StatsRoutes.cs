using Frontline.Http;

namespace Frontline.Stats;

/// <summary>The public figures and the health probe.</summary>
public static class StatsRoutes
{
    public static RouteDeclaration Health { get; } = new("Health", "GET", ApiRoutes.Health, RouteAccess.Anyone,
        call => call.Service<StatsEndpoints>().GetHealthAsync(call.Cancellation))
    {
        Summary = new("健康检查", "Health: storage reachable"),
        Response = typeof(HealthStatus),
    };

    public static RouteDeclaration Stats { get; } = new("Stats", "GET", ApiRoutes.Stats, RouteAccess.Anyone,
        call => call.Service<StatsEndpoints>().GetStatsAsync(call.Cancellation))
    {
        Summary = new("公开的总体数字", "The public headline figures"),
        Response = typeof(PublicStats),
    };

    public static RouteDeclaration DailyStats { get; } = new("DailyStats", "GET", ApiRoutes.DailyStats, RouteAccess.Anyone,
        call => call.Service<StatsEndpoints>().GetDailyAsync(call.Request, call.Cancellation))
    {
        Summary = new("每日数字（最多 92 天）", "The daily counts over time, oldest first (at most 92 days)"),
        Response = typeof(DailySeries), Problems = [400],
        Query = [new("from", "First day, yyyy-MM-dd (default 13 days before to).", Format: "date", Example: "2022-12-01"),
            new("to", "Last day, yyyy-MM-dd (default today).", Format: "date", Example: "2022-12-15")],
    };

    public static IReadOnlyList<RouteDeclaration> All => [Health, Stats, DailyStats];
}
