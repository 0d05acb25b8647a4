using System.Globalization;
using Frontline.Http;
using Frontline.Sites;
using Frontline.Spreadsheets;
using Microsoft.AspNetCore.Http;

namespace Frontline.Areas;

public sealed class AreaEndpoints(AreaStore store)
{
    private const int ImportLimitBytes = 2 * 1024 * 1024;

    /// <summary>A province's tree down to its communities is tens of thousands of rows.</summary>
    private const int MaxImportRows = 20_000;

    private const int DefaultTake = 50;
    private const int MaxTake = 200;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? parent = request.Query["parent"];
        if (string.IsNullOrEmpty(parent))
        {
            return TypedResults.Ok(await store.ChildrenAsync(null, cancellationToken));
        }

        if (!AreaImport.IsValidCode(parent))
        {
            return Problems.Validation("parent", "An area's code.");
        }

        if (await store.GetAsync(parent, cancellationToken) is null)
        {
            return Problems.NotFound($"No area {parent}.");
        }

        return TypedResults.Ok(await store.ChildrenAsync(parent, cancellationToken));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string code, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AreaImport.IsValidCode(code))
        {
            errors["code"] = ["An area's code."];
        }

        var take = DefaultTake;
        if (request.Query["take"] is { Count: > 0 } takeText && !(int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxTake))
        {
            errors["take"] = [$"A whole number from 1 to {MaxTake}."];
        }

        string? continuation = request.Query["continuation"];
        if (string.IsNullOrEmpty(continuation))
        {
            continuation = null;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await store.GetAsync(code, cancellationToken) is not { } area)
        {
            return Problems.NotFound($"No area {code}.");
        }

        if (continuation is not null && !AreaStore.IsContinuationOf(area.Path, continuation))
        {
            return Problems.Validation("continuation", "Not a continuation this area's list handed out.");
        }

        // The areas above it, its children and a page of its sites: independent reads, made together.
        var codesAbove = AreaPaths.Codes(area.Path).SkipLast(1).ToList();
        var above = codesAbove.Select(ancestor => store.GetAsync(ancestor, cancellationToken)).ToList();
        var children = store.ChildrenAsync(area.Code, cancellationToken);
        var sites = store.SitesBelowAsync(area.Path, take, continuation, cancellationToken);
        var ancestors = (await Task.WhenAll(above)).OfType<StoredArea>().Select(ancestor => ancestor.Summary).ToList();
        return TypedResults.Ok(new AreaDetail(area.Code, area.Name, area.Level, area.Parent, area.SitesHere, area.SitesBelow,
            ancestors, await children, await sites));
    }

    public async Task<IResult> ImportAsync(HttpRequest request, AuditNotes audit, CancellationToken cancellationToken)
    {
        var sheet = await SpreadsheetBody.ReadAsync(request, ImportLimitBytes, MaxImportRows, cancellationToken);
        if (sheet.Problem is not null)
        {
            return sheet.Problem;
        }

        var rows = AreaImport.Plan(sheet.Rows!, await store.ReadTreeAsync(cancellationToken));
        if (!rows.Any(row => row.IsValid))
        {
            return ImportAnswers.NoneImported(rows);
        }

        await store.ImportAsync(rows.Where(row => row.IsValid).Select(row => row.Value!).ToList(), cancellationToken);
        var answer = ImportAnswers.Summarize(rows, planned => planned.Area.Code);
        audit.Detail("imported", answer.Imported).Detail("rejected", answer.Rejected);
        return TypedResults.Ok(answer);
    }
}
