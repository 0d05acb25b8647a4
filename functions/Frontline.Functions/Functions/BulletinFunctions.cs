using Frontline.Bulletins;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frontline.Functions;

public sealed class BulletinFunctions(BulletinEndpoints bulletins, BulletinService service)
{
    /// <summary>
    /// The same operation as POST /api/bulletins/run: safe to fire twice, in two instances at once. The schedule resolves
    /// to <c>%BulletinSchedule%</c>: the app setting holding a 6-field NCRONTAB expression, evaluated in UTC as on Linux
    /// Flex Consumption; Frontline.Host's ScheduledOperationRunner reads the same setting.
    /// </summary>
    [Function("PublishBulletins")]
    public Task Publish([TimerTrigger("%" + BulletinSeriesOptions.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        service.RunAsync(cancellationToken);

    [Function("ListBulletins")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Bulletins)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.ListAsync(cancellationToken));

    [Function("BulletinFeed")]
    public Task<IActionResult> Feed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinFeed)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.FeedAsync(request, cancellationToken));

    [Function("RunBulletins")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinRun)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.RunAsync(request, cancellationToken));

    [Function("BulletinDrafts")]
    public Task<IActionResult> Drafts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.BulletinDrafts)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.DraftsAsync(request, cancellationToken));

    [Function("ApproveBulletin")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinDraftApproval)] HttpRequest request, string periodKey, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.ApproveAsync(request, periodKey, cancellationToken));

    [Function("GetBulletin")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Bulletin)] HttpRequest request, string year, string number, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.GetAsync(year, number, cancellationToken));

    [Function("CorrectBulletin")]
    public Task<IActionResult> Correct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BulletinCorrections)] HttpRequest request, string year, string number, CancellationToken cancellationToken) =>
        ResultActionResult.From(() => bulletins.CorrectAsync(request, year, number, cancellationToken));
}
