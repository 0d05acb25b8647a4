using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Applications;

/// <summary>What the store says about an idempotency key when a request arrives with it.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>The key is this request's now; run it, then <see cref="IdempotencyStore.CompleteAsync"/> or release.</summary>
    public sealed record Began(ETag ETag) : IdempotencyClaim;

    /// <summary>The same key and request were answered before: send this again.</summary>
    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;

    /// <summary>The same key came with another request.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InFlight : IdempotencyClaim;
}

public sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// Idempotency keys in <c>IdempotencyKeys</c>, one row each, partitioned by the SHA-256 of caller and key, so the
/// keys of many systems spread over the whole key space and each check is a point read. The row holds the SHA-256 of
/// the request (method, path, query, content type, body) and, once answered, the answer. Keys are honoured for
/// <see cref="Lifetime"/>, enforced when read: an older row is taken over as if absent. Rows are not swept; each is
/// small and a reused key overwrites its own.
/// </summary>
public sealed class IdempotencyStore(FrontlineStorage storage, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A request still marked running after this is taken to have died with its host, and the key is free again.</summary>
    public static readonly TimeSpan PendingTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Azure allows 64 KiB per binary property and 1 MiB per entity: the body goes in chunks, up to this much.</summary>
    public const int MaxBodyBytes = 14 * ChunkBytes;

    private const int ChunkBytes = 64 * 1024;
    private const string Row = "key";

    private TableClient Table => storage.Table(TableNames.IdempotencyKeys);

    public async Task<IdempotencyClaim> BeginAsync(string keyHash, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var added = await Table.AddEntityAsync(Pending(keyHash, requestHash, now), cancellationToken);
            return new IdempotencyClaim.Began(added.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
        }

        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(keyHash, Row, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            // Released between our insert and our read: the caller may simply try again.
            return new IdempotencyClaim.InFlight();
        }

        var entity = existing.Value!;
        var createdAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue;
        var done = entity.GetBoolean("Done") == true;
        var expired = now - createdAt >= Lifetime;
        var abandoned = !done && now - createdAt >= PendingTimeout;
        if (expired || abandoned)
        {
            try
            {
                var replaced = await Table.UpdateEntityAsync(Pending(keyHash, requestHash, now), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new IdempotencyClaim.Began(replaced.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                return new IdempotencyClaim.InFlight();
            }
        }

        // While the first request runs, any request with its key waits (409), whatever its body: until the first is
        // answered there is nothing to compare a retry with.
        if (!done)
        {
            return new IdempotencyClaim.InFlight();
        }

        if (!string.Equals(entity.GetString("RequestHash"), requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyClaim.Mismatch();
        }

        var body = new List<byte>();
        for (var chunk = 0; entity.GetBinary($"Body{chunk}") is { } bytes; chunk++)
        {
            body.AddRange(bytes);
        }

        return new IdempotencyClaim.Replay(new StoredResponse(entity.GetInt32("Status") ?? 200, entity.GetString("ContentType"), entity.GetString("Location"), [.. body]));
    }

    /// <summary>Records the answer to replay; false when it is too large to keep (the key is then released).</summary>
    public async Task<bool> CompleteAsync(string keyHash, string requestHash, ETag etag, StoredResponse response, CancellationToken cancellationToken)
    {
        if (response.Body.Length > MaxBodyBytes)
        {
            await ReleaseAsync(keyHash, etag, cancellationToken);
            return false;
        }

        var entity = Pending(keyHash, requestHash, time.GetUtcNow());
        entity["Done"] = true;
        entity["Status"] = response.Status;
        entity["ContentType"] = response.ContentType;
        entity["Location"] = response.Location;
        for (var offset = 0; offset < response.Body.Length || offset == 0; offset += ChunkBytes)
        {
            entity[$"Body{offset / ChunkBytes}"] = response.Body.AsSpan(offset, Math.Min(ChunkBytes, response.Body.Length - offset)).ToArray();
        }

        try
        {
            await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Another request took the key over after ours ran past the pending timeout; its answer stands.
            return false;
        }
    }

    /// <summary>Frees the key for the next try (the answer was one that may change: a refusal, a conflict, an outage).</summary>
    public async Task ReleaseAsync(string keyHash, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(keyHash, Row, etag, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
        }
    }

    private static TableEntity Pending(string keyHash, string requestHash, DateTimeOffset now) => new(TableKeys.Require(keyHash), Row)
    {
        ["RequestHash"] = requestHash,
        ["CreatedAt"] = now,
        ["Done"] = false,
    };
}
