using Frontline.Http;

namespace Frontline.Reminders;

/// <summary>Reminding units that have not reported a day, and what was sent.</summary>
public static class ReminderRoutes
{
    public static RouteDeclaration SendReminders { get; } = new("SendReminders", "POST", ApiRoutes.Reminders, RouteAccess.Coordinators,
        call => call.Service<ReminderEndpoints>().SendAsync(call.Request, call.Cancellation))
    {
        Summary = new("提醒未报送的单位", "Queue a reminder for each unit missing a day's report"),
        Request = typeof(ReminderRequest), Response = typeof(RemindersQueued), SuccessStatus = 202, Problems = [400, 413, 415],
    };

    public static RouteDeclaration ReminderOutbox { get; } = new("ReminderOutbox", "GET", ApiRoutes.ReminderOutbox, RouteAccess.Coordinators,
        call => call.Service<ReminderEndpoints>().OutboxAsync(call.Request, call.Cancellation))
    {
        Summary = new("已发送的提醒", "The reminders sent on a day"),
        Response = typeof(OutboxView), Problems = [400],
        Query = [new("day", "The day, yyyy-MM-dd.", Required: true, Format: "date", Example: "2022-12-15")],
    };

    public static IReadOnlyList<RouteDeclaration> All => [SendReminders, ReminderOutbox];
}
