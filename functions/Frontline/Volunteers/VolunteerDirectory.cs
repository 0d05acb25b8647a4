using System.Text;
using Azure;
using Azure.Data.Tables;
using Frontline.Security;
using Frontline.Storage;

namespace Frontline.Volunteers;

/// <summary>A volunteer as the coordinators' list shows them: the phone only masked.</summary>
public sealed record DirectoryEntry(
    string VolunteerId,
    string Name,
    string PhoneMasked,
    string UnitId,
    string? HomeCommunity,
    string? SiteId,
    string Status,
    IReadOnlyList<string> Skills,
    bool PartyMember,
    DateTimeOffset RegisteredAt);

/// <summary>What the list is filtered by; every part optional.</summary>
public sealed record DirectoryQuery(string? NamePrefix, string? PhoneLast4, string? UnitId, string? Community, string? SiteId, string? Status);

/// <summary>
/// The coordinators' volunteer directory: one small row per volunteer in its own table, partition = unit id,
/// row = phone hash (the same key as the <c>Volunteers</c> row, so a save rewrites it in place).
/// A unit's list is one partition range; the other filters are evaluated by the table service inside that range.
/// A site's list reads only the partitions of the units with people there (the roster counters say which). Any
/// other list (by status, community or name alone) is evaluated over the directory a page at a time (each request reads at most one page of at most
/// <c>take</c> matches; the service scans at most 1,000 rows per page and hands back a continuation). The phone is
/// stored masked (138****8000) with its last four digits for the search, which the mask shows anyway; the
/// directory never holds a decryptable phone, and listing never decrypts one.
/// </summary>
public sealed class VolunteerDirectory(FrontlineStorage storage, PersonalData personalData)
{
    private const int MaxPages = 5;

    private TableClient Table => storage.Table(TableNames.VolunteerDirectory);

    public static string UnitPartition(string? unitId) => string.IsNullOrEmpty(unitId) ? "none" : unitId;

    public async Task SaveAsync(Volunteer volunteer, CancellationToken cancellationToken)
    {
        await Table.UpsertEntityAsync(ToEntity(volunteer), TableUpdateMode.Replace, cancellationToken);
    }

    private TableEntity ToEntity(Volunteer volunteer)
    {
        var phone = personalData.Decrypt(volunteer.ProtectedPhone);
        return new TableEntity(UnitPartition(volunteer.UnitId), volunteer.PhoneHash)
        {
            ["VolunteerId"] = volunteer.RegistrationId,
            ["Name"] = volunteer.Name,
            ["PhoneMasked"] = PersonalData.Mask(phone),
            ["PhoneLast4"] = phone.Length >= 4 ? phone[^4..] : "",
            ["UnitId"] = volunteer.UnitId ?? "",
            ["HomeCommunity"] = volunteer.HomeCommunity ?? "",
            ["SiteId"] = volunteer.SiteId ?? "",
            ["Status"] = volunteer.Status,
            ["Skills"] = string.Join(';', volunteer.Skills),
            ["PartyMember"] = volunteer.PartyMember,
            ["RegisteredAt"] = volunteer.RegisteredAt,
        };
    }

    /// <summary>
    /// The unit's volunteer with this phone hash, if any: one point read of the unit's partition, no phone decrypted.
    /// Dispatch batches ask it so that a listed person who registered is counted once.
    /// </summary>
    public async Task<(string Status, string? SiteId)?> FindAsync(string unitId, string phoneHash, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(UnitPartition(unitId), phoneHash, ["Status", "SiteId"], cancellationToken);
        return response.HasValue
            ? (response.Value!.GetString("Status") ?? "", response.Value.GetString("SiteId") is { Length: > 0 } site ? site : null)
            : null;
    }

    /// <summary>
    /// Every volunteer of one unit, keyed by phone hash: one range read of the unit's partition. Teams read it to show
    /// their members' names, masked phones and ids as they are now.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DirectoryEntry>> UnitAsync(string unitId, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, DirectoryEntry>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {UnitPartition(unitId)}"), cancellationToken: cancellationToken))
        {
            entries[entity.RowKey] = Read(entity);
        }

        return entries;
    }

    /// <summary>One volunteer of a unit by phone hash: a point read (a team's leader, for the status page).</summary>
    public async Task<DirectoryEntry?> GetAsync(string unitId, string phoneHash, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(UnitPartition(unitId), phoneHash, cancellationToken: cancellationToken);
        return response.HasValue ? Read(response.Value!) : null;
    }

    /// <summary>
    /// Adds the rows that are missing (volunteers stored before the directory existed). It only adds, never
    /// replaces, so a row written meanwhile by a save or a move is never overwritten with an older copy.
    /// </summary>
    public async Task<int> BackfillAsync(IAsyncEnumerable<Volunteer> volunteers, CancellationToken cancellationToken)
    {
        var added = 0;
        await foreach (var volunteer in volunteers.WithCancellation(cancellationToken))
        {
            var exists = await Table.GetEntityIfExistsAsync<TableEntity>(UnitPartition(volunteer.UnitId), volunteer.PhoneHash, ["PartitionKey"], cancellationToken);
            if (exists.HasValue)
            {
                continue;
            }

            try
            {
                await Table.AddEntityAsync(ToEntity(volunteer), cancellationToken);
                added++;
            }
            catch (RequestFailedException conflict) when (conflict.Status == 409)
            {
                // Written by a save in the meantime: that copy is newer.
            }
        }

        return added;
    }

    /// <summary>
    /// Up to <paramref name="take"/> entries from where <paramref name="continuation"/> left off, and where the next page
    /// starts. With <paramref name="partitions"/> (the units that have people at the site asked for, from the roster
    /// counters) the query reads only those units' partitions, one after the other, instead of the whole directory.
    /// </summary>
    public async Task<(IReadOnlyList<DirectoryEntry> Items, string? Continuation)> QueryAsync(
        DirectoryQuery query, IReadOnlyList<string>? partitions, string? continuation, int take, CancellationToken cancellationToken)
    {
        // The continuation is "index|service token": which partition of the list (0 when there is no list), and the
        // table service's own continuation inside it.
        var index = 0;
        string? token = null;
        if (continuation is not null)
        {
            var bar = continuation.IndexOf('|', StringComparison.Ordinal);
            if (bar < 1 || !int.TryParse(continuation.AsSpan(0, bar), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index) || index < 0)
            {
                throw new FormatException("Not a directory continuation.");
            }

            token = bar + 1 < continuation.Length ? continuation[(bar + 1)..] : null;
        }

        var items = new List<DirectoryEntry>();
        for (var page = 0; page < MaxPages && items.Count < take; page++)
        {
            if (partitions is not null && index >= partitions.Count)
            {
                return (items, null);
            }

            var filter = partitions is null ? Filter(query) : Filter(query with { UnitId = partitions[index] });
            var pages = Table.QueryAsync<TableEntity>(filter, maxPerPage: take - items.Count, cancellationToken: cancellationToken)
                .AsPages(token, take - items.Count);
            token = null;
            await foreach (var result in pages.WithCancellation(cancellationToken))
            {
                items.AddRange(result.Values.Select(Read));
                token = result.ContinuationToken;
                break;
            }

            if (token is null)
            {
                if (partitions is null || ++index >= partitions.Count)
                {
                    return (items, null);
                }
            }
        }

        return (items, $"{index}|{token}");
    }

    /// <summary>Every entry, a page at a time: the exports read the whole directory by nature.</summary>
    public async IAsyncEnumerable<DirectoryEntry> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return Read(entity);
        }
    }

    /// <summary>The continuation token goes to the client as base64url, so it survives a query string.</summary>
    public static string? EncodeContinuation(string? token) =>
        token is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecodeContinuation(string? value, out string? token)
    {
        token = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value.Length > 2048)
        {
            return false;
        }

        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return false;
        }

        token = Encoding.UTF8.GetString(buffer, 0, written);
        return token.Length > 0 && Http.Text.IsClean(token);
    }

    private static string? Filter(DirectoryQuery query)
    {
        var parts = new List<string>();
        if (query.UnitId is { } unitId)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {UnitPartition(unitId)}"));
        }

        if (query.SiteId is { } siteId)
        {
            parts.Add(TableClient.CreateQueryFilter($"SiteId eq {siteId}"));
        }

        if (query.Status is { } status)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        if (query.Community is { } community)
        {
            parts.Add(TableClient.CreateQueryFilter($"HomeCommunity eq {community}"));
        }

        if (query.PhoneLast4 is { } last4)
        {
            parts.Add(TableClient.CreateQueryFilter($"PhoneLast4 eq {last4}"));
        }

        if (query.NamePrefix is { Length: > 0 } prefix)
        {
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            parts.Add(TableClient.CreateQueryFilter($"Name ge {prefix} and Name lt {upper}"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts.Select(part => $"({part})"));
    }

    private static DirectoryEntry Read(TableEntity entity) => new(
        entity.GetString("VolunteerId") ?? "",
        entity.GetString("Name") ?? "",
        entity.GetString("PhoneMasked") ?? "***",
        entity.GetString("UnitId") ?? entity.PartitionKey,
        NullIfEmpty(entity.GetString("HomeCommunity")),
        NullIfEmpty(entity.GetString("SiteId")),
        entity.GetString("Status") ?? VolunteerStatus.Received,
        (entity.GetString("Skills") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
        entity.GetBoolean("PartyMember") ?? false,
        entity.GetDateTimeOffset("RegisteredAt") ?? default);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
