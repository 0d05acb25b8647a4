using Frontline.Http;

namespace Frontline.Queues;

/// <summary>Messages that failed five times, and replaying them.</summary>
public static class PoisonQueueRoutes
{
    public static RouteDeclaration PoisonQueues { get; } = new("PoisonQueues", "GET", ApiRoutes.PoisonQueues, RouteAccess.Coordinators,
        call => call.Service<PoisonQueueEndpoints>().ListAsync(call.Request, call.Cancellation))
    {
        Summary = new("处理失败的消息", "The poison queues' messages with their reasons"),
        Response = typeof(PoisonQueues),
    };

    public static RouteDeclaration ReplayPoisonMessage { get; } = new("ReplayPoisonMessage", "POST", ApiRoutes.PoisonReplay, RouteAccess.Coordinators,
        call => call.Service<PoisonQueueEndpoints>().ReplayAsync(call.Request, call.Route("queue"), call.Route("messageId"), call.Cancellation))
    {
        Audit = new("poison.replayed", new("重新处理失败消息", "Poison message replayed")),
        Summary = new("重新处理一条失败的消息", "Put a poison message back onto its queue"),
        Response = typeof(ReplayAccepted), SuccessStatus = 202, Problems = [404],
    };

    public static IReadOnlyList<RouteDeclaration> All => [PoisonQueues, ReplayPoisonMessage];
}
