using System.Security.Cryptography;
using Frontline.Security;
using Frontline.Sites;
using Frontline.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Frontline.Tests.DailyCounts;

/// <summary>
/// Two units and their sites: unit-a serves site-1 and site-2, unit-b serves site-3; site-closed closed
/// before today. unit-a has three volunteers at site-1, so the on-duty rule has something to measure.
/// </summary>
public class CountsApp : FrontlineApp
{
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    public static string Day(int daysBack = 0) => Today.AddDays(-daysBack).ToString("O");

    public override async Task InitializeAsync()
    {
        Settings["Frontline:OnDutyMargin"] = "2";
        // Today's reports are on time at whatever hour the suite runs (after 20:00 in Shanghai they were late);
        // lateness has its own test, with the due time moved to midnight.
        Settings.TryAdd("Frontline:ReportDueTime", "23:59:59.9999999");
        await base.InitializeAsync();
        // The default indicators, before any test looks: the host seeds them on start too, and a test's snapshot must
        // not see that land in the middle (seeding again is a read that finds them).
        await Get<Frontline.Indicators.IndicatorSeeder>().SeedAsync(CancellationToken.None);
        var catalogStore = Get<CatalogStore>();
        var ledger = Get<DeploymentLedger>();
        await catalogStore.ImportUnitsAsync(
        [
            new UnitDefinition("unit-a", "南京市医保局", null, null, null, ["site-1", "site-2", "site-closed"]),
            new UnitDefinition("unit-b", "南京市房产局", null, null, null, ["site-3"]),
        ], CancellationToken.None);
        await catalogStore.ImportSitesAsync(
        [
            // A compound: the one site type that reports all seven figures of round one, which most of these tests send.
            new SiteDefinition("site-1", "锦东庭园小区", SiteTypes.Compound, "锦江区", null, "锦东庭园", null, null, 10, [], null, null),
            new SiteDefinition("site-2", "三牌楼社区核酸检测点", SiteTypes.TestingPoint, "鼓楼区", null, "三牌楼社区", null, null, 10, [], null, null),
            new SiteDefinition("site-3", "三牌楼社区", SiteTypes.Community, "鼓楼区", null, "三牌楼社区", null, null, 10, [], null, null),
            new SiteDefinition("site-closed", "已撤点", SiteTypes.TestingPoint, "鼓楼区", null, "三牌楼社区", null, null, 10, [], null, Today.AddDays(-10)),
        ], CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await ledger.JoinAsync(new NewMember($"{i:D32}", $"reg-{i}", "unit-a", null), _ => "site-1", CancellationToken.None);
        }
    }

    /// <summary>A token made like the development tokens but expired an hour ago.</summary>
    public string ExpiredToken()
    {
        var issuer = Get<DevelopmentTokenIssuer>();
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SignIn.DevelopmentIssuer,
            Audience = issuer.Audience,
            Claims = new Dictionary<string, object> { ["roles"] = new[] { Roles.Coordinator }, ["oid"] = "expired" },
            IssuedAt = now.AddHours(-3),
            NotBefore = now.AddHours(-3),
            Expires = now.AddHours(-1),
            SigningCredentials = new SigningCredentials(issuer.SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A well-formed token for the right audience, signed by someone else's key and issuer.</summary>
    public string ForeignToken()
    {
        using var rsa = RSA.Create(2048);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://login.example.invalid/other-tenant/v2.0",
            Audience = Get<DevelopmentTokenIssuer>().Audience,
            Claims = new Dictionary<string, object> { ["roles"] = new[] { Roles.Admin }, ["oid"] = "intruder" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)), SecurityAlgorithms.RsaSha256),
        });
    }
}
