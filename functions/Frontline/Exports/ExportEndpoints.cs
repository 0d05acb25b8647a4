using System.Globalization;
using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Indicators;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Volunteers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frontline.Exports;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Coordinators download volunteers, daily counts and completeness as CSV or Excel. Phones are masked unless the
/// caller is an Admin. Every download is an attachment with a UTF-8 (filename*) Chinese name.
/// </summary>
public sealed partial class ExportEndpoints(
    VolunteerStore volunteers,
    CatalogCache catalogCache,
    DailyCountStore counts,
    CompletenessService completeness,
    Areas.AreaStore areas,
    Indicators.IndicatorStore indicators,
    PersonalData personalData,
    TimeProvider time,
    IOptions<FrontlineOptions> options,
    ILogger<ExportEndpoints> logger)
{
    public const int MaxCountDays = 92;

    public async Task<IResult> VolunteersAsync(HttpRequest request, Caller caller, ExportFormat format, AuditNotes audit, CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var rows = new List<object?[]>();
        await foreach (var volunteer in volunteers.AllAsync(cancellationToken))
        {
            var phone = personalData.Decrypt(volunteer.ProtectedPhone);
            var unitId = volunteer.UnitId ?? "";
            rows.Add(
            [
                volunteer.RegistrationId, volunteer.Name, caller.IsAdmin ? phone : PersonalData.Mask(phone),
                catalog.Units.TryGetValue(unitId, out var unit) ? unit.Name : volunteer.WorkUnit, unitId,
                volunteer.PartyMember ? "是" : "否", volunteer.PartyBranch ?? "", volunteer.HomeCommunity ?? "", string.Join(';', volunteer.Skills),
                volunteer.Status, volunteer.SiteId is { } siteId && catalog.Sites.TryGetValue(siteId, out var site) ? site.Name : "", volunteer.SiteId ?? "",
                Day(volunteer.AvailableFrom), Day(volunteer.AvailableTo), Local(volunteer.RegisteredAt),
            ]);
        }

        rows.Sort((a, b) => string.CompareOrdinal($"{a[4]}|{a[1]}", $"{b[4]}|{b[1]}"));
        var sheet = new Sheet("志愿者", ["志愿者编号", "姓名", "手机号", "派出单位", "单位编号", "党员", "党支部", "居住社区", "技能", "状态", "点位", "点位编号", "可服务起", "可服务止", "登记时间"], rows);
        LogExported(logger, "volunteers", rows.Count, caller.IsAdmin);
        audit.Detail("rows", rows.Count).Detail("phones", caller.IsAdmin ? "unmasked" : "masked").Detail("format", format.ToString().ToLowerInvariant());
        return sheet.Download($"志愿者名单-{Day(Today())}", format);
    }

    public async Task<IResult> CountsAsync(HttpRequest request, ExportFormat format, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var to = Today();
        if (!string.IsNullOrEmpty(request.Query["to"]))
        {
            if (CountValidation.TryParseDay(request.Query["to"], out var parsedTo))
            {
                to = parsedTo;
            }
            else
            {
                errors["to"] = ["A date as yyyy-MM-dd."];
            }
        }

        // A week up to "to" unless said otherwise.
        var from = to.AddDays(-6);
        if (!string.IsNullOrEmpty(request.Query["from"]))
        {
            if (CountValidation.TryParseDay(request.Query["from"], out var parsedFrom))
            {
                from = parsedFrom;
            }
            else
            {
                errors["from"] = ["A date as yyyy-MM-dd."];
            }
        }

        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["Not after to."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= MaxCountDays)
        {
            errors["from"] = [$"At most {MaxCountDays} days at once."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (scope, problem) = await Areas.AreaScope.ReadAsync(request, areas, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        var submissions = new List<Submission>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            // One partition per day.
            submissions.AddRange((await counts.DayAsync(day, cancellationToken)).Where(submission => scope!.Covers(submission.SiteId))
                .OrderBy(s => s.UnitId, StringComparer.Ordinal).ThenBy(s => s.SiteId, StringComparer.Ordinal));
        }

        // A column per indicator in force (in the form's order) and per retired one that the period holds values of:
        // a sheet of last month still shows what was reported then.
        var set = await indicators.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("The indicator definitions are not seeded yet.");
        var reported = submissions.SelectMany(submission => submission.Figures.Values.Keys).ToHashSet(StringComparer.Ordinal);
        var columns = set.Ordered().Where(indicator => !indicator.Retired || reported.Contains(indicator.Code)).ToList();
        var rows = submissions.Select(submission => (object?[])
        [
            Day(submission.Day), submission.UnitId, catalog.Units.TryGetValue(submission.UnitId, out var unit) ? unit.Name : "",
            submission.SiteId, catalog.Sites.TryGetValue(submission.SiteId, out var site) ? site.Name : "",
            .. columns.Select(indicator => Cell(submission.Figures, indicator, site?.Type)),
            submission.Highlight ?? "", submission.Version, Local(submission.SubmittedAt), submission.Flagged ? "是" : "否",
        ]).ToList();

        var sheet = new Sheet("每日数据", ["日期", "单位编号", "派出单位", "点位编号", "点位", .. columns.Select(CountColumns.Header), "亮点", "版本", "报送时间", "需复核"], rows);
        LogExported(logger, "counts", rows.Count, false);
        return sheet.Download($"每日数据{AreaPart(scope!)}-{Day(from)}至{Day(to)}", format);
    }

    public async Task<IResult> CompletenessAsync(HttpRequest request, ExportFormat format, CancellationToken cancellationToken)
    {
        var day = Today();
        if (!string.IsNullOrEmpty(request.Query["day"]) && !CountValidation.TryParseDay(request.Query["day"], out day))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var (scope, problem) = await Areas.AreaScope.ReadAsync(request, areas, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var report = await completeness.ComputeAsync(day, scope!, cancellationToken);
        var rows = report.Units
            .SelectMany(unit => unit.Sites.Select(site => new object?[]
            {
                report.Day, unit.UnitId, unit.Name, site.SiteId, site.Name, StatusName(site.Status),
                site.SubmittedAt is { } at ? Local(at) : "", site.Version is { } version ? version : null,
            }))
            .ToList();
        var sheet = new Sheet("报送情况", ["日期", "单位编号", "派出单位", "点位编号", "点位", "报送状态", "报送时间", "版本"], rows);
        LogExported(logger, "completeness", rows.Count, false);
        return sheet.Download($"报送情况{AreaPart(scope!)}-{Day(day)}", format);
    }

    /// <summary>An area's export says so in its file name (每日数据-510100-…), so two offices' files are not mixed up.</summary>
    /// <summary>
    /// A value, or blank where the site's type does not report the indicator: round one stored all seven figures on every
    /// row, so its zeros for what a testing point never counts read blank, like the rows written since.
    /// </summary>
    private static decimal? Cell(CountFigures figures, IndicatorDefinition indicator, string? siteType) =>
        !figures.Values.TryGetValue(indicator.Code, out var value) || (value == 0 && siteType is not null && !indicator.SiteTypes.Contains(siteType, StringComparer.Ordinal))
            ? null
            : value;

    private static string AreaPart(Areas.AreaScope scope) => scope.Area is null ? "" : "-" + scope.Area;


    private static string StatusName(string status) => status switch
    {
        ReportStatus.Reported => "已报送",
        ReportStatus.Late => "逾期报送",
        _ => "未报送",
    };

    private DateOnly Today() => options.Value.Today(time);

    private string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, options.Value.Zone()).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {Export}: {Rows} rows (unmasked: {Unmasked})")]
    private static partial void LogExported(ILogger logger, string export, int rows, bool unmasked);
}
