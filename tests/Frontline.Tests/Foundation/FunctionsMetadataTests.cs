using System.Text.Json;
using Frontline.Http;
using Frontline.Scheduling;
using Frontline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Foundation;

/// <summary>
/// The Functions app as the Worker SDK compiled it: <c>functions.metadata</c> is written by the SDK's generator from
/// the trigger attributes, so it says what Azure will serve, where <see cref="HostParityTests"/> can only read the
/// source. The test command builds the app wherever its packages restore and then sets
/// <c>FRONTLINE_FUNCTIONS_BUILT</c>; with it set, a missing file fails the run instead of passing it.
/// </summary>
public sealed class FunctionsMetadataTests(HostParityTests.App app) : IClassFixture<HostParityTests.App>
{
    private static readonly Lazy<List<FunctionEntry>?> Functions = new(Load);

    [Fact]
    public void Every_route_the_library_declares_has_http_functions_answering_exactly_its_methods_each_once()
    {
        if (Compiled() is not { } functions)
        {
            return;
        }

        foreach (var template in Routes())
        {
            // One function per method where a route has several (GET and PUT of a draft): each function is one call.
            var triggers = functions.Where(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route == template).Select(function => function.Trigger).ToList();
            Assert.NotEmpty(triggers);
            Assert.All(triggers, trigger => Assert.Equal("Anonymous", trigger.AuthLevel));
            var served = triggers.SelectMany(trigger => trigger.Methods.Select(method => method.ToUpperInvariant())).ToList();
            Assert.True(served.Count == served.Distinct().Count(), $"{template}: a method is served by two functions");
            var expected = ApiRoutes.Methods.TryGetValue(template, out var declared)
                ? declared
                : ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
            Assert.Equal(expected.Select(method => method.ToUpperInvariant()).Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Every_declared_route_is_the_http_function_of_its_name_with_its_method_and_template()
    {
        if (Compiled() is not { } functions)
        {
            return;
        }

        foreach (var route in RouteTable.All)
        {
            var function = Assert.Single(functions, function => function.Name == route.Name);
            Assert.Equal("httpTrigger", function.Trigger.Type);
            Assert.Equal(route.Template, function.Trigger.Route);
            Assert.Equal([route.Method], function.Trigger.Methods.Select(method => method.ToUpperInvariant()));
        }

        // Every HTTP function but the fallback is a declared route, so the route table (and the OpenAPI document written
        // from it) has exactly as many routes as the app has HTTP functions.
        var routeFunctions = functions.Where(function => function.Trigger.Type == "httpTrigger" && function.Trigger.Route != ApiRoutes.Fallback).ToList();
        Assert.Equal(RouteTable.All.Select(route => route.Name).Order(StringComparer.Ordinal), routeFunctions.Select(function => function.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_functions_app_serves_no_route_the_library_does_not_declare()
    {
        if (Compiled() is not { } functions)
        {
            return;
        }

        var declared = Routes().ToHashSet(StringComparer.Ordinal);
        Assert.All(functions.Where(function => function.Trigger.Type == "httpTrigger"),
            function => Assert.True(declared.Contains(function.Trigger.Route ?? ""), $"{function.Name} serves {function.Trigger.Route}, which ApiRoutes does not declare"));
    }

    [Fact]
    public void Every_queue_has_one_queue_function_on_the_storage_connection_the_library_uses()
    {
        if (Compiled() is not { } functions)
        {
            return;
        }

        foreach (var queue in QueueNames.All)
        {
            var trigger = Assert.Single(functions, function => function.Trigger.Type == "queueTrigger" && function.Trigger.QueueName == queue).Trigger;
            // No connection named means AzureWebJobsStorage, which is the one the library reads.
            Assert.Equal(StorageOptions.ConnectionName, trigger.Connection ?? "AzureWebJobsStorage");
        }

        Assert.Equal(QueueNames.All.Count, functions.Count(function => function.Trigger.Type == "queueTrigger"));
    }

    [Fact]
    public void Every_scheduled_operation_has_one_timer_function_reading_its_schedule_setting()
    {
        if (Compiled() is not { } functions)
        {
            return;
        }

        var operations = app.Services.GetServices<IScheduledOperation>().ToList();
        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            Assert.Single(functions, function => function.Trigger.Type == "timerTrigger" && function.Trigger.Schedule == $"%{operation.ScheduleSetting}%");
        }

        Assert.Equal(operations.Count, functions.Count(function => function.Trigger.Type == "timerTrigger"));
    }

    /// <summary>The compiled functions, or null where the app could not be built (its packages did not restore).</summary>
    internal static List<FunctionEntry>? Compiled()
    {
        var functions = Functions.Value;
        RequireBuilt(functions, "functions.metadata");
        return functions;
    }

    /// <summary>
    /// The newest file of that name the Functions app's build wrote, or null where the app could not be built. Where the
    /// test command built it (<c>FRONTLINE_FUNCTIONS_BUILT</c>), a missing file fails the test instead.
    /// </summary>
    internal static string? BuiltFile(string fileName)
    {
        var bin = new DirectoryInfo(Path.Combine(HostParityTests.RepoRoot(), "functions", "Frontline.Functions", "bin"));
        var path = bin.Exists
            ? bin.EnumerateFiles(fileName, SearchOption.AllDirectories).OrderByDescending(file => file.LastWriteTimeUtc).FirstOrDefault()?.FullName
            : null;
        RequireBuilt(path, fileName);
        return path;
    }

    private static void RequireBuilt(object? found, string fileName)
    {
        if (found is null && Environment.GetEnvironmentVariable("FRONTLINE_FUNCTIONS_BUILT") == "1")
        {
            Assert.Fail($"The test command built Frontline.Functions, but no {fileName} was found under its bin folder.");
        }
    }

    internal static IEnumerable<string> Routes() =>
        HostParityTests.ConstantsOf(typeof(ApiRoutes)).Where(field => field.Name != nameof(ApiRoutes.Prefix)).Select(field => (string)field.GetValue(null)!);

    private static List<FunctionEntry>? Load()
    {
        if (BuiltFile("functions.metadata") is not { } path)
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .First(binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Text(string name) => trigger.TryGetProperty(name, out var value) ? value.GetString() : null;
            var methods = trigger.TryGetProperty("methods", out var list) ? list.EnumerateArray().Select(method => method.GetString()!).ToArray() : [];
            return new FunctionEntry(
                function.GetProperty("name").GetString()!,
                new Trigger(Text("type")!, Text("route"), methods, Text("authLevel"), Text("queueName"), Text("connection"), Text("schedule")));
        }).ToList();
    }

    internal sealed record FunctionEntry(string Name, Trigger Trigger);

    internal sealed record Trigger(string Type, string? Route, string[] Methods, string? AuthLevel, string? QueueName, string? Connection, string? Schedule);
}
