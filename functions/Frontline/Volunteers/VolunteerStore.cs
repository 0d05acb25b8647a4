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

/// <summary>What a registration id turned into: the volunteer it created, or the one it duplicated.</summary>
public sealed record RegistrationRecord(string RegistrationId, string? PhoneHash, string Outcome, string? Reason);

/// <summary>
/// Volunteers are keyed by the keyed hash of their phone (partition = hash): the de-duplication check is an
/// insert that Azure refuses the second time, and a lookup is a point read. Registrations map a receipt's
/// id to that hash.
/// </summary>
public sealed class VolunteerStore(FrontlineStorage storage)
{
    private const string VolunteerRow = "volunteer";
    private const string RegistrationRow = "registration";

    private TableClient Volunteers => storage.Table(TableNames.Volunteers);

    private TableClient Registrations => storage.Table(TableNames.Registrations);

    /// <summary>Inserts the volunteer unless one with this phone exists; then returns that one instead.</summary>
    public async Task<(bool Created, Volunteer Stored, ETag ETag)> AddOrGetAsync(Volunteer volunteer, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Volunteers.AddEntityAsync(ToEntity(volunteer), cancellationToken);
            return (true, volunteer, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            var existing = await GetWithETagAsync(volunteer.PhoneHash, cancellationToken)
                ?? throw new InvalidOperationException("A volunteer was reported to exist and then could not be read.", conflict);
            return (false, existing.Volunteer, existing.ETag);
        }
    }

    /// <summary>Replaces a withdrawn volunteer by a new registration; false when someone else changed it first.</summary>
    public async Task<bool> TryReplaceAsync(Volunteer volunteer, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await Volunteers.UpdateEntityAsync(ToEntity(volunteer), ifMatch, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException stale) when (stale.Status == 412)
        {
            return false;
        }
    }

    public async Task<Volunteer?> GetAsync(string phoneHash, CancellationToken cancellationToken) =>
        (await GetWithETagAsync(phoneHash, cancellationToken))?.Volunteer;

    public async Task SetPlacementAsync(string phoneHash, string status, string? siteId, string? unitId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(phoneHash, VolunteerRow) { ["Status"] = status, ["SiteId"] = siteId ?? "", ["UnitId"] = unitId ?? "" };
        await Volunteers.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task RecordRegistrationAsync(RegistrationRecord record, CancellationToken cancellationToken) =>
        await Registrations.UpsertEntityAsync(new TableEntity(record.RegistrationId, RegistrationRow)
        {
            ["PhoneHash"] = record.PhoneHash,
            ["Outcome"] = record.Outcome,
            ["Reason"] = record.Reason,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<RegistrationRecord?> GetRegistrationAsync(string registrationId, CancellationToken cancellationToken)
    {
        var response = await Registrations.GetEntityIfExistsAsync<TableEntity>(registrationId, RegistrationRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new RegistrationRecord(registrationId, entity.GetString("PhoneHash"), entity.GetString("Outcome") ?? VolunteerStatus.Received, entity.GetString("Reason"))
            : null;
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
