using Frontline.Storage;
using Microsoft.Azure.WebJobs;

namespace Frontline.Host.Triggers;

/// <summary>
/// Resolves the <c>%…%</c> names in the trigger attributes: <c>%queue:registrations%</c> to the queue's name in
/// storage (with the name prefix that lets the tests share one emulator), anything else to the app setting of
/// that name, as the SDK's default resolver and the Functions host do.
/// </summary>
public sealed class FrontlineNameResolver(IConfiguration configuration, FrontlineStorage storage) : INameResolver
{
    public const string QueuePrefix = "queue:";

    public string? Resolve(string name) =>
        name.StartsWith(QueuePrefix, StringComparison.Ordinal)
            ? storage.Queue(name[QueuePrefix.Length..]).Name
            : configuration[name];
}
