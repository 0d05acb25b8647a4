using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Volunteers;

public static class VolunteerStatus
{
    public const string Received = "received";
    public const string Assigned = "assigned";
    public const string Waitlisted = "waitlisted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    /// <summary>A volunteer in these states is counted in their unit's figures, so a dispatch batch that lists them must not count them again.</summary>
    public static bool IsCounted(string status) => status is Received or Assigned or Waitlisted;
}

/// <summary>One person, stored once. <see cref="ProtectedPhone"/> is ciphertext; the digits never reach storage.</summary>
public sealed record Volunteer(
    string PhoneHash,
    string RegistrationId,
    string Name,
    string ProtectedPhone,
    string WorkUnit,
    string? UnitId,
    bool PartyMember,
    string? PartyBranch,
    string? HomeCommunity,
    IReadOnlyList<string> Skills,
    DateOnly AvailableFrom,
    DateOnly AvailableTo,
    string Status,
    string? SiteId,
    DateTimeOffset RegisteredAt);

/// <summary>
/// Volunteers are keyed by the keyed hash of their phone (partition = hash), so a lookup is a point read and
/// a burst of registrations spreads over many partitions. A registration id carries that hash (sealed), so a
/// receipt leads here without an index table.
/// </summary>
public sealed class VolunteerStore(FrontlineStorage storage, VolunteerDirectory directory)
{
    private const string VolunteerRow = "volunteer";

    private TableClient Volunteers => storage.Table(TableNames.Volunteers);

    /// <summary>Writes the volunteer as the deployment ledger placed them; repeating it changes nothing.</summary>
    /// <remarks>The coordinators' directory row is written beside it (the two writes run together).</remarks>
    public async Task SaveAsync(Volunteer volunteer, CancellationToken cancellationToken) =>
        await Task.WhenAll(
            Volunteers.UpsertEntityAsync(ToEntity(volunteer), TableUpdateMode.Replace, cancellationToken),
            directory.SaveAsync(volunteer, cancellationToken));

    /// <summary>The volunteer and the ETag of their row, for a conditional update.</summary>
    public async Task<(Volunteer Volunteer, ETag ETag)?> GetForUpdateAsync(string phoneHash, CancellationToken cancellationToken) =>
        await GetWithETagAsync(phoneHash, cancellationToken);

    /// <summary>Replaces the row only if it is still as read; false when someone else wrote it first.</summary>
    public async Task<bool> TryReplaceAsync(Volunteer volunteer, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await Volunteers.UpdateEntityAsync(ToEntity(volunteer), ifMatch, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.Status is 412 or 404)
        {
            return false;
        }

        await directory.SaveAsync(volunteer, cancellationToken);
        return true;
    }

    public async Task<Volunteer?> GetAsync(string phoneHash, CancellationToken cancellationToken) =>
        (await GetWithETagAsync(phoneHash, cancellationToken))?.Volunteer;

    /// <summary>Every stored volunteer, a page at a time: for the exports, which read everyone by nature.</summary>
    public async IAsyncEnumerable<Volunteer> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in Volunteers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {VolunteerRow}"), cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    private async Task<(Volunteer Volunteer, ETag ETag)?> GetWithETagAsync(string phoneHash, CancellationToken cancellationToken)
    {
        var response = await Volunteers.GetEntityIfExistsAsync<TableEntity>(phoneHash, VolunteerRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    private static TableEntity ToEntity(Volunteer volunteer) => new(volunteer.PhoneHash, VolunteerRow)
    {
        ["RegistrationId"] = volunteer.RegistrationId,
        ["Name"] = volunteer.Name,
        ["Phone"] = volunteer.ProtectedPhone,
        ["WorkUnit"] = volunteer.WorkUnit,
        ["UnitId"] = volunteer.UnitId ?? "",
        ["PartyMember"] = volunteer.PartyMember,
        ["PartyBranch"] = volunteer.PartyBranch,
        ["HomeCommunity"] = volunteer.HomeCommunity,
        ["Skills"] = string.Join(';', volunteer.Skills),
        ["AvailableFrom"] = volunteer.AvailableFrom.ToString("O"),
        ["AvailableTo"] = volunteer.AvailableTo.ToString("O"),
        ["Status"] = volunteer.Status,
        ["SiteId"] = volunteer.SiteId ?? "",
        ["RegisteredAt"] = volunteer.RegisteredAt,
    };

    private static Volunteer FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("RegistrationId") ?? "",
        entity.GetString("Name") ?? "",
        entity.GetString("Phone") ?? "",
        entity.GetString("WorkUnit") ?? "",
        NullIfEmpty(entity.GetString("UnitId")),
        entity.GetBoolean("PartyMember") ?? false,
        entity.GetString("PartyBranch"),
        entity.GetString("HomeCommunity"),
        (entity.GetString("Skills") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
        DateOnly.Parse(entity.GetString("AvailableFrom") ?? "2000-01-01", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly.Parse(entity.GetString("AvailableTo") ?? "2000-01-01", System.Globalization.CultureInfo.InvariantCulture),
        entity.GetString("Status") ?? VolunteerStatus.Received,
        NullIfEmpty(entity.GetString("SiteId")),
        entity.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.MinValue);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
