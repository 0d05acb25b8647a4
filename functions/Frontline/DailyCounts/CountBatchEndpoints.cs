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
public sealed class CountBatchEndpoints(CountSubmitter submitter, Indicators.IndicatorStore indicators, Applications.IdempotentRequests idempotency)
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

            var set = await indicators.CurrentAsync(cancellationToken)
                ?? throw new InvalidOperationException("The indicator definitions are not seeded yet.");
            var fieldsByName = CountColumns.FieldsByName(set);
            if (CountColumns.Twice(sheet.Rows![0].Keys, fieldsByName) is { } twice)
            {
                return Problems.Validation(ColumnName(twice), "This column appears twice in the header, under two of its names (a code and its Chinese name).");
            }

            rows = sheet.Rows.Select(row => ReadCsvRow(CountColumns.ByField(row, fieldsByName), set)).ToList();
        }
        else
        {
            var body = await JsonBody.ReadAsync<CountsBatchRequest>(request, cancellationToken, BatchLimitBytes);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            rows = [.. (body.Value!.Rows ?? []).Select(row => (row ?? new CountsBatchRow(null, null, null, null, null, null, null, null, null, null), new Dictionary<string, string[]>()))];
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

    /// <summary>
    /// A CSV or sheet row: a count is digits only (no sign, no spaces, no 5.0 or 1e3), hours digits with at most one
    /// decimal (7.5), and no cell may look like a formula. Round one's seven figures go where their field names are, so
    /// an error names the column as that unit's sheet names it; any other indicator goes by code into <c>values</c>.
    /// </summary>
    private static (CountsBatchRow Row, Dictionary<string, string[]> Errors) ReadCsvRow(Dictionary<string, string> row, Indicators.IndicatorSet set)
    {
        var errors = new Dictionary<string, string[]>();
        var legacy = new Dictionary<string, long?>(StringComparer.Ordinal);
        Dictionary<string, decimal?>? values = null;
        foreach (var (field, cell) in row)
        {
            if (string.IsNullOrEmpty(cell) || set.Find(field) is not { } indicator)
            {
                continue;
            }

            var hours = indicator.Kind == Indicators.IndicatorKinds.Hours;
            if (!TryParseCell(cell, hours, out var value))
            {
                errors[ColumnName(field)] = [hours
                    ? $"Hours from 0 to {CountValidation.MaxFigure}, digits with at most one decimal (7.5)."
                    : $"A whole number from 0 to {CountValidation.MaxFigure}, digits only."];
            }
            else if (Indicators.IndicatorDefaults.LegacyFields.TryGetValue(field, out var legacyField) && decimal.IsInteger(value))
            {
                legacy[legacyField] = (long)value;
            }
            else
            {
                (values ??= new Dictionary<string, decimal?>(StringComparer.Ordinal))[field] = value;
            }
        }

        var parsed = new CountsBatchRow(row.GetValueOrDefault(CountColumns.SiteId), legacy.GetValueOrDefault("onDuty"), legacy.GetValueOrDefault("partyMembers"),
            legacy.GetValueOrDefault("tested"), legacy.GetValueOrDefault("peopleChecked"), legacy.GetValueOrDefault("vehiclesChecked"),
            legacy.GetValueOrDefault("suppliesDelivered"), legacy.GetValueOrDefault("householdsVisited"), row.GetValueOrDefault(CountColumns.Highlight), values);
        Csv.RefuseFormulas(row, errors);
        return (parsed, errors);
    }

    /// <summary>Digits, and for hours one decimal after a point: nothing a spreadsheet could read another way.</summary>
    private static bool TryParseCell(string cell, bool hours, out decimal value)
    {
        value = 0;
        var point = cell.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? cell : cell[..point];
        var tenths = point < 0 ? "" : cell[(point + 1)..];
        if (whole.Length is 0 or > 7 || !whole.All(char.IsAsciiDigit) || (point >= 0 && (!hours || tenths.Length != 1 || !char.IsAsciiDigit(tenths[0]))))
        {
            return false;
        }

        value = decimal.Parse(cell, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return value <= CountValidation.MaxFigure;
    }

    /// <summary>The name an error gives a column: a round-one figure by its field name (onDuty), any other indicator by its code.</summary>
    private static string ColumnName(string field) => Indicators.IndicatorDefaults.LegacyFields.GetValueOrDefault(field, field);

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
