using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;
using Microsoft.Extensions.Options;

namespace Frontline.Applications;

/// <summary>
/// Bindings in <c>ApplicationBindings</c>: one partition (a deployment binds tens of apps, not thousands), the client
/// id as row key, so the check on every app-only request is a point read and the console's list one partition read.
/// Each instance keeps what it read, bound or not, for <see cref="ApplicationOptions.BindingCacheSeconds"/>: an app's
/// burst of writes costs one read, and an unbinding is seen everywhere within that bound (at once where it was made).
/// </summary>
public sealed class ApplicationBindingStore(FrontlineStorage storage, TimeProvider time, IOptions<ApplicationOptions> options)
{
    private const string Partition = "app";

    /// <summary>Past this many cached client ids the cache starts over: only tokens Entra ID signed for this API reach it, but memory stays bounded.</summary>
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (ApplicationBinding? Binding, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    private TableClient Table => storage.Table(TableNames.ApplicationBindings);

    /// <summary>The binding of a client id (already normalized), through the instance's short-lived cache.</summary>
    public async Task<ApplicationBinding?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(clientId, out var cached) && now - cached.ReadAt < TimeSpan.FromSeconds(options.Value.BindingCacheSeconds))
        {
            return cached.Binding;
        }

        var binding = await ReadAsync(clientId, cancellationToken);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[clientId] = (binding, now);
        return binding;
    }

    public async Task<IReadOnlyList<ApplicationBinding>> ListAsync(CancellationToken cancellationToken)
    {
        var bindings = new List<ApplicationBinding>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            bindings.Add(FromEntity(entity));
        }

        return [.. bindings.OrderBy(binding => binding.UnitId, StringComparer.Ordinal).ThenBy(binding => binding.Name, StringComparer.Ordinal)];
    }

    /// <summary>Binds or re-binds; true when the app was not bound before.</summary>
    public async Task<bool> BindAsync(ApplicationBinding binding, CancellationToken cancellationToken)
    {
        var existed = await ReadAsync(binding.ClientId, cancellationToken) is not null;
        var entity = new TableEntity(Partition, TableKeys.Require(binding.ClientId))
        {
            ["UnitId"] = binding.UnitId,
            ["Name"] = binding.Name,
            ["BoundBy"] = binding.BoundBy,
            ["BoundAt"] = binding.BoundAt,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        _cache[binding.ClientId] = (binding, time.GetUtcNow());
        return !existed;
    }

    /// <summary>False when the app was not bound.</summary>
    public async Task<bool> UnbindAsync(string clientId, CancellationToken cancellationToken)
    {
        _cache.TryRemove(clientId, out _);
        // The SDK answers a missing entity's delete with its 404 response instead of throwing.
        var response = await Table.DeleteEntityAsync(Partition, TableKeys.Require(clientId), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private async Task<ApplicationBinding?> ReadAsync(string clientId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Require(clientId), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    private static ApplicationBinding FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("UnitId") ?? "",
        entity.GetString("Name") ?? "",
        entity.GetString("BoundBy") ?? "",
        entity.GetDateTimeOffset("BoundAt") ?? DateTimeOffset.MinValue);
}
