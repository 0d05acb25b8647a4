using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Frontline.Http;

/// <summary>
/// The answer for a request under <c>/api</c> that no route took: 405 with Allow when the path is a known route
/// asked with the wrong method, else 404; problem+json either way, never the site's index page or an empty body.
/// </summary>
public static class ApiFallback
{
    private static readonly (TemplateMatcher Matcher, string[] Methods)[] Routes = ApiRoutes.Methods
        .Select(route => (new TemplateMatcher(TemplateParser.Parse(route.Key), []), route.Value))
        .ToArray();

    public static IResult Answer(HttpRequest request)
    {
        var path = request.Path.StartsWithSegments("/" + ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase, out var rest) ? rest : request.Path;
        var allowed = Routes.Where(route => route.Matcher.TryMatch(path, []))
            .SelectMany(route => route.Methods)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return allowed.Count == 0 || allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase)
            ? Problems.NotFound("No such API route.")
            : Problems.MethodNotAllowed(request.Method, allowed);
    }
}
