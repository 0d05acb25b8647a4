using System.Text.Json;
using Frontline.Http;
using Frontline.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Frontline.Tests.Foundation;

/// <summary>
/// <c>GET /api/openapi.json</c>: written by the library from the route table, so the local host and the Functions app
/// (whose trigger calls the same route through the same invoker) serve one text. It must name every route either host
/// serves and be a valid OpenAPI document by Microsoft.OpenApi's own reader; the test command also lints it with
/// Redocly and generates the client that tests/Frontline.ClientTests uses.
/// </summary>
public sealed class OpenApiDocumentTests(HostParityTests.App app) : IClassFixture<HostParityTests.App>
{
    [Fact]
    public async Task The_local_host_serves_the_library_s_document_as_json()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/openapi.json");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(app.Get<ApiDocument>().Json, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_document_is_valid_openapi_3_1_by_microsoft_openapi_s_reader_and_rules()
    {
        var read = OpenApiDocument.Parse(app.Get<ApiDocument>().Json, "json");

        Assert.Empty(read.Diagnostic!.Errors.Select(error => $"{error.Pointer}: {error.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Empty(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(error => $"{error.Pointer}: {error.Message}"));
    }

    [Fact]
    public void Every_route_the_local_host_serves_is_in_the_document()
    {
        var operations = Operations();
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/') is { } pattern
                && pattern.StartsWith(ApiRoutes.Prefix + "/", StringComparison.Ordinal) && pattern != $"{ApiRoutes.Prefix}/{ApiRoutes.Fallback}")
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')[(ApiRoutes.Prefix.Length + 1)..]}"))
            .ToList();

        Assert.NotEmpty(served);
        Assert.Equal(served.Order(StringComparer.Ordinal), operations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_http_function_is_in_the_document_and_the_document_has_as_many_routes_as_the_app_has_http_functions()
    {
        if (FunctionsMetadataTests.Compiled() is not { } functions)
        {
            return;
        }

        var routeFunctions = functions
            .Where(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route != ApiRoutes.Fallback)
            .SelectMany(function => function.Trigger.Methods.Select(method => $"{method.ToUpperInvariant()} /{function.Trigger.Route}"))
            .ToList();

        Assert.Equal(routeFunctions.Order(StringComparer.Ordinal), Operations().Order(StringComparer.Ordinal));
        Assert.Equal(functions.Count(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route != ApiRoutes.Fallback), Operations().Count);
    }

    [Fact]
    public void Each_operation_says_who_may_call_it_and_answers_problems_as_problem_json()
    {
        using var document = JsonDocument.Parse(app.Get<ApiDocument>().Json);
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("entra");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());

        foreach (var route in RouteTable.All)
        {
            var operation = document.RootElement.GetProperty("paths").GetProperty($"/{route.Template}").GetProperty(route.Method.ToLowerInvariant());
            Assert.Equal(route.Name, operation.GetProperty("operationId").GetString());
            var security = operation.GetProperty("security").EnumerateArray().Single();
            Assert.Equal(route.Access.Anonymous, !security.TryGetProperty("entra", out _));
            var responses = operation.GetProperty("responses");
            foreach (var status in route.Problems.Concat(route.Access.Anonymous ? [] : [401, 403]))
            {
                Assert.True(responses.GetProperty($"{status}").GetProperty("content").TryGetProperty("application/problem+json", out _), $"{route.Name} {status}");
            }
        }
    }

    [Fact]
    public void Chinese_fields_carry_chinese_examples()
    {
        using var document = JsonDocument.Parse(app.Get<ApiDocument>().Json);
        var highlight = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CountsRequest")
            .GetProperty("properties").GetProperty("highlight").GetProperty("examples")[0].GetString()!;

        Assert.Contains(highlight, character => character is >= '\u4e00' and <= '\u9fff');
    }

    private List<string> Operations()
    {
        using var document = JsonDocument.Parse(app.Get<ApiDocument>().Json);
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();
    }
}
