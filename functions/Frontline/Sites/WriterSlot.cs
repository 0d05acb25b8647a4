using Azure;
using Azure.Data.Tables;
using Frontline.Storage;
using Microsoft.Extensions.Logging;

namespace Frontline.Sites;

/// <summary>
/// The tally shard this host writes its units' counts to (<see cref="DeploymentRows.TallyPrefix"/>): one of
/// <see cref="Slots"/>, held under a lease row so that no two live hosts write the same shard. A host then never
/// contends for a unit's count with another host: its own shard row is always as it last wrote it. A slot is held for
/// <see cref="Lease"/> and renewed on the commit path once <see cref="RenewAfter"/> has passed (one write every 20 s);
/// a host that stops is replaced in its slot a minute later. Holding is only an optimisation: two hosts that end up in
/// one slot (a lease lost to a pause, more hosts than slots, storage refusing the claim) are still exact, because every
/// commit is under the rows' ETags; they only contend as before.
/// </summary>
public sealed partial class WriterSlot(FrontlineStorage storage, TimeProvider time, ILogger<WriterSlot> logger) : IDisposable
{
    /// <summary>As many as the instances the capacity model plans for (16); a unit's count is at most this many rows.</summary>
    public const int Slots = 16;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewAfter = TimeSpan.FromSeconds(20);

    /// <summary>The lease rows live apart from the directory's partition, which takes every arrival.</summary>
    private const string Partition = "writer-slots";

    private readonly string _holder = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Held? _held;

    private sealed record Held(int Slot, ETag ETag, DateTimeOffset RenewAt, bool Leased);

    private TableClient Table => storage.Table(TableNames.Deployment);

    public void Dispose() => _gate.Dispose();

    /// <summary>This host's slot, claimed or renewed when due.</summary>
    public async ValueTask<int> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held && time.GetUtcNow() < held.RenewAt)
        {
            return held.Slot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_held is { } renewed && time.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Slot;
            }

            _held = await RenewOrClaimAsync(_held, cancellationToken);
            return _held.Slot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Held> RenewOrClaimAsync(Held? held, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            if (held is { Leased: true } && await TryTakeAsync(held.Slot, held.ETag, now, cancellationToken) is { } kept)
            {
                return kept;
            }

            var start = Random.Shared.Next(Slots);
            for (var offset = 0; offset < Slots; offset++)
            {
                var slot = (start + offset) % Slots;
                var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(slot), cancellationToken: cancellationToken);
                if (!row.HasValue || row.Value is not { } lease)
                {
                    if (await TryTakeAsync(slot, null, now, cancellationToken) is { } claimed)
                    {
                        return claimed;
                    }

                    continue;
                }

                if ((lease.GetString("Holder") == _holder || lease.GetDateTimeOffset("ExpiresAt") < now)
                    && await TryTakeAsync(slot, lease.ETag, now, cancellationToken) is { } taken)
                {
                    return taken;
                }
            }

            LogAllSlotsHeld(logger, Slots);
        }
        catch (RequestFailedException exception) when (exception.Status is not (409 or 412))
        {
            LogClaimFailed(logger, exception.Status);
        }

        // No slot of its own: share one (exact under ETags, contended) and try again at the next renewal.
        return new Held(held?.Slot ?? Random.Shared.Next(Slots), default, now + RenewAfter, Leased: false);
    }

    /// <summary>Adds the lease row (<paramref name="etag"/> null) or replaces it under its ETag; null when another host got there first.</summary>
    private async Task<Held?> TryTakeAsync(int slot, ETag? etag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = new TableEntity(Partition, RowKey(slot)) { ["Holder"] = _holder, ["ExpiresAt"] = now + Lease };
        try
        {
            var response = etag is { } current
                ? await Table.UpdateEntityAsync(lease, current, TableUpdateMode.Replace, cancellationToken)
                : await Table.AddEntityAsync(lease, cancellationToken);
            return new Held(slot, response.Headers.ETag ?? default, now + RenewAfter, Leased: true);
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            return null;
        }
    }

    private static string RowKey(int slot) => $"slot|{slot:D2}";

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Slots} writer slots are held; this host shares one until a slot frees")]
    private static partial void LogAllSlotsHeld(ILogger logger, int slots);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A writer slot could not be claimed (status {Status}); this host shares one until the next try")]
    private static partial void LogClaimFailed(ILogger logger, int status);
}
