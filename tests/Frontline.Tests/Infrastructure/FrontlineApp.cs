using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Frontline.Host;
using Xunit;
using Frontline.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// The local host, in process, on Azurite, with its own table and queue names: a whole Frontline per test
/// class. Queue retries are immediate so that five tries take a second, not a minute.
/// </summary>
public class FrontlineApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private LocalAzurite? _azurite;

    /// <summary>Unique per app unless a test gives two hosts the same one: two hosts on one storage account.</summary>
    public string NamePrefix { get; init; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>
    /// Off for benchmarks: every log line kept in memory (and printed to the console) would be measured along
    /// with the host. The hosts still log Warning and above to the console.
    /// </summary>
    public bool CaptureLogs { get; init; } = true;

    public string Environment { get; init; } = "Development";

    public Dictionary<string, string?> Settings { get; } = new();

    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    public LocalAzurite Azurite => _azurite ?? throw new InvalidOperationException("Not initialized.");

    public FrontlineStorage Storage => Services.GetRequiredService<FrontlineStorage>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public virtual async Task InitializeAsync()
    {
        _azurite = await AzuriteForThisApp();
        await Storage.EnsureCreatedAsync(CancellationToken.None);
    }

    protected virtual Task<LocalAzurite> AzuriteForThisApp() => SharedAzurite.GetAsync();

    public new virtual async Task DisposeAsync() => await base.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseContentRoot(HostProjectDirectory());
        builder.UseSetting("AzureWebJobsStorage", Azurite.ConnectionString);
        builder.UseSetting("Frontline:Storage:NamePrefix", NamePrefix);
        builder.UseSetting("Frontline:LocalStorage:StartAzurite", "false");
        builder.UseSetting("Frontline:SeedDemoData", "false");
        builder.UseSetting("Frontline:RegistrationsPerMinutePerClient", "100000");
        builder.UseSetting("Frontline:RegistrationBurstPerClient", "100000");
        builder.UseSetting("Frontline:RegistrationsPerDevicePerTenMinutes", "100000");
        builder.UseSetting("Frontline:PersonalDataKey", "ZGV2LW9ubHkgcGVyc29uYWwgZGF0YSBrZXkgMzIgYiE=");
        builder.UseSetting("Frontline:PhoneHashKey", "ZGV2LW9ubHkgcGhvbmUgaGFzaCBrZXksIDMyIGJ5dGU=");
        builder.UseSetting("Frontline:Queues:VisibilityTimeout", "00:00:00");
        builder.UseSetting("Frontline:Queues:MaxPollingInterval", "00:00:00.200");
        builder.UseSetting("Frontline:Bulletins:TotalNumberBefore", "96");
        // Yearly, so that a test never meets the bulletin timer by chance; tests run it on demand.
        builder.UseSetting("BulletinSchedule", "0 0 0 1 1 *");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (CaptureLogs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogLines)));
        }
        else
        {
            builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        }

        if (ConfigureTestServices is not null)
        {
            builder.ConfigureServices(ConfigureTestServices);
        }
    }

    public async Task<string> TokenAsync(string[] roles, string? unitId = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { roles, unitId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.AccessToken;
    }

    public HttpClient CreateClient(string bearerToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>Polls until the condition holds; queue processing is asynchronous by design.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (until(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold in time; last value: {value}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The host's own folder, so that its relative settings (site, seeds) resolve as under <c>dotnet run</c>.</summary>
    public static string HostProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "functions", "Frontline.Host");
            if (File.Exists(Path.Combine(candidate, "Frontline.Host.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("functions/Frontline.Host not found above the output folder.");
    }

    private sealed record TokenBody(string AccessToken);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
