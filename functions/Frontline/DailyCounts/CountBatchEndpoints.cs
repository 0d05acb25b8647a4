using System.Globalization;
using Frontline.Http;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Spreadsheets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontline.DailyCounts;

public sealed record BatchRowResult(int Row, string? SiteId, int Status, SubmissionResult? Result, IDictionary<string, string[]>? Errors, string? Title);

/// <summary>A unit's day for many sites at once, as JSON rows, a CSV file or an .xlsx workbook: each row is checked and answered on its own.</summary>
public sealed class CountBatchEndpoints(CountSubmitter submitter, Applications.IdempotentRequests idempotency)
{
    private const int MaxBatchRows = 500;
    private const int BatchLimitBytes = 256 * 1024;

    /// <summary>Many sites of one unit and one day at once, as JSON rows, CSV or .xlsx; each row is answered on its own. With an Idempotency-Key, a retry gets the first answer again.</summary>
    public Task<IResult> SubmitBatchAsync(HttpRequest request, Caller caller, string unitId, string day, CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, () => SubmitBatchOnceAsync(request, caller, unitId, day, cancellationToken), cancellationToken);

    private async Task<IResult> SubmitBatchOnceAsync(HttpRequest request, Caller caller, string unitId, string day, CancellationToken cancellationToken)
    {
        if (!CatalogImport.IsValidId(unitId))
        {
            return Problems.NotFound("No such unit.");
        }

        List<(CountsBatchRow Row, Dictionary<string, string[]> Errors)> rows;
        if (SpreadsheetBody.IsCsv(request) || SpreadsheetBody.IsXlsx(request))
        {
            var sheet = await SpreadsheetBody.ReadAsync(request, BatchLimitBytes, MaxBatchRows, cancellationToken);
            if (sheet.Problem is not null)
            {
                return sheet.Problem;
            }

            if (CountColumns.Twice(sheet.Rows![0].Keys) is { } twice)
            {
                return Problems.Validation(twice, "This column appears twice in the header, by its name and in Chinese.");
            }

            rows = sheet.Rows.Select(CountColumns.ByField).Select(ReadCsvRow).ToList();
        }
        else
        {
            var body = await JsonBody.ReadAsync<CountsBatchRequest>(request, cancellationToken, BatchLimitBytes);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            rows = [.. (body.Value!.Rows ?? []).Select(row => (row ?? new CountsBatchRow(null, null, null, null, null, null, null, null, null), new Dictionary<string, string[]>()))];
        }

        if (rows.Count is 0 or > MaxBatchRows)
        {
            return Problems.Validation("rows", $"Send 1 to {MaxBatchRows} rows.");
        }

        var results = new List<BatchRowResult>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, cellErrors) = rows[i];
            var outcome = cellErrors.Count > 0
                ? new SubmitOutcome(null, StatusCodes.Status400BadRequest, cellErrors, "The row has invalid cells.")
                : await submitter.SubmitAsync(CountSubmitter.Who(caller), unitId, row.SiteId ?? "", day, row.Counts, cancellationToken);
            results.Add(outcome.Result is { } result
                ? new BatchRowResult(i + 1, row.SiteId, StatusCodes.Status200OK, result, null, null)
                : new BatchRowResult(i + 1, row.SiteId, outcome.Status, null, outcome.Errors, outcome.Title));
        }

        if (results.All(result => result.Result is null))
        {
            return NoneAccepted(results);
        }

        return TypedResults.Ok(results);
    }

    /// <summary>A CSV or sheet row: figures are digits only (no sign, no spaces, no 5.0 or 1e3), and no cell may look like a formula.</summary>
    private static (CountsBatchRow Row, Dictionary<string, string[]> Errors) ReadCsvRow(Dictionary<string, string> row)
    {
        var errors = new Dictionary<string, string[]>();
        long? Number(string field)
        {
            var cell = row.GetValueOrDefault(field);
            if (string.IsNullOrEmpty(cell))
            {
                return null;
            }

            if (cell.Length <= 7 && long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[field] = [$"A whole number from 0 to {CountValidation.MaxFigure}, digits only."];
            return null;
        }

        var parsed = new CountsBatchRow(row.GetValueOrDefault("siteId"), Number("onDuty"), Number("partyMembers"), Number("tested"),
            Number("peopleChecked"), Number("vehiclesChecked"), Number("suppliesDelivered"), Number("householdsVisited"), row.GetValueOrDefault("highlight"));
        Csv.RefuseFormulas(row, errors);
        return (parsed, errors);
    }

    /// <summary>
    /// Every row refused: the request as a whole failed. The answer is a problem with the rows' common status (400
    /// when they differ), errors keyed <c>rows[N].field</c> (N from 1), and nothing was written.
    /// </summary>
    private static ProblemHttpResult NoneAccepted(List<BatchRowResult> results)
    {
        var statuses = results.Select(result => result.Status).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        foreach (var result in results)
        {
            if (result.Errors is { Count: > 0 } rowErrors)
            {
                foreach (var (field, messages) in rowErrors)
                {
                    errors[$"rows[{result.Row}].{field}"] = messages;
                }
            }
            else
            {
                errors[$"rows[{result.Row}]"] = [result.Title ?? "Refused."];
            }
        }

        return Problems.Status(statuses.Count == 1 ? statuses[0] : StatusCodes.Status400BadRequest, "No row was accepted.",
            $"All {results.Count} rows were refused; see errors.", new Dictionary<string, object?> { ["errors"] = errors });
    }
}
