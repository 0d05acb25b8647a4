using Frontline.Http;
using Microsoft.AspNetCore.Http;

namespace Frontline.Areas;

/// <summary>
/// The <c>area</c> filter of the readers that cover the whole catalog (completeness and its export, the counts
/// export): the sites in that area and below it, or every site when the request names none.
/// </summary>
/// <param name="Sites">The sites in scope; null for all of them.</param>
public sealed record AreaScope(string? Area, IReadOnlySet<string>? Sites)
{
    public static AreaScope Everywhere { get; } = new(null, null);

    public bool Covers(string siteId) => Sites is null || Sites.Contains(siteId);

    /// <summary>The scope the request's <c>area</c> names, or its problem: 400 for a malformed code, 404 for an unknown one.</summary>
    public static async Task<(AreaScope? Scope, IResult? Problem)> ReadAsync(HttpRequest request, AreaStore areas, CancellationToken cancellationToken)
    {
        var code = request.Query["area"].ToString();
        if (code.Length == 0)
        {
            return (Everywhere, null);
        }

        if (!AreaImport.IsValidCode(code))
        {
            return (null, Problems.Validation("area", "An area's code (GET /api/areas lists them)."));
        }

        if (await areas.GetAsync(code, cancellationToken) is not { } area)
        {
            return (null, Problems.NotFound($"No area {code}."));
        }

        return (new AreaScope(code, await areas.SiteIdsBelowAsync(area.Path, cancellationToken)), null);
    }
}
