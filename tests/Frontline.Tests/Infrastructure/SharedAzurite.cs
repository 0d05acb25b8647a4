using Frontline.Host;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// One in-memory Azurite for the whole test run, started on free ports on first use and stopped when the
/// test process exits. Tests stay apart by giving every host its own table and queue name prefix.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<LocalAzurite>> Instance = new(StartAsync);

    public static Task<LocalAzurite> GetAsync() => Instance.Value;

    public static Task<LocalAzurite> StartDedicatedAsync() =>
        LocalAzurite.StartAsync(LocalAzurite.FindEmulatorRoot(AppContext.BaseDirectory), dataDirectory: null);

    private static async Task<LocalAzurite> StartAsync()
    {
        var azurite = await StartDedicatedAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
