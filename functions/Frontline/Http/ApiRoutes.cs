namespace Frontline.Http;

/// <summary>
/// Every HTTP route's template, relative to <c>/api</c>. Each feature's <c>…Routes</c> declares its routes with
/// these, and the Functions triggers name them in <c>[HttpTrigger(Route = ...)]</c> (an attribute takes only a
/// constant); tests fail when a template here has no declaration, trigger or local endpoint.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    public const string Health = "health";
    public const string HealthDetail = "health/detail";
    public const string Stats = "stats";
    public const string DailyStats = "stats/daily";
    public const string AreaStats = "stats/areas";
    public const string Units = "units";
    public const string UnitsImport = "units/import";
    public const string Sites = "sites";
    public const string SitesImport = "sites/import";

    /// <summary>
    /// The area tree (Areas/): GET the top or a node's children, POST a sheet (the Coordinators' import), and one node
    /// with its sites. The import is not <c>areas/import</c>, because under the Functions host's ordering by name a GET
    /// of that path would reach <c>GetArea</c> (<c>areas/{code}</c>) instead of the fallback's 405.
    /// </summary>
    public const string Areas = "areas";
    public const string Area = "areas/{code}";

    /// <summary>A unit's dispatch batches (Batches/), and a site's people from batches beside its assigned volunteers.</summary>
    public const string UnitBatches = "units/{unitId}/batches";
    public const string UnitBatchWithdrawal = "units/{unitId}/batches/{batchId}/withdraw";
    public const string SiteStaffing = "sites/{siteId}/staffing";

    /// <summary>Shifts (Shifts/): a site's pattern and its duty on a day, a volunteer's shifts and their shifts on one day.</summary>
    public const string SiteShiftPattern = "sites/{siteId}/shift-pattern";
    public const string SiteDuty = "sites/{siteId}/duty";
    public const string VolunteerShifts = "volunteers/{volunteerId}/shifts";
    public const string VolunteerShiftsDay = "volunteers/{volunteerId}/shifts/{day}";
    /// <summary>A unit's teams (Teams/), a volunteer's role at their site, and a site's duty phone (an office line, public).</summary>
    public const string UnitTeams = "units/{unitId}/teams";
    public const string UnitTeam = "units/{unitId}/teams/{teamId}";
    public const string VolunteerRole = "volunteers/{volunteerId}/role";
    public const string SiteDutyPhone = "sites/{siteId}/duty-phone";

    public const string Registrations = "registrations";
    public const string Registration = "registrations/{registrationId}";
    public const string RegistrationWithdrawal = "registrations/{registrationId}/withdraw";

    public const string SiteCounts = "sites/{siteId}/counts/{day}";
    public const string SiteCountsHistory = "sites/{siteId}/counts/{day}/history";
    public const string SiteCountsReopen = "sites/{siteId}/counts/{day}/reopen";
    public const string UnitCounts = "units/{unitId}/counts";
    public const string UnitCountsBatch = "units/{unitId}/counts/{day}";
    public const string UnitCountsTemplateXlsx = "units/{unitId}/counts-template.xlsx";
    public const string UnitCountsTemplateCsv = "units/{unitId}/counts-template.csv";
    public const string Completeness = "completeness";
    public const string FlaggedCounts = "counts/flagged";

    public const string Bulletins = "bulletins";
    public const string BulletinFeed = "bulletins/feed";
    public const string BulletinRun = "bulletins/run";
    public const string BulletinDrafts = "bulletins/drafts";
    public const string BulletinDraftApproval = "bulletins/drafts/{periodKey}/approve";
    public const string Bulletin = "bulletins/{year}/{number}";
    public const string BulletinCorrections = "bulletins/{year}/{number}/corrections";
    public const string BulletinDocx = "bulletins/{year}/{number}/docx";
    public const string BulletinSeries = "bulletins/series";
    public const string BulletinCompose = "bulletins/compose";
    public const string BulletinDraftContent = "bulletins/drafts/{periodKey}/content";

    public const string Contributions = "contributions";
    public const string ContributionWithdrawal = "contributions/{contributionId}/withdraw";

    public const string Volunteers = "volunteers";
    public const string VolunteerReassignment = "volunteers/{volunteerId}/reassign";

    /// <summary>A unit's own people, for its organiser (Volunteers/UnitVolunteers).</summary>
    public const string UnitVolunteers = "units/{unitId}/volunteers";

    public const string Reminders = "reminders";
    public const string ReminderOutbox = "reminders/outbox";

    public const string PoisonQueues = "queues/poison";
    public const string PoisonReplay = "queues/{queue}/poison/{messageId}/replay";

    public const string ExportVolunteersCsv = "exports/volunteers.csv";
    public const string ExportVolunteersXlsx = "exports/volunteers.xlsx";
    public const string ExportCountsCsv = "exports/counts.csv";
    public const string ExportCountsXlsx = "exports/counts.xlsx";
    public const string ExportCompletenessCsv = "exports/completeness.csv";
    public const string ExportCompletenessXlsx = "exports/completeness.xlsx";

    public const string DevToken = "dev/token";

    public const string OpenApiDocument = "openapi.json";

    /// <summary>Admins bind units' Entra ID applications (Applications/ApplicationEndpoints).</summary>
    public const string Applications = "apps";
    public const string Application = "apps/{clientId}";

    /// <summary>The audit trail, read by Admins (Audit/AuditEndpoints).</summary>
    public const string Audit = "audit";
    public const string AuditExportCsv = "audit/export.csv";
    public const string AuditExportXlsx = "audit/export.xlsx";

    /// <summary>Indicator definitions as data (Indicators/IndicatorEndpoints). Versions and rules are beside <c>indicators/</c>, not under it, so no template is ambiguous with <c>indicators/{code}</c>.</summary>
    public const string Indicators = "indicators";
    public const string IndicatorVersion = "indicator-versions/{version}";
    public const string Indicator = "indicators/{code}";
    public const string IndicatorRetirement = "indicators/{code}/retirement";
    public const string IndicatorRules = "indicator-rules";

    /// <summary>
    /// Everything else under <c>/api</c>: a problem+json 404, or 405 with Allow when the path is a route above
    /// asked with another method. Both hosts map it last.
    /// </summary>
    public const string Fallback = "{*path}";

    /// <summary>The methods each route answers, from the features' declarations; the fallback's Allow header says them.</summary>
    public static IReadOnlyDictionary<string, string[]> Methods { get; } = RouteTable.All
        .GroupBy(route => route.Template, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Select(route => route.Method).ToArray(), StringComparer.Ordinal);
}
