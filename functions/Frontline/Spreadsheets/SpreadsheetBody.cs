using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Frontline.Spreadsheets;

/// <summary>
/// An import's body as offices send it: CSV (UTF-8 or GBK, <see cref="Csv"/>) or an .xlsx workbook
/// (<see cref="Xlsx"/>), read into rows keyed by the header row. Catalog imports and count batches read through here.
/// </summary>
public static class SpreadsheetBody
{
    /// <summary>An .xlsx is larger than the same rows as CSV (zip and XML around every cell).</summary>
    public const int XlsxLimitBytes = 2 * 1024 * 1024;

    public static bool IsXlsx(HttpRequest request) =>
        request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, Xlsx.MediaType, StringComparison.OrdinalIgnoreCase);

    public static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, Csv.MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The rows of a CSV (at most <paramref name="csvLimitBytes"/>) or .xlsx body (at most <see cref="XlsxLimitBytes"/>,
    /// and <paramref name="maxRows"/> rows under the header); anything else is a 415 naming both types.
    /// </summary>
    public static async Task<(List<Dictionary<string, string>>? Rows, IResult? Problem)> ReadAsync(HttpRequest request, int csvLimitBytes, int maxRows, CancellationToken cancellationToken)
    {
        if (IsCsv(request))
        {
            return await Csv.ReadBodyAsync(request, csvLimitBytes, cancellationToken);
        }

        if (!IsXlsx(request))
        {
            return (null, Problems.UnsupportedMediaType($"{Csv.MediaType} or {Xlsx.MediaType}", request.ContentType));
        }

        var (bytes, tooLarge) = await JsonBody.ReadLimitedAsync(request, XlsxLimitBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        var (cells, problem) = Xlsx.Read(bytes!, maxRows);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var rows = Csv.WithHeader(cells!);
            return rows.Count == 0
                ? (null, Problems.Validation("rows", "The sheet has no rows: put a header row and at least one row on its first sheet."))
                : (rows, null);
        }
        catch (FormatException malformed)
        {
            return (null, Problems.Validation("sheet", malformed.Message));
        }
    }
}
