using Frontline.Storage;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Extensions.Options;

namespace Frontline.Host.Triggers;

/// <summary>
/// The id under which hosts on the same storage share their timer locks and schedule status. The SDK's default
/// hashes the assembly name, so every test on the shared emulator would share one lock; the name prefix keeps
/// each test's hosts apart and lets two hosts of one test contend, as two instances do in Azure.
/// </summary>
public sealed class FrontlineHostId(IOptions<StorageOptions> storage) : IHostIdProvider
{
    // The SDK's rule: at most 32 lower-case letters, digits and dashes.
    public string Id { get; } = storage.Value.NamePrefix.Length == 0 ? "frontline" : $"frontline-{storage.Value.NamePrefix}";

    public Task<string> GetHostIdAsync(CancellationToken cancellationToken) => Task.FromResult(Id);
}
