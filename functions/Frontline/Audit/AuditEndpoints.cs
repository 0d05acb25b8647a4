using System.Globalization;
using Frontline.Exports;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Audit;

/// <summary>
/// The Admin's reading of the audit trail: by day (a range of at most <see cref="MaxDays"/>), by actor (object id,
/// name or application id) and by action, newest first; and the same as CSV or .xlsx.
/// </summary>
public sealed class AuditEndpoints(AuditStore store, AuditActions actions, TimeProvider time, IOptions<FrontlineOptions> options)
{
    /// <summary>A month: one partition read a day.</summary>
    public const int MaxDays = 31;

    /// <summary>The most records one answer carries; a busier range says it was cut and asks for a narrower one.</summary>
    public const int MaxRecords = 5_000;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!TryReadFilter(request, out var filter, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await ReadAsync(filter, cancellationToken));
    }

    public async Task<IResult> ExportAsync(HttpRequest request, ExportFormat format, AuditNotes audit, CancellationToken cancellationToken)
    {
        if (!TryReadFilter(request, out var filter, out var problem))
        {
            return problem;
        }

        var page = await ReadAsync(filter, cancellationToken);
        var zone = options.Value.Zone();
        var rows = page.Records.Select(record => new object?[]
        {
            TimeZoneInfo.ConvertTime(record.At, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            actions.ChineseName(record.Action), record.Action, record.ActorName ?? "", record.ActorId, record.ApplicationId ?? "",
            string.Join(';', record.ActorRoles), record.Address, $"{record.Method} /api/{record.Route}", record.Status,
            string.Join('；', record.Records.Select(pair => $"{pair.Key}={pair.Value}")),
            string.Join('；', record.Details.Select(pair => $"{pair.Key}={pair.Value}")),
        }).ToList();
        var sheet = new Sheet("审计记录", ["时间（北京时间）", "操作", "操作代码", "操作人", "操作人标识", "应用", "角色", "来源地址", "接口", "结果", "涉及记录", "说明"], rows);
        audit.Detail("from", Day(page.From)).Detail("to", Day(page.To)).Detail("rows", rows.Count).Detail("format", format.ToString().ToLowerInvariant());
        return sheet.Download(page.From == page.To ? $"审计记录-{Day(page.From)}" : $"审计记录-{Day(page.From)}至{Day(page.To)}", format);
    }

    private sealed record Filter(DateOnly From, DateOnly To, string? Actor, string? Action);

    private async Task<AuditPage> ReadAsync(Filter filter, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        var truncated = false;
        for (var day = filter.To; day >= filter.From && !truncated; day = day.AddDays(-1))
        {
            await foreach (var record in store.ReadDayAsync(day, filter.Action, cancellationToken))
            {
                if (filter.Actor is { } actor && !IsActor(record, actor))
                {
                    continue;
                }

                if (records.Count == MaxRecords)
                {
                    truncated = true;
                    break;
                }

                records.Add(record);
            }
        }

        return new AuditPage(filter.From, filter.To, records, truncated, actions.All);
    }

    // A name is matched whole, ignoring case (an Admin types the name they see in the list); ids exactly.
    private static bool IsActor(AuditRecord record, string actor) =>
        record.ActorId == actor || record.ApplicationId == actor || string.Equals(record.ActorName, actor, StringComparison.OrdinalIgnoreCase);

    private bool TryReadFilter(HttpRequest request, out Filter filter, out IResult problem)
    {
        var errors = new Dictionary<string, string[]>();
        var today = options.Value.Today(time);
        var to = ReadDay(request, "to", today, errors);
        var from = ReadDay(request, "from", to, errors);
        var actor = request.Query["actor"].ToString().Trim();
        var action = request.Query["action"].ToString().Trim();
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["On or before to."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= MaxDays)
        {
            errors["from"] = [$"At most {MaxDays} days from to: read a month at a time."];
        }

        if (actor.Length > AuditStore.MaxValueCharacters)
        {
            errors["actor"] = [$"At most {AuditStore.MaxValueCharacters} characters."];
        }

        if (action.Length > 0 && !actions.IsKnown(action))
        {
            errors["action"] = [$"One of: {string.Join(", ", actions.All.Select(known => known.Code))}."];
        }

        filter = new Filter(from, to, actor.Length > 0 ? actor : null, action.Length > 0 ? action : null);
        problem = errors.Count > 0 ? Problems.Validation(errors) : Results.Empty;
        return errors.Count == 0;
    }

    private static DateOnly ReadDay(HttpRequest request, string name, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[name] = ["A date as yyyy-MM-dd."];
        return fallback;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
