using Frontline.Http;

namespace Frontline.Bulletins;

/// <summary>
/// The bulletins: reading published issues (public series: anyone; the internal series: Coordinators, checked where
/// the series is known) and the editors' routes (Coordinators).
/// </summary>
public static class BulletinRoutes
{
    private static readonly QueryParameter Series = new("series", "The bulletin series (default: the first public one).", Example: "difangzhi");

    public static RouteDeclaration ListBulletins { get; } = new("ListBulletins", "GET", ApiRoutes.Bulletins, RouteAccess.Anyone,
        call => call.Service<BulletinEndpoints>().ListAsync(call.Request, call.Cancellation))
    {
        Summary = new("已发布的简报", "A series' published bulletins"),
        Response = typeof(IReadOnlyList<BulletinSummary>), Query = [Series], Problems = [400, 403],
    };

    public static RouteDeclaration BulletinSeries { get; } = new("BulletinSeries", "GET", ApiRoutes.BulletinSeries, RouteAccess.Anyone,
        call => call.Service<BulletinEndpoints>().SeriesAsync(call.Request, call.Cancellation))
    {
        Summary = new("简报系列（协调员另见内部系列）", "The bulletin series (Coordinators also see internal ones)"),
        Response = typeof(IReadOnlyList<SeriesView>),
    };

    public static RouteDeclaration BulletinFeed { get; } = new("BulletinFeed", "GET", ApiRoutes.BulletinFeed, RouteAccess.Anyone,
        call => call.Service<BulletinEndpoints>().FeedAsync(call.Request, call.Cancellation))
    {
        Summary = new("简报订阅（Atom）", "A series' Atom feed"),
        ResponseMediaType = "application/atom+xml", Query = [Series], Problems = [400, 403],
    };

    public static RouteDeclaration GetBulletin { get; } = new("GetBulletin", "GET", ApiRoutes.Bulletin, RouteAccess.Anyone,
        call => call.Service<BulletinEndpoints>().GetAsync(call.Request, call.Route("year"), call.Route("number"), call.Cancellation))
    {
        Summary = new("一期简报", "One published bulletin by year and number"),
        Response = typeof(BulletinView), Query = [Series], Problems = [400, 403, 404],
    };

    public static RouteDeclaration BulletinDocx { get; } = new("BulletinDocx", "GET", ApiRoutes.BulletinDocx, RouteAccess.Anyone,
        call => call.Service<BulletinEndpoints>().DocxAsync(call.Request, call.Route("year"), call.Route("number"), call.Cancellation))
    {
        Summary = new("一期简报的 Word 文档", "One bulletin as a Word document (red-header layout)"),
        ResponseMediaType = BulletinDocument.ContentType, Query = [Series], Problems = [400, 403, 404],
    };

    public static RouteDeclaration RunBulletins { get; } = new("RunBulletins", "POST", ApiRoutes.BulletinRun, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().RunAsync(call.Cancellation))
    {
        Summary = new("立即运行定时发布", "Run the timer's operation now, for every series"),
        Response = typeof(IReadOnlyList<RunResult>),
    };

    public static RouteDeclaration BulletinDrafts { get; } = new("BulletinDrafts", "GET", ApiRoutes.BulletinDrafts, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().DraftsAsync(call.Request, call.Cancellation))
    {
        Summary = new("一个系列的草稿", "A series' drafts with their content and ETag"),
        Response = typeof(IReadOnlyList<DraftView>), Query = [Series], Problems = [400],
    };

    public static RouteDeclaration ComposeBulletin { get; } = new("ComposeBulletin", "POST", ApiRoutes.BulletinCompose, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().ComposeAsync(call.Request, call.Cancellation))
    {
        Summary = new("为选定时段编排草稿", "Compose the draft of a chosen period (201, or 200 with the one that exists)"),
        Request = typeof(ComposeRequest), Response = typeof(DraftView), SuccessStatus = 201, Problems = [400, 413, 415],
    };

    public static RouteDeclaration GetBulletinDraft { get; } = new("GetBulletinDraft", "GET", ApiRoutes.BulletinDraftContent, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().GetDraftAsync(call.Request, call.Route("periodKey"), call.Cancellation))
    {
        Summary = new("读取一份草稿（带 ETag）", "Read a draft (its ETag in the header)"),
        Response = typeof(DraftView), Query = [Series], Problems = [400, 404],
    };

    public static RouteDeclaration SaveBulletinDraft { get; } = new("SaveBulletinDraft", "PUT", ApiRoutes.BulletinDraftContent, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().SaveDraftAsync(call.Request, call.Authorized, call.Route("periodKey"), call.Cancellation))
    {
        Summary = new("保存编辑后的草稿（If-Match）", "Save an edited draft under If-Match (409 with the current draft when stale)"),
        Request = typeof(DraftEdit), Response = typeof(DraftView), Query = [Series], Problems = [400, 404, 409, 413, 415, 428],
    };

    public static RouteDeclaration ApproveBulletin { get; } = new("ApproveBulletin", "POST", ApiRoutes.BulletinDraftApproval, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().ApproveAsync(SeriesNoted(call).Request, call.Authorized, call.Route("periodKey"), call.Cancellation))
    {
        Audit = new("bulletin.approved", new("终审通过简报", "Bulletin approved")),
        Summary = new("终审通过草稿", "Approve a draft as 终审; the next timer run publishes it"),
        Response = typeof(DraftView), Query = [Series], Problems = [400, 404, 409],
    };

    public static RouteDeclaration CorrectBulletin { get; } = new("CorrectBulletin", "POST", ApiRoutes.BulletinCorrections, RouteAccess.Coordinators,
        call => call.Service<BulletinDraftEndpoints>().CorrectAsync(SeriesNoted(call).Request, call.Authorized, call.Route("year"), call.Route("number"), call.Cancellation))
    {
        Audit = new("bulletin.corrected", new("发布简报更正", "Bulletin correction published")),
        Summary = new("发布更正", "Publish a correction notice that points at the original"),
        Request = typeof(CorrectionRequest), Response = typeof(RunResult), Query = [Series], Problems = [400, 404, 413, 415],
    };

    /// <summary>The series a draft or bulletin number belongs to is in the query (default: the first series).</summary>
    private static RouteCall SeriesNoted(RouteCall call)
    {
        call.Audit.Record("series", call.Request.Query["series"].ToString());
        return call;
    }

    public static IReadOnlyList<RouteDeclaration> All =>
        [ListBulletins, BulletinSeries, BulletinFeed, GetBulletin, BulletinDocx, RunBulletins, BulletinDrafts, ComposeBulletin,
            GetBulletinDraft, SaveBulletinDraft, ApproveBulletin, CorrectBulletin];
}
