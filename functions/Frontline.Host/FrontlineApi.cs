using Frontline.Applications;
using Frontline.Bulletins;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using Frontline.Exports;
using Frontline.Http;
using Frontline.Queues;
using Frontline.Reminders;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Stats;
using Frontline.Volunteers;

namespace Frontline.Host;

/// <summary>
/// Maps every route in <see cref="ApiRoutes"/> onto the library's handlers, exactly as Frontline.Functions'
/// HTTP triggers do; a test checks that none is missing.
/// </summary>
public static class FrontlineApi
{
    public static RouteGroupBuilder MapFrontlineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix)
            .AddEndpointFilter(async (context, next) => await StorageOutageGuard.RunAsync(async () => await next(context) as IResult ?? Results.Empty));

        api.MapGet(ApiRoutes.Health, (StatsEndpoints stats, CancellationToken ct) => stats.GetHealthAsync(ct));
        api.MapGet(ApiRoutes.Stats, (StatsEndpoints stats, CancellationToken ct) => stats.GetStatsAsync(ct));
        api.MapGet(ApiRoutes.DailyStats, (HttpRequest request, StatsEndpoints stats, CancellationToken ct) => stats.GetDailyAsync(request, ct));

        api.MapGet(ApiRoutes.Units, (SitesEndpoints sites, CancellationToken ct) => sites.ListUnitsAsync(ct));
        api.MapPost(ApiRoutes.UnitsImport, (HttpRequest request, SitesEndpoints sites, CancellationToken ct) => sites.ImportUnitsAsync(request, ct));
        api.MapGet(ApiRoutes.Sites, (SitesEndpoints sites, CancellationToken ct) => sites.ListSitesAsync(ct));
        api.MapPost(ApiRoutes.SitesImport, (HttpRequest request, SitesEndpoints sites, CancellationToken ct) => sites.ImportSitesAsync(request, ct));

        api.MapPost(ApiRoutes.Registrations, (HttpRequest request, RegistrationEndpoints registrations, CancellationToken ct) => registrations.SubmitAsync(request, ct));
        api.MapGet(ApiRoutes.Registration, (HttpRequest request, string registrationId, RegistrationEndpoints registrations, CancellationToken ct) =>
            registrations.GetStatusAsync(request, registrationId, ct));
        api.MapPost(ApiRoutes.RegistrationWithdrawal, (HttpRequest request, string registrationId, RegistrationEndpoints registrations, CancellationToken ct) =>
            registrations.WithdrawAsync(request, registrationId, ct));

        api.MapPut(ApiRoutes.SiteCounts, (HttpRequest request, string siteId, string day, DailyCountEndpoints counts, CancellationToken ct) =>
            counts.SubmitAsync(request, siteId, day, ct));
        api.MapGet(ApiRoutes.SiteCountsHistory, (HttpRequest request, string siteId, string day, DailyCountEndpoints counts, CancellationToken ct) =>
            counts.HistoryAsync(request, siteId, day, ct));
        api.MapPost(ApiRoutes.SiteCountsReopen, (HttpRequest request, string siteId, string day, DailyCountEndpoints counts, CancellationToken ct) =>
            counts.ReopenAsync(request, siteId, day, ct));
        api.MapGet(ApiRoutes.UnitCounts, (HttpRequest request, string unitId, DailyCountEndpoints counts, CancellationToken ct) =>
            counts.UnitDayAsync(request, unitId, ct));
        api.MapPost(ApiRoutes.UnitCountsBatch, (HttpRequest request, string unitId, string day, CountBatchEndpoints batches, CancellationToken ct) =>
            batches.SubmitBatchAsync(request, unitId, day, ct));
        api.MapGet(ApiRoutes.Completeness, (HttpRequest request, DailyCountEndpoints counts, CancellationToken ct) => counts.CompletenessAsync(request, ct));
        api.MapGet(ApiRoutes.FlaggedCounts, (HttpRequest request, DailyCountEndpoints counts, CancellationToken ct) => counts.FlaggedAsync(request, ct));

        api.MapGet(ApiRoutes.Bulletins, (HttpRequest request, BulletinEndpoints bulletins, CancellationToken ct) => bulletins.ListAsync(request, ct));
        api.MapGet(ApiRoutes.BulletinSeries, (HttpRequest request, BulletinEndpoints bulletins, CancellationToken ct) => bulletins.SeriesAsync(request, ct));
        api.MapGet(ApiRoutes.BulletinFeed, (HttpRequest request, BulletinEndpoints bulletins, CancellationToken ct) => bulletins.FeedAsync(request, ct));
        api.MapGet(ApiRoutes.Bulletin, (HttpRequest request, string year, string number, BulletinEndpoints bulletins, CancellationToken ct) =>
            bulletins.GetAsync(request, year, number, ct));
        api.MapGet(ApiRoutes.BulletinDocx, (HttpRequest request, string year, string number, BulletinEndpoints bulletins, CancellationToken ct) =>
            bulletins.DocxAsync(request, year, number, ct));
        api.MapPost(ApiRoutes.BulletinRun, (HttpRequest request, BulletinDraftEndpoints drafts, CancellationToken ct) => drafts.RunAsync(request, ct));
        api.MapGet(ApiRoutes.BulletinDrafts, (HttpRequest request, BulletinDraftEndpoints drafts, CancellationToken ct) => drafts.DraftsAsync(request, ct));
        api.MapPost(ApiRoutes.BulletinCompose, (HttpRequest request, BulletinDraftEndpoints drafts, CancellationToken ct) => drafts.ComposeAsync(request, ct));
        api.MapGet(ApiRoutes.BulletinDraftContent, (HttpRequest request, string periodKey, BulletinDraftEndpoints drafts, CancellationToken ct) =>
            drafts.GetDraftAsync(request, periodKey, ct));
        api.MapPut(ApiRoutes.BulletinDraftContent, (HttpRequest request, string periodKey, BulletinDraftEndpoints drafts, CancellationToken ct) =>
            drafts.SaveDraftAsync(request, periodKey, ct));
        api.MapPost(ApiRoutes.BulletinDraftApproval, (HttpRequest request, string periodKey, BulletinDraftEndpoints drafts, CancellationToken ct) =>
            drafts.ApproveAsync(request, periodKey, ct));
        api.MapPost(ApiRoutes.BulletinCorrections, (HttpRequest request, string year, string number, BulletinDraftEndpoints drafts, CancellationToken ct) =>
            drafts.CorrectAsync(request, year, number, ct));

        api.MapPost(ApiRoutes.Contributions, (HttpRequest request, ContributionEndpoints contributions, CancellationToken ct) => contributions.SubmitAsync(request, ct));
        api.MapGet(ApiRoutes.Contributions, (HttpRequest request, ContributionEndpoints contributions, CancellationToken ct) => contributions.ListAsync(request, ct));
        api.MapPost(ApiRoutes.ContributionWithdrawal, (HttpRequest request, string contributionId, ContributionEndpoints contributions, CancellationToken ct) =>
            contributions.WithdrawAsync(request, contributionId, ct));

        api.MapGet(ApiRoutes.Volunteers, (HttpRequest request, VolunteerAdminEndpoints volunteers, CancellationToken ct) => volunteers.ListAsync(request, ct));
        api.MapPost(ApiRoutes.VolunteerReassignment, (HttpRequest request, string volunteerId, VolunteerAdminEndpoints volunteers, CancellationToken ct) =>
            volunteers.ReassignAsync(request, volunteerId, ct));

        api.MapPost(ApiRoutes.Reminders, (HttpRequest request, ReminderEndpoints reminders, CancellationToken ct) => reminders.SendAsync(request, ct));
        api.MapGet(ApiRoutes.ReminderOutbox, (HttpRequest request, ReminderEndpoints reminders, CancellationToken ct) => reminders.OutboxAsync(request, ct));

        api.MapGet(ApiRoutes.PoisonQueues, (HttpRequest request, PoisonQueueEndpoints poison, CancellationToken ct) => poison.ListAsync(request, ct));
        api.MapPost(ApiRoutes.PoisonReplay, (HttpRequest request, string queue, string messageId, PoisonQueueEndpoints poison, CancellationToken ct) =>
            poison.ReplayAsync(request, queue, messageId, ct));

        api.MapGet(ApiRoutes.ExportVolunteersCsv, (HttpRequest request, ExportEndpoints exports, CancellationToken ct) => exports.VolunteersAsync(request, ExportFormat.Csv, ct));
        api.MapGet(ApiRoutes.ExportVolunteersXlsx, (HttpRequest request, ExportEndpoints exports, CancellationToken ct) => exports.VolunteersAsync(request, ExportFormat.Xlsx, ct));
        api.MapGet(ApiRoutes.ExportCountsCsv, (HttpRequest request, ExportEndpoints exports, CancellationToken ct) => exports.CountsAsync(request, ExportFormat.Csv, ct));
        api.MapGet(ApiRoutes.ExportCountsXlsx, (HttpRequest request, ExportEndpoints exports, CancellationToken ct) => exports.CountsAsync(request, ExportFormat.Xlsx, ct));
        api.MapGet(ApiRoutes.ExportCompletenessCsv, (HttpRequest request, ExportEndpoints exports, CancellationToken ct) => exports.CompletenessAsync(request, ExportFormat.Csv, ct));
        api.MapGet(ApiRoutes.ExportCompletenessXlsx, (HttpRequest request, ExportEndpoints exports, CancellationToken ct) => exports.CompletenessAsync(request, ExportFormat.Xlsx, ct));

        api.MapPost(ApiRoutes.DevToken, (HttpRequest request, DevTokenEndpoints tokens, CancellationToken ct) => tokens.IssueAsync(request, ct));

        api.MapGet(ApiRoutes.Applications, (HttpRequest request, ApplicationEndpoints apps, CancellationToken ct) => apps.ListAsync(request, ct));
        api.MapGet(ApiRoutes.Application, (HttpRequest request, string clientId, ApplicationEndpoints apps, CancellationToken ct) => apps.GetAsync(request, clientId, ct));
        api.MapPut(ApiRoutes.Application, (HttpRequest request, string clientId, ApplicationEndpoints apps, CancellationToken ct) => apps.PutAsync(request, clientId, ct));
        api.MapDelete(ApiRoutes.Application, (HttpRequest request, string clientId, ApplicationEndpoints apps, CancellationToken ct) => apps.DeleteAsync(request, clientId, ct));

        // Anything else under /api is a problem+json 404 (or 405 with Allow), not the site's index page.
        api.Map(ApiRoutes.Fallback, (HttpRequest request) => ApiFallback.Answer(request));
        return api;
    }
}
