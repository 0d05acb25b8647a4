using System.Security.Cryptography;
using System.Text;
using Frontline.Host;
using Frontline.Security;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Frontline.Tests.Hostile;

/// <summary>
/// The counts app (unit-a serves site-1, site-2 and site-closed; unit-b serves site-3) with an Authorization header
/// for every kind of caller the hostile rows use, honest and not, and one real registration id with its code.
/// Nothing here goes through a queue, so nothing is still moving when the rows start.
/// </summary>
public sealed class HostileApp : CountsApp
{
    /// <summary>Authorization header values by caller name; null sends none.</summary>
    public Dictionary<string, string?> Authorization { get; } = new(StringComparer.Ordinal);

    public string RegistrationId { get; private set; } = "";

    public string ReceiptCode { get; private set; } = "";

    /// <summary>
    /// An Azurite of its own: two snapshots per row are thousands of reads, and the shared Azurite's one Node.js
    /// thread is what the fault tests running beside this suite measure their progress on.
    /// </summary>
    protected override Task<LocalAzurite> AzuriteForThisApp() => SharedAzurite.StartDedicatedAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var issuer = Get<DevelopmentTokenIssuer>();
        string Bearer(string token) => "Bearer " + token;
        var coordinator = await TokenAsync([Roles.Coordinator]);

        Authorization["anonymous"] = null;
        Authorization["reporterA"] = Bearer(await TokenAsync([Roles.Reporter], "unit-a"));
        Authorization["reporterB"] = Bearer(await TokenAsync([Roles.Reporter], "unit-b"));
        Authorization["coordinator"] = Bearer(coordinator);
        Authorization["admin"] = Bearer(await TokenAsync([Roles.Admin]));

        // Signed by the right key, but the wrong roles or unit.
        Authorization["reporterNoUnit"] = Bearer(issuer.Issue([Roles.Reporter], null, null, TimeSpan.FromHours(1)));
        Authorization["reporterBadUnit"] = Bearer(issuer.Issue([Roles.Reporter], "unit-a/../unit-b", null, TimeSpan.FromHours(1)));
        Authorization["unknownRole"] = Bearer(issuer.Issue(["Superuser"], "unit-a", null, TimeSpan.FromHours(1)));
        Authorization["noRoles"] = Bearer(await TokenAsync([], "unit-a"));

        // Not to be trusted at all.
        Authorization["expired"] = Bearer(ExpiredToken());
        Authorization["otherIssuer"] = Bearer(ForeignToken());
        Authorization["forgedSignature"] = Bearer(coordinator[..^6] + (coordinator[^6..] == "AAAAAA" ? "BBBBBB" : "AAAAAA"));
        Authorization["forgedPayload"] = Bearer(WithPayload(coordinator, payload => payload.Replace("\"Coordinator\"", "\"Admin\"", StringComparison.Ordinal)));
        Authorization["algNone"] = Bearer(AlgNone());
        Authorization["replayedFromEarlierStart"] = Bearer(Signed(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "frontline-dev" }, issuer.Audience, DateTime.UtcNow));
        Authorization["wrongAudience"] = Bearer(Signed(issuer.SigningKey, "api://someone-else", DateTime.UtcNow));
        Authorization["notYetValid"] = Bearer(Signed(issuer.SigningKey, issuer.Audience, DateTime.UtcNow.AddHours(2)));
        Authorization["garbage"] = "Bearer not.a.token";
        Authorization["emptyBearer"] = "Bearer ";
        Authorization["basic"] = "Basic " + Convert.ToBase64String("admin:admin"u8.ToArray());

        // A unit's system: bound to unit-a, and the same app's token claiming unit-b; and an app bound to nothing.
        await Get<Frontline.Applications.ApplicationBindingStore>().BindAsync(
            new(BoundApp, "unit-a", "医保局上报系统", "hostile", DateTimeOffset.UtcNow), CancellationToken.None);
        Authorization["appA"] = Bearer(issuer.IssueApp(BoundApp, [Roles.Reporter], TimeSpan.FromHours(1)));
        Authorization["appMismatch"] = Bearer(issuer.IssueApp(BoundApp, [Roles.Reporter], TimeSpan.FromHours(1), unitIdClaim: "unit-b"));
        Authorization["appUnbound"] = Bearer(issuer.IssueApp("99999999-0000-4000-8000-000000000000", [Roles.Reporter], TimeSpan.FromHours(1)));

        // An Idempotency-Key already answered (a 400, remembered and storing no counts), for the rows that reuse it.
        using (var client = CreateClient())
        using (var first = new HttpRequestMessage(HttpMethod.Put, $"/api/sites/site-1/counts/{Day()}"))
        {
            first.Headers.TryAddWithoutValidation("Authorization", Authorization["appA"]);
            first.Headers.TryAddWithoutValidation(Frontline.Applications.IdempotentRequests.Header, UsedKey);
            first.Content = new StringContent("{\"onDuty\":-1}", Encoding.UTF8, "application/json");
            var answer = await client.SendAsync(first);
            if ((int)answer.StatusCode != 400)
            {
                throw new InvalidOperationException($"The used key's first request got {(int)answer.StatusCode}.");
            }
        }

        var personalData = Get<PersonalData>();
        RegistrationId = personalData.NewRegistrationId(personalData.PhoneHash("13900139000"));
        ReceiptCode = personalData.ReceiptCode(RegistrationId);
    }

    public const string BoundApp = "aaaaaaaa-0000-4000-8000-000000000000";

    /// <summary>An Idempotency-Key the bound app has used for a PUT of site-1's counts today with another body.</summary>
    public const string UsedKey = "used-key-7f3a";

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static string WithPayload(string token, Func<string, string> change)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Encode(change(Base64UrlEncoder.Decode(parts[1])))}.{parts[2]}";
    }

    /// <summary>An unsigned token ("alg": "none") that claims Admin for the right issuer and audience.</summary>
    private string AlgNone()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var audience = Get<DevelopmentTokenIssuer>().Audience;
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode($$"""{"iss":"{{SignIn.DevelopmentIssuer}}","aud":"{{audience}}","roles":["Admin"],"oid":"none","nbf":{{now}},"iat":{{now}},"exp":{{now + 3600}}}""")}.";
    }

    /// <summary>A Coordinator token for the development issuer, with the given key, audience and start of validity.</summary>
    private static string Signed(SecurityKey key, string audience, DateTime notBefore) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SignIn.DevelopmentIssuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["roles"] = new[] { Roles.Coordinator }, ["oid"] = "replayed" },
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = notBefore.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
}
