using Frontline.Http;

namespace Frontline.Security;

/// <summary>Development tokens for each kind of caller; answers 404 wherever development tokens are off (in Azure).</summary>
public static class DevTokenRoutes
{
    public static RouteDeclaration DevToken { get; } = new("DevToken", "POST", ApiRoutes.DevToken, RouteAccess.Anyone,
        call => call.Service<DevTokenEndpoints>().IssueAsync(call.Request, call.Cancellation))
    {
        Summary = new("开发用令牌（仅本机）", "A development token for a role and unit (local only; 404 in Azure)"),
        Request = typeof(DevTokenRequest), Response = typeof(DevTokenResponse), Problems = [400, 404, 413, 415],
    };

    public static IReadOnlyList<RouteDeclaration> All => [DevToken];
}
