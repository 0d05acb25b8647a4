using Frontline.Bulletins;
using Frontline.Bulletins.Contributions;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class BulletinFunctions(RouteInvoker api, BulletinService service)
{
    /// <summary>
    /// The same operation as POST /api/bulletins/run: safe to fire twice, in two instances at once. The schedule resolves
    /// to <c>%BulletinSchedule%</c>: the app setting holding a 6-field NCRONTAB expression, evaluated in UTC as on Linux
    /// Flex Consumption; Frontline.Host's TimerFunctions reads the same setting.
    /// </summary>
    [Function("PublishBulletins")]
    public Task Publish([TimerTrigger("%" + BulletinSeriesOptions.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        service.RunAsync(cancellationToken);

    [Function("ListBulletins")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Bulletins)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.ListBulletins, request, cancellationToken));

    [Function("BulletinSeries")]
    public Task<IActionResult> Series([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinSeries)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.BulletinSeries, request, cancellationToken));

    [Function("BulletinFeed")]
    public Task<IActionResult> Feed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinFeed)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.BulletinFeed, request, cancellationToken));

    [Function("GetBulletin")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Bulletin)] HttpRequest request, string year, string number, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.GetBulletin, request, cancellationToken, year, number));

    [Function("BulletinDocx")]
    public Task<IActionResult> Docx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinDocx)] HttpRequest request, string year, string number, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.BulletinDocx, request, cancellationToken, year, number));

    [Function("RunBulletins")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinRun)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.RunBulletins, request, cancellationToken));

    [Function("BulletinDrafts")]
    public Task<IActionResult> Drafts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinDrafts)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.BulletinDrafts, request, cancellationToken));

    [Function("ComposeBulletin")]
    public Task<IActionResult> Compose([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinCompose)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.ComposeBulletin, request, cancellationToken));

    [Function("GetBulletinDraft")]
    public Task<IActionResult> GetDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinDraftContent)] HttpRequest request, string periodKey, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.GetBulletinDraft, request, cancellationToken, periodKey));

    [Function("SaveBulletinDraft")]
    public Task<IActionResult> SaveDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.BulletinDraftContent)] HttpRequest request, string periodKey, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.SaveBulletinDraft, request, cancellationToken, periodKey));

    [Function("ApproveBulletin")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinDraftApproval)] HttpRequest request, string periodKey, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.ApproveBulletin, request, cancellationToken, periodKey));

    [Function("CorrectBulletin")]
    public Task<IActionResult> Correct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinCorrections)] HttpRequest request, string year, string number, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(BulletinRoutes.CorrectBulletin, request, cancellationToken, year, number));

    [Function("SubmitContribution")]
    public Task<IActionResult> Contribute([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Contributions)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ContributionRoutes.SubmitContribution, request, cancellationToken));

    [Function("ListContributions")]
    public Task<IActionResult> Contributions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Contributions)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ContributionRoutes.ListContributions, request, cancellationToken));

    [Function("WithdrawContribution")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ContributionWithdrawal)] HttpRequest request, string contributionId, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => api.InvokeAsync(ContributionRoutes.WithdrawContribution, request, cancellationToken, contributionId));
}
