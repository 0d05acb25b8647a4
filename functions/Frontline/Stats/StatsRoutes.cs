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

    public static RouteDeclaration HealthDetail { get; } = new("HealthDetail", "GET", ApiRoutes.HealthDetail, RouteAccess.Coordinators,
        call => call.Service<HealthDetailEndpoints>().GetAsync(call.Cancellation))
    {
        Summary = new("运行状况详情：队列积压、简报是否按时、最近汇总", "Operations detail: queue backlogs and poison, bulletins against their timer, the last roll-up"),
        Response = typeof(HealthDetail), Problems = [503],
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
            new("to", "Last day, yyyy-MM-dd (default today).", Format: "date", Example: "2022-12-15"),
            new("area", "Only the sites in this area and below it (an area's code).", Example: "510100")],
    };

    public static RouteDeclaration AreaStats { get; } = new("AreaStats", "GET", ApiRoutes.AreaStats, RouteAccess.Anyone,
        call => call.Service<AreaFiguresEndpoints>().GetAsync(call.Request, call.Cancellation))
    {
        Summary = new("按行政区划逐级查看某日数字", "A day's figures for an area and for each area directly under it (the top areas without one): the dashboard's drill-down"),
        Response = typeof(AreaDayFigures), Problems = [400, 404],
        Query = [new("area", "The area (an area's code); none for the top of the tree.", Example: "510100"),
            new("day", "The day, yyyy-MM-dd (default today).", Format: "date", Example: "2022-09-16")],
    };

    public static IReadOnlyList<RouteDeclaration> All => [Health, HealthDetail, Stats, DailyStats, AreaStats];
}
