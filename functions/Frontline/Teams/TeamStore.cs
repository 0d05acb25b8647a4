using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Frontline.Storage;

namespace Frontline.Teams;

/// <summary>A change refused because the team changed since it was read (its ETag no longer matches).</summary>
public sealed class TeamConflictException(string message) : Exception(message);

/// <summary>
/// Teams, site roles and duty phones in the <c>Teams</c> table:
/// <list type="bullet">
/// <item>partition = unit id, <c>team|{teamId}</c>: the team (name, kind, sites, leader and members by phone hash).</item>
/// <item>partition = unit id, <c>role|{phoneHash}</c>: the role a volunteer of the unit holds at a site.</item>
/// <item>partition <see cref="DutyPhonePartition"/>, row = site id: the site's duty phone, an office line.</item>
/// </list>
/// A unit's teams and roles are one range read of its partition (teams are capped at
/// <see cref="TeamValidation.MaxTeamsPerUnit"/>), a volunteer's role and a site's duty phone one point read each.
/// </summary>
public sealed class TeamStore(FrontlineStorage storage)
{
    /// <summary>Not a unit id: unit ids never start with '~' (<see cref="EntityIds"/>).</summary>
    public const string DutyPhonePartition = "~duty-phones";

    private const string TeamPrefix = "team|";
    private const string RolePrefix = "role|";
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    private TableClient Table => storage.Table(TableNames.Teams);

    public static string NewId() => "t-" + RandomNumberGenerator.GetString(IdAlphabet, 10);

    /// <summary>The unit's teams with their ETags and its people's roles: one range read of the unit's partition.</summary>
    public async Task<(IReadOnlyList<(Team Team, ETag ETag)> Teams, IReadOnlyDictionary<string, SiteRole> Roles)> UnitAsync(string unitId, CancellationToken cancellationToken)
    {
        var teams = new List<(Team, ETag)>();
        var roles = new Dictionary<string, SiteRole>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {unitId}"), cancellationToken: cancellationToken))
        {
            if (entity.RowKey.StartsWith(TeamPrefix, StringComparison.Ordinal))
            {
                teams.Add((ToTeam(entity), entity.ETag));
            }
            else if (entity.RowKey.StartsWith(RolePrefix, StringComparison.Ordinal))
            {
                var role = ToRole(entity);
                roles[role.PhoneHash] = role;
            }
        }

        return (teams, roles);
    }

    public async Task<(Team Team, ETag ETag)?> GetAsync(string unitId, string teamId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(unitId), TableKeys.Require(TeamPrefix + teamId), cancellationToken: cancellationToken);
        return response.HasValue ? (ToTeam(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>Adds a new team; answers its ETag.</summary>
    public async Task<ETag> AddAsync(Team team, CancellationToken cancellationToken) =>
        (await Table.AddEntityAsync(ToEntity(team), cancellationToken)).Headers.ETag ?? ETag.All;

    /// <summary>Replaces the team only if it is as the caller read it; answers the new ETag.</summary>
    public async Task<ETag> ReplaceAsync(Team team, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            return (await Table.UpdateEntityAsync(ToEntity(team), ifMatch, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException stale) when (stale.Status is 412 or 404)
        {
            throw new TeamConflictException("The team changed since it was read; read it again and make the change on it.");
        }
    }

    public async Task<SiteRole?> GetRoleAsync(string unitId, string phoneHash, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Require(unitId), TableKeys.Require(RolePrefix + phoneHash), cancellationToken: cancellationToken);
        return response.HasValue ? ToRole(response.Value!) : null;
    }

    public async Task SetRoleAsync(string unitId, SiteRole role, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(TableKeys.Require(unitId), TableKeys.Require(RolePrefix + role.PhoneHash))
        {
            ["SiteId"] = role.SiteId,
            ["Role"] = role.Role,
            ["SetBy"] = role.SetBy,
            ["SetAt"] = role.SetAt,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<string?> GetDutyPhoneAsync(string siteId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(DutyPhonePartition, TableKeys.Require(siteId), ["DutyPhone"], cancellationToken);
        return response.HasValue ? response.Value!.GetString("DutyPhone") : null;
    }

    /// <summary>
    /// Every site's duty phone, by site id: one range read of <see cref="DutyPhonePartition"/>, which holds a row for
    /// each site with a phone and nothing else, so it is never larger than the catalog's sites.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> DutyPhonesAsync(CancellationToken cancellationToken)
    {
        var phones = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DutyPhonePartition}"),
            select: ["RowKey", "DutyPhone"], cancellationToken: cancellationToken))
        {
            if (entity.GetString("DutyPhone") is { Length: > 0 } phone)
            {
                phones[entity.RowKey] = phone;
            }
        }

        return phones;
    }

    /// <summary>Sets the site's duty phone; null removes it.</summary>
    public async Task SetDutyPhoneAsync(string siteId, string? dutyPhone, string setBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (dutyPhone is null)
        {
            try
            {
                await Table.DeleteEntityAsync(DutyPhonePartition, TableKeys.Require(siteId), ETag.All, cancellationToken);
            }
            catch (RequestFailedException absent) when (absent.Status == 404)
            {
                // Clearing a phone that was never entered leaves it as wanted: none.
            }

            return;
        }

        await Table.UpsertEntityAsync(DutyPhoneEntity(siteId, dutyPhone, setBy, at), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Sets the site's duty phone only where it has none (the demo's seed): false, and nothing written, when one exists.</summary>
    public async Task<bool> AddDutyPhoneAsync(string siteId, string dutyPhone, string setBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            // Insert, not upsert: one request decides, so an office's line entered meanwhile is never written over.
            await Table.AddEntityAsync(DutyPhoneEntity(siteId, dutyPhone, setBy, at), cancellationToken);
            return true;
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity DutyPhoneEntity(string siteId, string dutyPhone, string setBy, DateTimeOffset at) => new(DutyPhonePartition, TableKeys.Require(siteId))
    {
        ["DutyPhone"] = dutyPhone,
        ["SetBy"] = setBy,
        ["SetAt"] = at,
    };

    /// <summary>Why the team would not fit in one table row under Azure's limits, or null.</summary>
    public static string? SizeProblem(Team team) => EntityLimits.Problem(ToEntity(team));

    private static TableEntity ToEntity(Team team) => new(TableKeys.Require(team.UnitId), TableKeys.Require(TeamPrefix + team.Id))
    {
        ["Name"] = team.Name,
        ["Kind"] = team.Kind,
        ["Sites"] = TableJson.Write(team.SiteIds),
        ["Leader"] = team.LeaderHash,
        ["Members"] = TableJson.Write(team.MemberHashes),
        ["UpdatedBy"] = team.UpdatedBy,
        ["UpdatedAt"] = team.UpdatedAt,
    };

    private static Team ToTeam(TableEntity entity) => new(
        entity.RowKey[TeamPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Name") ?? "",
        entity.GetString("Kind") ?? TeamKinds.ServiceTeam,
        TableJson.Read<List<string>>(entity.GetString("Sites")) ?? [],
        entity.GetString("Leader") ?? "",
        TableJson.Read<List<string>>(entity.GetString("Members")) ?? [],
        entity.GetString("UpdatedBy") ?? "",
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);

    private static SiteRole ToRole(TableEntity entity) => new(
        entity.RowKey[RolePrefix.Length..],
        entity.GetString("SiteId") ?? "",
        entity.GetString("Role") ?? SiteRoles.Member,
        entity.GetString("SetBy") ?? "",
        entity.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue);
}
