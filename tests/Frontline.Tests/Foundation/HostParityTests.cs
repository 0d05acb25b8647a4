using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frontline.Http;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Foundation;

/// <summary>The two hosts must serve the same routes, queues and settings; these tests fail when they drift.</summary>
public sealed class HostParityTests(HostParityTests.App app) : IClassFixture<HostParityTests.App>
{
    public sealed class App : FrontlineApp;

    private static readonly string FunctionsFolder = Path.Combine(RepoRoot(), "functions", "Frontline.Functions");

    public static TheoryData<string> RouteConstants()
    {
        var data = new TheoryData<string>();
        foreach (var field in ConstantsOf(typeof(ApiRoutes)).Where(field => field.Name != nameof(ApiRoutes.Prefix)))
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RouteConstants))]
    public void The_local_host_serves_every_route_the_library_declares(string routeName)
    {
        var template = (string)typeof(ApiRoutes).GetField(routeName)!.GetValue(null)!;
        var patterns = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/')).ToHashSet();

        Assert.Contains($"{ApiRoutes.Prefix}/{template}", patterns);
    }

    [Theory]
    [MemberData(nameof(RouteConstants))]
    public void The_functions_app_has_an_http_trigger_for_every_route(string routeName) =>
        Assert.Matches(new Regex($@"Route\s*=\s*ApiRoutes\.{routeName}\b"), FunctionsSource());

    [Theory]
    [MemberData(nameof(RouteConstants))]
    public void Both_hosts_answer_each_route_with_exactly_the_methods_the_library_declares(string routeName)
    {
        var template = (string)typeof(ApiRoutes).GetField(routeName)!.GetValue(null)!;
        if (!ApiRoutes.Methods.TryGetValue(template, out var declared))
        {
            // Only the fallback answers every method (with 404 or 405).
            Assert.Equal(nameof(ApiRoutes.Fallback), routeName);
            return;
        }

        var local = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/') == $"{ApiRoutes.Prefix}/{template}")
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Order(StringComparer.Ordinal);
        Assert.Equal(declared.Order(StringComparer.Ordinal), local);

        // Every trigger on the route, one per method where a route has several.
        var triggers = new Regex($@"HttpTrigger\(AuthorizationLevel\.\w+,\s*(?<methods>(?:""\w+"",\s*)+)Route\s*=\s*ApiRoutes\.{routeName}\b").Matches(FunctionsSource());
        Assert.True(triggers.Count > 0, $"no HTTP trigger for ApiRoutes.{routeName}");
        var functions = triggers.SelectMany(trigger => Regex.Matches(trigger.Groups["methods"].Value, @"""(\w+)""").Select(match => match.Groups[1].Value.ToUpperInvariant()))
            .Order(StringComparer.Ordinal);
        Assert.Equal(declared.Order(StringComparer.Ordinal), functions);
    }

    [Fact]
    public void The_functions_app_has_a_queue_trigger_for_every_queue()
    {
        var source = FunctionsSource();
        foreach (var field in ConstantsOf(typeof(QueueNames)).Where(field => field.Name != nameof(QueueNames.PoisonSuffix)))
        {
            Assert.Matches(new Regex($@"QueueTrigger\(\s*QueueNames\.{field.Name}\b"), source);
        }
    }

    [Fact]
    public void Every_scheduled_operation_has_a_timer_function_on_the_same_setting_and_a_schedule_in_the_local_host()
    {
        var operations = app.Services.GetServices<Frontline.Scheduling.IScheduledOperation>().ToList();
        var localSettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "functions", "Frontline.Host", "appsettings.json"))).RootElement;

        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            Assert.Matches(new Regex($@"TimerTrigger\(\s*""%""\s*\+\s*\w+\.ScheduleSetting\s*\+\s*""%""|TimerTrigger\(""%{operation.ScheduleSetting}%""\)"), FunctionsSource());
            Assert.True(localSettings.TryGetProperty(operation.ScheduleSetting, out var schedule), $"appsettings.json has no {operation.ScheduleSetting}");
            Assert.NotNull(Frontline.Host.Triggers.ScheduleSettings.Parse(schedule.GetString(), operation.ScheduleSetting));
        }
    }

    [Fact]
    public void Host_json_queue_settings_match_the_local_listener()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, "host.json")));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(QueueSemantics.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(QueueSemantics.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(QueueSemantics.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(QueueSemantics.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString(), ignoreCase: true);
    }

    private static string FunctionsSource() =>
        string.Join("\n", Directory.EnumerateFiles(FunctionsFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

    internal static IEnumerable<FieldInfo> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral && field.FieldType == typeof(string));

    internal static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Serverless.sln not found above the test output.");
    }
}
