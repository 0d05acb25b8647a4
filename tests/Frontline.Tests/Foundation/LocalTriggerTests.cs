using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Frontline.Host.Triggers;
using Frontline.Queues;
using Frontline.Scheduling;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Frontline.Tests.Foundation;

/// <summary>The local host's queues and timers run on the WebJobs SDK, set up as Frontline.Functions' host.json sets up Azure's.</summary>
public sealed class LocalTriggerTests
{
    private static readonly string TimerName = $"{typeof(TimerFunctions).FullName}.{nameof(TimerFunctions.PublishBulletins)}";

    [Fact]
    public void The_sdk_gets_host_json_queue_settings_by_default()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostParityTests.RepoRoot(), "functions", "Frontline.Functions", "host.json")));
        var expected = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");
        var queues = new QueuesOptions();
        new QueueTriggerOptions().ApplyTo(queues);

        Assert.Equal(expected.GetProperty("batchSize").GetInt32(), queues.BatchSize);
        Assert.Equal(expected.GetProperty("maxDequeueCount").GetInt32(), queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse(expected.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture), queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.Parse(expected.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture), queues.MaxPollingInterval);
        Assert.Equal(Azure.Storage.Queues.QueueMessageEncoding.Base64, queues.MessageEncoding);
        // host.json leaves newBatchThreshold out, so Functions uses half a batch per core.
        Assert.False(expected.TryGetProperty("newBatchThreshold", out _));
        Assert.Equal(queues.BatchSize / 2 * Environment.ProcessorCount, queues.NewBatchThreshold);
    }

    [Fact]
    public async Task The_running_host_gives_the_sdk_its_frontline_queue_settings()
    {
        await using var app = new FrontlineApp();
        app.Settings["Frontline:Queues:BatchSize"] = "7";
        await app.InitializeAsync();

        var queues = app.Get<IOptions<QueuesOptions>>().Value;
        Assert.Equal(7, queues.BatchSize);
        // The fixture's short waits (FrontlineApp) reach the SDK too.
        Assert.Equal(TimeSpan.Zero, queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), queues.MaxPollingInterval);
        Assert.Equal($"frontline-{app.NamePrefix}", await app.Get<Microsoft.Azure.WebJobs.Host.Executors.IHostIdProvider>().GetHostIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Every_queue_handler_and_scheduled_operation_has_one_sdk_function_named_as_in_the_functions_app()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var functions = typeof(QueueFunctions).GetMethods().Concat(typeof(TimerFunctions).GetMethods())
            .Select(method => (Method: method, Name: method.GetCustomAttribute<FunctionNameAttribute>()?.Name))
            .Where(function => function.Name is not null)
            .ToList();
        var queueTriggers = functions.Select(function => function.Method.GetParameters().Select(parameter => parameter.GetCustomAttribute<QueueTriggerAttribute>()).SingleOrDefault(trigger => trigger is not null)).OfType<QueueTriggerAttribute>().ToList();
        var timerTriggers = functions.Select(function => function.Method.GetParameters().Select(parameter => parameter.GetCustomAttribute<TimerTriggerAttribute>()).SingleOrDefault(trigger => trigger is not null)).OfType<TimerTriggerAttribute>().ToList();
        var resolver = app.Get<INameResolver>();

        var handlers = app.Services.GetServices<IQueueHandler>().ToList();
        Assert.Equal(handlers.Count, queueTriggers.Count);
        foreach (var handler in handlers)
        {
            var trigger = Assert.Single(queueTriggers, trigger => trigger.QueueName == $"%{FrontlineNameResolver.QueuePrefix}{handler.QueueName}%");
            Assert.Equal(app.Storage.Queue(handler.QueueName).Name, resolver.ResolveWholeString(trigger.QueueName));
        }

        var operations = app.Services.GetServices<IScheduledOperation>().ToList();
        Assert.Equal(operations.Count, timerTriggers.Count);
        Assert.All(operations, operation => Assert.Single(timerTriggers, trigger => trigger.ScheduleExpression == $"%{operation.ScheduleSetting}%" && trigger.UseMonitor && !trigger.RunOnStartup));

        // The same function names as Frontline.Functions, so that logs and the poison console read alike on both hosts.
        var functionsApp = string.Join("\n", Directory.EnumerateFiles(Path.Combine(HostParityTests.RepoRoot(), "functions", "Frontline.Functions", "Functions"), "*.cs").Select(File.ReadAllText));
        Assert.All(functions, function => Assert.Matches(new Regex($@"\[Function\(""{function.Name}""\)\]\s*public Task \w+\(\[(Queue|Timer)Trigger"), functionsApp));
    }

    [Fact]
    public async Task Two_hosts_on_one_storage_run_the_timer_in_one_of_them_only()
    {
        var first = new CountingOperation();
        var second = new CountingOperation();
        await using var one = new FrontlineApp { ConfigureTestServices = first.Replace };
        one.Settings["BulletinSchedule"] = "*/1 * * * * *";
        await one.InitializeAsync();
        await using var two = new FrontlineApp { NamePrefix = one.NamePrefix, ConfigureTestServices = second.Replace };
        two.Settings["BulletinSchedule"] = "*/1 * * * * *";
        await two.InitializeAsync();

        // Whichever host holds the singleton lease (a blob lock on the shared storage) fires every second; the other waits.
        await FrontlineApp.EventuallyAsync(() => Task.FromResult(first.Runs + second.Runs), runs => runs >= 4, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(first.Runs == 0 || second.Runs == 0, $"both hosts fired: {first.Runs} and {second.Runs}");
    }

    [Fact]
    public async Task A_schedule_missed_while_no_host_ran_runs_once_when_a_host_starts()
    {
        var operation = new CountingOperation();
        await using var app = new FrontlineApp { ConfigureTestServices = operation.Replace };
        // Daily at midnight: the last run recorded was two days ago, so yesterday's midnight was missed.
        app.Settings["BulletinSchedule"] = "0 0 0 * * *";
        var monitor = await MonitorForAsync(app);
        var midnight = DateTime.Now.Date;
        await monitor.UpdateStatusAsync(TimerName, new ScheduleStatus { Last = midnight.AddDays(-2), Next = midnight.AddDays(-1), LastUpdated = midnight.AddDays(-2) });

        await app.InitializeAsync();

        await FrontlineApp.EventuallyAsync(() => Task.FromResult(operation.Runs), runs => runs >= 1, TimeSpan.FromSeconds(20));
        var recorded = await FrontlineApp.EventuallyAsync(() => monitor.GetStatusAsync(TimerName), status => status.Last > midnight.AddDays(-2), TimeSpan.FromSeconds(10));
        Assert.Equal(midnight.AddDays(1), recorded.Next);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, operation.Runs);
    }

    [Fact]
    public async Task A_host_whose_schedule_was_never_missed_waits_for_the_next_occurrence()
    {
        var operation = new CountingOperation();
        await using var app = new FrontlineApp { ConfigureTestServices = operation.Replace };
        app.Settings["BulletinSchedule"] = "0 0 0 * * *";
        await app.InitializeAsync();

        var monitor = await MonitorForAsync(app);
        var status = await FrontlineApp.EventuallyAsync(() => monitor.GetStatusAsync(TimerName), status => status is not null, TimeSpan.FromSeconds(20));
        Assert.Equal(DateTime.Now.Date.AddDays(1), status.Next);
        Assert.Equal(0, operation.Runs);
    }

    [Fact]
    public async Task A_failure_in_the_engines_background_work_is_logged_and_the_host_keeps_serving()
    {
        await using var app = new FrontlineApp();
        await app.InitializeAsync();
        var handler = app.Get<Microsoft.Azure.WebJobs.Host.Timers.IWebJobsExceptionHandler>();

        // What the lease renewal raises when storage is gone; the SDK's own handler would end the process here.
        await handler.OnUnhandledExceptionAsync(System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(new Azure.RequestFailedException("Connection refused")));

        Assert.Contains(app.LogLines, line => line.Contains("background work failed", StringComparison.Ordinal));
        using var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
    }

    /// <summary>The timer status store as the app's hosts see it (their host id), read and written from the test.</summary>
    private static async Task<BlobScheduleMonitor> MonitorForAsync(FrontlineApp app)
    {
        var azurite = await SharedAzurite.GetAsync();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("azure-webjobs-hosts");
        return new BlobScheduleMonitor(container, new FrontlineHostId(Options.Create(new StorageOptions { NamePrefix = app.NamePrefix })), NullLogger<BlobScheduleMonitor>.Instance);
    }
}
