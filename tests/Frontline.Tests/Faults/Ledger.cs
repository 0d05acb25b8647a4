using System.Net.Http.Json;
using Azure.Data.Tables;
using Frontline.Sites;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;

namespace Frontline.Tests.Faults;

/// <summary>
/// What the fault tests set up and count: one unit with three sites, registration forms with distinct phones,
/// and every place a volunteer is counted, read raw from storage so that a double count cannot hide behind a
/// cache or a roll-up.
/// </summary>
internal static class Ledger
{
    public const string Unit = "nj-yibao";

    private static readonly string Today = CountsAppDay();

    public static async Task SeedCatalogAsync(FrontlineApp app)
    {
        var catalogStore = app.Get<CatalogStore>();
        await catalogStore.ImportUnitsAsync([new UnitDefinition(Unit, "南京市医保局", null, null, null, ["nj-sanpailou", "nj-checkpoint", "nj-clinic"])], CancellationToken.None);
        await catalogStore.ImportSitesAsync(
        [
            new SiteDefinition("nj-sanpailou", "三牌楼社区", SiteTypes.Community, "鼓楼区", null, "三牌楼社区", null, null, 300, [Skills.GateControl], null, null),
            new SiteDefinition("nj-checkpoint", "沪宁高速主线查验点", SiteTypes.Checkpoint, "南京市", null, "沪宁高速主线", null, null, 300, [Skills.GateControl], null, null),
            new SiteDefinition("nj-clinic", "社区医疗点", SiteTypes.TestingPoint, "南京市", null, "某社区", null, null, 2, [Skills.Medical], null, null),
        ], CancellationToken.None);
    }

    public static string Phone(int index) => $"139{index:D8}";

    public static Dictionary<string, object?> Form(int index) => new()
    {
        ["name"] = "李春雷",
        ["phone"] = Phone(index),
        ["workUnit"] = Unit,
        ["partyMember"] = index % 2 == 0,
        ["partyBranch"] = "机关第一党支部",
        ["homeCommunity"] = index % 3 == 0 ? "三牌楼社区" : null,
        ["skills"] = new[] { index % 5 == 0 ? Skills.Medical : Skills.GateControl },
        ["availableFrom"] = Today,
        ["availableTo"] = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture).AddDays(30).ToString("O"),
        ["consent"] = true,
    };

    /// <summary>Every count of volunteers that storage holds for the unit, read raw (its row and its tally shards summed).</summary>
    public static async Task<Counts> CountAsync(FrontlineApp app)
    {
        var tables = new TableServiceClient(app.Azurite.ConnectionString);
        var deployment = tables.GetTableClient(app.NamePrefix + TableNames.Deployment);
        var members = 0;
        var placed = 0;
        var unitCounter = 0L;
        var siteCounters = 0L;
        await foreach (var row in deployment.QueryAsync<TableEntity>())
        {
            if (row.RowKey.StartsWith("member|", StringComparison.Ordinal))
            {
                members++;
                placed += row.GetString("SiteId") is { Length: > 0 } ? 1 : 0;
            }
            else if (row.RowKey == "unit|" + Unit || row.RowKey.StartsWith($"tally|unit|{Unit}|", StringComparison.Ordinal))
            {
                // The unit's own row and its tally shards (DeploymentRows.TallyPrefix) together.
                unitCounter += Number(row, "Volunteers");
            }
            else if (row.RowKey.StartsWith("site|", StringComparison.Ordinal))
            {
                siteCounters += Number(row, "Assigned");
            }
        }

        var volunteers = 0;
        await foreach (var _ in tables.GetTableClient(app.NamePrefix + TableNames.Volunteers).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            volunteers++;
        }

        return new Counts(members, volunteers, unitCounter, placed, siteCounters);
    }

    /// <summary>Waits until every receipt has settled (assigned or waitlisted), and returns the statuses.</summary>
    public static async Task<List<RegistrationStatus>> SettleAsync(FrontlineApp app, IEnumerable<RegistrationAccepted> receipts, TimeSpan timeout)
    {
        using var client = app.CreateClient();
        var statuses = new List<RegistrationStatus>();
        foreach (var receipt in receipts)
        {
            statuses.Add(await FrontlineApp.EventuallyAsync(
                async () => (await client.GetFromJsonAsync<RegistrationStatus>(receipt.StatusUrl))!,
                status => status.Status != VolunteerStatus.Received, timeout));
        }

        return statuses;
    }

    private static long Number(TableEntity row, string property) =>
        row.TryGetValue(property, out var value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string CountsAppDay() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).ToString("O");

    /// <summary>
    /// Ledger entries, volunteer rows, the unit's counter, ledger entries with a site, and the sites' counters:
    /// a volunteer stored exactly once moves each of them by exactly one.
    /// </summary>
    public sealed record Counts(int Members, int Volunteers, long UnitCounter, int Placed, long SiteCounters)
    {
        public void AssertConsistent(int expected)
        {
            Assert.Equal(expected, Members);
            Assert.Equal(expected, Volunteers);
            Assert.Equal(expected, UnitCounter);
            Assert.Equal(Placed, SiteCounters);
        }
    }
}
