using Frontline.Http;

namespace Frontline.Batches;

/// <summary>
/// Dispatch batches (派出批次): a unit's organiser records people sent in a batch instead of each filling in the public
/// form. A Reporter sees and changes only their own unit's batches (the path's <c>{unitId}</c> must be theirs);
/// Coordinators any unit's, and a site's staffing across units.
/// </summary>
public static class BatchRoutes
{
    private static readonly QueryParameter Day = new("day", "The day whose people on duty are counted, yyyy-MM-dd (default today, Beijing time).", Format: "date", Example: "2022-06-01");

    public static RouteDeclaration ListBatches { get; } = new("ListBatches", "GET", ApiRoutes.UnitBatches,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters see their own unit's batches only."),
        call => call.Service<BatchEndpoints>().ListAsync(call.Request, call.Route("unitId"), call.Cancellation))
    {
        Summary = new("本单位的派出批次：在岗人数与人次", "A unit's dispatch batches: its people on duty on a day and its person-times (人次) across batches"),
        Response = typeof(UnitBatches), Query = [Day], Problems = [400, 404],
    };

    public static RouteDeclaration CreateBatch { get; } = new("CreateBatch", "POST", ApiRoutes.UnitBatches,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters record their own unit's batches only."),
        call => call.Service<BatchEndpoints>().CreateAsync(call.Request, call.Authorized, call.Route("unitId"), call.Audit, call.Cancellation))
    {
        Summary = new("登记一批派出人员（可轮换上一批）", "Record a batch: people at the unit's sites from one day to another, optionally replacing an earlier batch (a rotation) and naming who"),
        Request = typeof(BatchRequest), Response = typeof(BatchView), SuccessStatus = 201, Problems = [400, 404, 409, 413, 415],
        Audit = new("batch.created", new("登记派出批次", "Dispatch batch recorded")),
    };

    public static RouteDeclaration WithdrawBatch { get; } = new("WithdrawBatch", "POST", ApiRoutes.UnitBatchWithdrawal,
        RouteAccess.ReportersAndCoordinators.UnitMustMatch("unitId", "Reporters withdraw their own unit's batches only."),
        call => call.Service<BatchEndpoints>().WithdrawAsync(call.Route("unitId"), call.Route("batchId"), call.Audit, call.Cancellation))
    {
        Summary = new("撤回派出批次", "Withdraw a batch recorded in error: it no longer counts anywhere (a batch a later one replaces: withdraw that one first, 409)"),
        Response = typeof(BatchView), Problems = [400, 404, 409],
        Audit = new("batch.withdrawn", new("撤回派出批次", "Dispatch batch withdrawn")),
    };

    public static RouteDeclaration SiteStaffing { get; } = new("SiteStaffing", "GET", ApiRoutes.SiteStaffing, RouteAccess.Coordinators,
        call => call.Service<BatchEndpoints>().SiteStaffingAsync(call.Request, call.Route("siteId"), call.Cancellation))
    {
        Summary = new("点位一天的人员：登记志愿者与派出批次，每人只计一次", "A site's people on a day: assigned volunteers beside batch people, each person once, and person-times across batches"),
        Response = typeof(SiteStaffing), Query = [Day], Problems = [400, 404],
    };

    public static IReadOnlyList<RouteDeclaration> All => [ListBatches, CreateBatch, WithdrawBatch, SiteStaffing];
}
