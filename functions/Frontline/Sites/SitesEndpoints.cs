using Frontline.Areas;
using Frontline.Http;
using Frontline.Spreadsheets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Frontline.Sites;

public sealed record UnitSummary(string Id, string Name, string? Parent, IReadOnlyList<string> SiteIds, int PeopleDispatched, bool Verified);

/// <summary>A site as the public sees it: no contact, since that may be a person's phone.</summary>
/// <param name="Assigned">The people serving at the site today, each once: registered volunteers assigned there and the
/// people of dispatch batches on duty there who are not among them (<paramref name="FromBatches"/>).</param>
/// <param name="DutyPhone">The site's duty phone (值班电话): an office line the office entered, public on purpose (Teams/); null when none.</param>
/// <param name="FromBatches">Of <paramref name="Assigned"/>, the batch people (Batches/): a unit's organiser records them, they fill in no form.</param>
public sealed record SiteSummary(
    string Id, string Name, string Type, string? District, string? Street, string Community, string? Address,
    int Needed, int Assigned, IReadOnlyList<string> Duties, bool Open, string? DutyPhone = null, int FromBatches = 0);

public sealed record ImportRowResult(int Line, string? Id, IReadOnlyDictionary<string, string[]> Errors);

public sealed record ImportResult(int Imported, int Rejected, IReadOnlyList<ImportRowResult> Rows);

public sealed class SitesEndpoints(CatalogStore catalogStore, CatalogCache catalogCache, Teams.DutyPhoneCache dutyPhones, Batches.BatchPeopleCache batchPeople, AreaStore areaStore, TimeProvider time, IOptions<FrontlineOptions> options)
{
    private const int ImportLimitBytes = 2 * 1024 * 1024;

    /// <summary>Rows an .xlsx import may hold (a CSV is bounded by its bytes): a city's catalog is a few thousand.</summary>
    private const int MaxImportRows = 20_000;

    public async Task<IResult> ListUnitsAsync(CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        return TypedResults.Ok(catalog.Units.Values
            .OrderByDescending(unit => unit.Verified).ThenBy(unit => unit.Name, StringComparer.Ordinal)
            .Select(unit => new UnitSummary(unit.Id, unit.Name, unit.Parent, unit.SiteIds, unit.Volunteers, unit.Verified)));
    }

    public async Task<IResult> ListSitesAsync(CancellationToken cancellationToken)
    {
        var catalog = await catalogCache.GetCatalogAsync(cancellationToken);
        // Beside the catalog, not in it: one cached range read of the office lines (Teams/DutyPhoneCache).
        var phones = await dutyPhones.GetAsync(cancellationToken);
        var today = Today();
        // So is the batch people: a figure of the day, which the catalog's counters cannot hold (Batches/BatchPeopleCache).
        var fromBatches = await batchPeople.OnDutyAsync(today, catalog.Serves, cancellationToken);
        return TypedResults.Ok(catalog.Sites.Values
            .OrderBy(site => site.District, StringComparer.Ordinal).ThenBy(site => site.Community, StringComparer.Ordinal).ThenBy(site => site.Name, StringComparer.Ordinal)
            .Select(site =>
            {
                var batch = fromBatches.GetValueOrDefault(site.Id)?.BeyondAssigned ?? 0;
                return new SiteSummary(site.Id, site.Name, site.Type, site.District, site.Street, site.Community, site.Address,
                    site.Needed, site.Assigned + batch, site.Duties, site.IsOpenOn(today), phones.GetValueOrDefault(site.Id), batch);
            }));
    }

    public async Task<IResult> ImportUnitsAsync(HttpRequest request, AuditNotes audit, CancellationToken cancellationToken)
    {
        var csv = await SpreadsheetBody.ReadAsync(request, ImportLimitBytes, MaxImportRows, cancellationToken);
        if (csv.Problem is not null)
        {
            return csv.Problem;
        }

        var rows = CatalogImport.ReadUnits(csv.Rows!);
        if (!rows.Any(row => row.IsValid))
        {
            return ImportAnswers.NoneImported(rows);
        }

        await catalogStore.ImportUnitsAsync(rows.Where(row => row.IsValid).Select(row => row.Value!), cancellationToken);
        return Audited(audit, TypedResults.Ok(ImportAnswers.Summarize(rows, unit => unit.Id)));
    }

    public async Task<IResult> ImportSitesAsync(HttpRequest request, AuditNotes audit, CancellationToken cancellationToken)
    {
        var csv = await SpreadsheetBody.ReadAsync(request, ImportLimitBytes, MaxImportRows, cancellationToken);
        if (csv.Problem is not null)
        {
            return csv.Problem;
        }

        var rows = CatalogImport.ReadSites(csv.Rows!);
        // Only a sheet with an area column reads the tree: an import without one costs what it did before areas.
        var tree = rows.Any(row => row.Value?.Area is not null) ? await areaStore.ReadTreeAsync(cancellationToken) : null;
        if (tree is not null)
        {
            rows = SitePlacements.Check(rows, tree);
        }

        if (!rows.Any(row => row.IsValid))
        {
            return ImportAnswers.NoneImported(rows);
        }

        var imported = rows.Where(row => row.IsValid).Select(row => row.Value!).ToList();
        await catalogStore.ImportSitesAsync(imported, cancellationToken);
        if (tree is not null)
        {
            await areaStore.PlaceAsync(SitePlacements.Of(imported), tree, cancellationToken);
        }
        return Audited(audit, TypedResults.Ok(ImportAnswers.Summarize(rows, site => site.Id)));
    }

    /// <summary>The audit trail counts the rows; the ids are in the answer the importer kept, and a file may hold thousands.</summary>
    private static Ok<ImportResult> Audited(AuditNotes audit, Ok<ImportResult> result)
    {
        audit.Detail("imported", result.Value!.Imported).Detail("rejected", result.Value.Rejected);
        return result;
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.Zone()).DateTime);
}

/// <summary>How a catalog import answers: each row with its line and errors, or a 400 when no row was imported.</summary>
public static class ImportAnswers
{
    public static ImportResult Summarize<T>(IReadOnlyList<RowResult<T>> rows, Func<T, string> id) where T : class =>
        new(rows.Count(row => row.IsValid), rows.Count(row => !row.IsValid),
            rows.Select(row => new ImportRowResult(row.Line, row.Value is null ? null : id(row.Value), row.Errors)).ToList());

    /// <summary>
    /// Every row refused: the request as a whole failed, so it is a 400 problem (errors keyed <c>lines[N].field</c>,
    /// N the CSV line), not a 200 that imported nothing.
    /// </summary>
    public static ValidationProblem NoneImported<T>(IReadOnlyList<RowResult<T>> rows) where T : class =>
        Problems.Validation(rows.SelectMany(row => row.Errors.Select(error => (Key: $"lines[{row.Line}].{error.Key}", error.Value)))
            .ToDictionary(error => error.Key, error => error.Value), "No row was imported.");
}
