using System.Text.RegularExpressions;
using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Frontline.Tests.Foundation;

/// <summary>
/// The Azure Functions host does not order HTTP routes by ASP.NET Core's precedence. It sorts the functions by name
/// (<c>FunctionMetadataManager</c>: <c>OrderBy(Name, StringComparer.OrdinalIgnoreCase)</c>), maps each HTTP trigger as a
/// template route with an HTTP-method constraint in that order (<c>WebScriptHostHttpRoutesManager</c>), and the first
/// route whose template and method match takes the request. These tests replay that rule over the
/// <c>functions.metadata</c> the Worker SDK generated: a catch-all whose name sorts first answered every request with
/// its 404, which the metadata parity tests could not see.
/// </summary>
public sealed class FunctionsRouteOrderTests
{
    /// <summary>A concrete value for every route parameter, as a caller would send it.</summary>
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["registrationId"] = "A3kZ9x-Qm2_bYp0cVt8wLr",
        ["siteId"] = "cd-yusha-testing",
        ["day"] = "2026-12-01",
        ["unitId"] = "nj-yibao",
        ["periodKey"] = "daily-2026-12-01",
        ["year"] = "2022",
        ["number"] = "36",
        ["volunteerId"] = "A3kZ9x-Qm2_bYp0cVt8wLr",
        ["queue"] = "registrations",
        ["messageId"] = "6f1c2a4e-0b7d-4c55-9a3e-2f8d1e0c7b61",
        ["contributionId"] = "20221215-7k2m9q4x1z",
        ["clientId"] = "8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6b",
        ["code"] = "sampling-rounds",
        ["version"] = "7",
        ["batchId"] = "20220317-abcdefgh",
        ["teamId"] = "t-0123456789",
    };

    private static readonly string[] AllMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public static TheoryData<string, string> EveryRouteAndMethod()
    {
        var data = new TheoryData<string, string>();
        foreach (var (template, methods) in ApiRoutes.Methods)
        {
            foreach (var method in methods)
            {
                data.Add(method, Fill(template));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRouteAndMethod))]
    public void Under_the_hosts_ordering_each_request_reaches_its_own_routes_function(string method, string path)
    {
        if (FunctionsMetadataTests.Compiled() is not { } functions)
        {
            return;
        }

        var template = ApiRoutes.Methods.Keys.Single(candidate => Fill(candidate) == path);
        var own = functions.Single(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route == template
            && function.Trigger.Methods.Contains(method, StringComparer.OrdinalIgnoreCase));

        Assert.Equal(own.Name, FirstMatch(functions, method, path)?.Name);
    }

    [Theory]
    [InlineData("GET", "nothing-here")]
    [InlineData("POST", "sites/cd-yusha-testing/counts/2026-12-01/unknown")]
    [InlineData("GET", "bulletins/2022/36/extra/segments")]
    [InlineData("DELETE", "sites/cd-yusha-testing/counts/2026-12-01")]
    [InlineData("PATCH", "registrations")]
    [InlineData("OPTIONS", "health")]
    [InlineData("PUT", "bulletins/feed")]
    public void Unknown_paths_and_other_methods_reach_the_fallback_and_nothing_else(string method, string path)
    {
        if (FunctionsMetadataTests.Compiled() is not { } functions)
        {
            return;
        }

        var fallback = functions.Single(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route == ApiRoutes.Fallback);
        Assert.Equal(fallback.Name, FirstMatch(functions, method, path)?.Name);
    }

    [Fact]
    public void Every_method_a_route_does_not_declare_falls_through_to_the_fallback()
    {
        if (FunctionsMetadataTests.Compiled() is not { } functions)
        {
            return;
        }

        var fallback = functions.Single(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route == ApiRoutes.Fallback);
        foreach (var (template, methods) in ApiRoutes.Methods)
        {
            foreach (var method in AllMethods.Except(methods, StringComparer.OrdinalIgnoreCase))
            {
                Assert.True(FirstMatch(functions, method, Fill(template))?.Name == fallback.Name,
                    $"{method} /api/{Fill(template)} should reach {fallback.Name} (405 with Allow), not {FirstMatch(functions, method, Fill(template))?.Name}");
            }
        }
    }

    /// <summary>The host's rule: HTTP functions by name, ordinal and case-insensitive; the first template and method that match.</summary>
    private static FunctionsMetadataTests.FunctionEntry? FirstMatch(IEnumerable<FunctionsMetadataTests.FunctionEntry> functions, string method, string path)
    {
        var requestPath = new PathString($"/{ApiRoutes.Prefix}/{path}");
        foreach (var function in functions.Where(function => function.Trigger.Type == "httpTrigger").OrderBy(function => function.Name, StringComparer.OrdinalIgnoreCase))
        {
            var methods = function.Trigger.Methods;
            if (methods.Length > 0 && !methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var matcher = new TemplateMatcher(TemplateParser.Parse($"{ApiRoutes.Prefix}/{function.Trigger.Route}"), new RouteValueDictionary());
            if (matcher.TryMatch(requestPath, new RouteValueDictionary()))
            {
                return function;
            }
        }

        return null;
    }

    private static string Fill(string template) =>
        Regex.Replace(template, @"\{\*?(?<name>[A-Za-z]+)\}", match => SampleValues.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidOperationException($"No sample value for the route parameter {match.Value} in {template}; add one to {nameof(SampleValues)}."));
}
