using System.Globalization;
using Frontline.Exports;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Spreadsheets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.DailyCounts;

/// <summary>
/// A unit's count sheet to fill in: one row per site the unit serves that is open on the day, in the order the
/// portal's form shows them (by name, as Chinese sorts), and the columns of the form under Chinese headers. Sent
/// back as it is, the batch import (<see cref="CountBatchEndpoints"/>) reads it.
/// </summary>
public sealed class CountTemplateEndpoints(CatalogCache catalogCache, Indicators.IndicatorStore indicators, TimeProvider time, IOptions<FrontlineOptions> options)
{
    private static readonly StringComparer ChineseOrder = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    public async Task<IResult> TemplateAsync(HttpRequest request, string unitId, ExportFormat format, CancellationToken cancellationToken)
    {
        if (!CatalogImport.IsValidId(unitId))
        {
            return Problems.NotFound("No such unit.");
        }

        var day = options.Value.Today(time);
        if (request.Query.ContainsKey("day") && !CountValidation.TryParseDay(request.Query["day"], out day))
        {
            return Problems.Validation("day", "A date as yyyy-MM-dd.");
        }

        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        if (!catalog.Units.TryGetValue(unitId, out var unit))
        {
            return Problems.NotFound("No such unit.");
        }

        var sites = unit.SiteIds
            .Select(siteId => catalog.Sites.GetValueOrDefault(siteId))
            .OfType<Site>()
            .Where(site => site.IsOpenOn(day))
            .OrderBy(site => site.Name, ChineseOrder).ThenBy(site => site.Id, StringComparer.Ordinal)
            .ToList();
        // The indicators of the unit's site types, in the form's order; a cell of an indicator a site does not report is left blank.
        var set = await indicators.CurrentAsync(cancellationToken) ?? throw new InvalidOperationException("The indicator definitions are not seeded yet.");
        var columns = CountColumns.For(set, sites.Select(site => site.Type));
        var rows = sites.Select(site => columns.Select(column => column.Field switch
            {
                CountColumns.SiteId => site.Id,
                CountColumns.SiteName => (object?)site.Name,
                _ => null,
            }).ToArray())
            .ToList();
        var sheet = new Sheet("填报模板", columns.Select(column => column.Header).ToList(), rows);
        var name = $"每日填报模板-{unit.Id}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        return format == ExportFormat.Csv
            ? TypedResults.File(sheet.ToCsv(), Csv.MediaType + "; charset=utf-8", name + ".csv")
            : TypedResults.File(sheet.ToXlsx(), Xlsx.MediaType, name + ".xlsx");
    }
}
