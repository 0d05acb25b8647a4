using Frontline.Applications;
using Frontline.Areas;
using Frontline.Audit;
using Frontline.Batches;
using Frontline.Bulletins;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using Frontline.Exports;
using Frontline.Http;
using Frontline.Indicators;
using Frontline.OpenApi;
using Frontline.Queues;
using Frontline.Reminders;
using Frontline.Security;
using Frontline.Shifts;
using Frontline.Sites;
using Frontline.Stats;
using Frontline.Teams;
using Frontline.Volunteers;

namespace Frontline;

/// <summary>Every feature's routes together (the library's root composes the features, as AddFrontline does): what both hosts bind, what the fallback's Allow says and what the OpenAPI document lists.</summary>
public static class RouteTable
{
    /// <summary>The features in the order the OpenAPI document lists them, each with its tag (its folder) and its routes.</summary>
    public static IReadOnlyList<(string Tag, Bilingual Description, IReadOnlyList<RouteDeclaration> Routes)> Features { get; } =
    [
        ("Stats", new("公开数字与健康检查", "Public figures and health"), StatsRoutes.All),
        ("Sites", new("派出单位与服务点位", "Units and sites"), SiteRoutes.All),
        ("Areas", new("行政区划与点位所在区划", "Areas: the administrative tree and where each site is"), AreaRoutes.All),
        ("Volunteers", new("志愿者报名与调配", "Volunteer registration, directory and reassignment"), [.. RegistrationRoutes.All, .. VolunteerRoutes.All]),
        ("Batches", new("派出批次与轮换", "Dispatch batches and rotations"), BatchRoutes.All),
        ("Shifts", new("班次与值守时长", "Shifts and duty hours"), ShiftRoutes.All),
        ("Teams", new("队伍、负责人与点位值班电话", "Teams, leaders and sites' duty phones"), TeamRoutes.All),
        ("DailyCounts", new("每日数字报送", "Daily counts"), DailyCountRoutes.All),
        ("Bulletins", new("简报与稿件", "Bulletins and units' pieces"), [.. BulletinRoutes.All, .. ContributionRoutes.All]),
        ("Reminders", new("催报提醒", "Reminders to units missing a report"), ReminderRoutes.All),
        ("Queues", new("失败消息", "Poison queues"), PoisonQueueRoutes.All),
        ("Indicators", new("指标定义（版本化）", "Indicator definitions, versioned"), IndicatorRoutes.All),
        ("Exports", new("导出", "Exports"), ExportRoutes.All),
        ("Applications", new("单位系统的绑定", "Units' systems: application bindings"), ApplicationRoutes.All),
        ("Audit", new("审计记录", "The audit trail of sensitive actions"), AuditRoutes.All),
        ("Security", new("开发用令牌", "Development tokens"), DevTokenRoutes.All),
        ("Reference", new("接口说明", "This description"), OpenApiRoutes.All),
    ];

    public static IReadOnlyList<RouteDeclaration> All { get; } = [.. Features.SelectMany(feature => feature.Routes)];

    public static string TagOf(RouteDeclaration route) => Features.First(feature => feature.Routes.Contains(route)).Tag;
}
