using Frontline.Http;

namespace Frontline.Bulletins.Contributions;

/// <summary>Units' pieces for the bulletin (稿件). A Reporter acts for the unit in their token; a Coordinator names one.</summary>
public static class ContributionRoutes
{
    public static RouteDeclaration SubmitContribution { get; } = new("SubmitContribution", "POST", ApiRoutes.Contributions, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ContributionEndpoints>().SubmitAsync(call.Request, call.Authorized, call.Cancellation))
    {
        Summary = new("报送稿件", "Send a piece for the bulletin about a site the unit serves"),
        Request = typeof(ContributionRequest), Response = typeof(ContributionView), SuccessStatus = 201, Problems = [400, 404, 413, 415],
        Query = [new("unitId", "Coordinators name the unit the piece is from.", Example: "nj-yibao")],
    };

    public static RouteDeclaration ListContributions { get; } = new("ListContributions", "GET", ApiRoutes.Contributions, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ContributionEndpoints>().ListAsync(call.Request, call.Authorized, call.Cancellation))
    {
        Summary = new("稿件列表", "The pieces about those days (default the last 7, at most 31)"),
        Response = typeof(IReadOnlyList<ContributionView>), Problems = [400],
        Query = [new("from", "First day, yyyy-MM-dd.", Format: "date", Example: "2022-12-09"), new("to", "Last day, yyyy-MM-dd.", Format: "date", Example: "2022-12-15"),
            new("unitId", "Coordinators: one unit's pieces.")],
    };

    public static RouteDeclaration WithdrawContribution { get; } = new("WithdrawContribution", "POST", ApiRoutes.ContributionWithdrawal, RouteAccess.ReportersAndCoordinators,
        call => call.Service<ContributionEndpoints>().WithdrawAsync(call.Request, call.Authorized, call.Route("contributionId"), call.Cancellation))
    {
        Summary = new("撤回稿件", "Withdraw a piece until a bulletin is approved with it (then 409)"),
        Response = typeof(ContributionView), Problems = [404, 409],
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListContributions, SubmitContribution, WithdrawContribution];
}
