using Frontline.Http;

namespace Frontline.Volunteers;

/// <summary>The public registration form's routes. A receipt code stands in for sign-in.</summary>
public static class RegistrationRoutes
{
    private static readonly QueryParameter ReceiptCode = new("code", "The receipt code the registration was answered with.", Example: "7Q2M-9KXD");

    /// <summary>Withdrawing without the receipt code: only a Coordinator may.</summary>
    public static RouteAccess CoordinatorWithoutReceipt => RouteAccess.Coordinators;

    public static RouteDeclaration SubmitRegistration { get; } = new("SubmitRegistration", "POST", ApiRoutes.Registrations, RouteAccess.Anyone,
        call => call.Service<RegistrationEndpoints>().SubmitAsync(call.Request, call.Cancellation))
    {
        Summary = new("志愿者报名", "Register as a volunteer; queued, answered with a receipt"),
        Request = typeof(RegistrationRequest), Response = typeof(RegistrationAccepted), SuccessStatus = 202, Problems = [400, 413, 415],
    };

    public static RouteDeclaration GetRegistration { get; } = new("GetRegistration", "GET", ApiRoutes.Registration, RouteAccess.Anyone,
        call => call.Service<RegistrationEndpoints>().GetStatusAsync(call.Request, call.Route("registrationId"), call.Cancellation))
    {
        Summary = new("查询报名结果", "A registration's status and site, with its receipt code"),
        Response = typeof(RegistrationStatus), Query = [ReceiptCode with { Required = true }], Problems = [404],
    };

    public static RouteDeclaration WithdrawRegistration { get; } = new("WithdrawRegistration", "POST", ApiRoutes.RegistrationWithdrawal, RouteAccess.Anyone,
        call => call.Service<RegistrationEndpoints>().WithdrawAsync(call.Request, call.Route("registrationId"), call.Audit, call.Cancellation))
    {
        // Recorded when a Coordinator withdraws someone (without the receipt code); a volunteer withdrawing themselves is not staff acting on a person.
        Audit = new("registration.withdrawn", new("协调员撤回报名", "Registration withdrawn by a coordinator")),
        Summary = new("撤回报名（凭回执，或由协调员）", "Withdraw with the receipt code, or as a Coordinator; frees the site place"),
        Response = typeof(RegistrationStatus), Query = [ReceiptCode], Problems = [401, 403, 404, 409],
    };

    public static IReadOnlyList<RouteDeclaration> All => [SubmitRegistration, GetRegistration, WithdrawRegistration];
}
