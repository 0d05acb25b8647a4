using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Frontline.Http;

namespace Frontline.Security;

/// <summary>
/// Sign-in: Microsoft.Identity.Web validates Entra ID bearer tokens. In Development only, it also trusts
/// tokens from <c>POST /api/dev/token</c>, signed by a key made fresh at every start, so the local site and
/// the tests go through exactly the validation that Entra ID tokens do.
/// </summary>
public static class SignIn
{
    public const string DevelopmentIssuer = "https://frontline.localhost/dev-issuer";

    public static void AddFrontlineSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(configuration.GetSection("AzureAd"));

        // Behind a Static Web App's linked backend the Authorization header arrives replaced by the
        // platform's own token, so the site also sends the user's token in a header of ours; it wins when present.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure(options =>
            {
                options.Events ??= new JwtBearerEvents();
                var earlier = options.Events.OnMessageReceived;
                options.Events.OnMessageReceived = async context =>
                {
                    await earlier(context);
                    if (BearerHeaders.ForwardedToken(context.Request) is { } token)
                    {
                        context.Token = token;
                    }
                };
            });

        services.AddSingleton<DevelopmentTokenIssuer>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<DevelopmentTokenIssuer>((options, issuer) =>
            {
                if (!issuer.IsEnabled)
                {
                    return;
                }

                // Trust only the local key and issuer: no metadata fetch, no Entra ID tokens in Development.
                options.Authority = null;
                options.MetadataAddress = null!;
                options.ConfigurationManager = null;
                options.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = DevelopmentIssuer };
                options.Configuration.SigningKeys.Add(issuer.SigningKey);
                options.TokenValidationParameters.IssuerSigningKey = issuer.SigningKey;
                options.TokenValidationParameters.ValidIssuer = DevelopmentIssuer;
                options.TokenValidationParameters.IssuerValidator = null;
                options.TokenValidationParameters.ValidAudiences = [issuer.Audience];
                options.TokenValidationParameters.ValidateIssuer = true;
                options.TokenValidationParameters.ValidateAudience = true;
                options.TokenValidationParameters.ValidateLifetime = true;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(5);
            });
    }
}

public sealed class DevelopmentTokenIssuer
{
    private readonly TimeProvider _time;

    public DevelopmentTokenIssuer(IHostEnvironment environment, IConfiguration configuration, TimeProvider time)
    {
        _time = time;
        // WEBSITE_SITE_NAME is set on every App Service and Functions host: never issue tokens there,
        // whatever the environment name says.
        IsEnabled = environment.IsDevelopment() && string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]);
        Audience = configuration["AzureAd:Audience"] ?? configuration["AzureAd:ClientId"] ?? "api://frontline-local";
        SigningKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "frontline-dev" };
    }

    public bool IsEnabled { get; }

    public string Audience { get; }

    public RsaSecurityKey SigningKey { get; }

    public string Issue(IEnumerable<string> roles, string? unitId, string? name, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["oid"] = Guid.NewGuid().ToString(),
            ["name"] = name ?? "本地测试用户",
            ["roles"] = roles.ToArray(),
        };
        if (!string.IsNullOrWhiteSpace(unitId))
        {
            claims[Roles.UnitIdClaim] = unitId;
        }

        return Sign(claims, now, lifetime);
    }

    /// <summary>
    /// A token as Entra ID issues one to an application by client credentials (v2, <c>idtyp: app</c>): the client id in
    /// <c>azp</c>, the service principal as <c>oid</c> and <c>sub</c>, no name and no <c>scp</c>. A <c>unit_id</c> is
    /// only for tests of a token that claims one.
    /// </summary>
    public string IssueApp(string clientId, IEnumerable<string> roles, TimeSpan lifetime, string? unitIdClaim = null)
    {
        var servicePrincipal = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("sp:" + clientId))[..16]).ToString();
        var claims = new Dictionary<string, object>
        {
            ["idtyp"] = "app",
            ["azp"] = clientId,
            ["azpacr"] = "1",
            ["oid"] = servicePrincipal,
            ["sub"] = servicePrincipal,
            ["roles"] = roles.ToArray(),
        };
        if (unitIdClaim is not null)
        {
            claims[Roles.UnitIdClaim] = unitIdClaim;
        }

        return Sign(claims, _time.GetUtcNow(), lifetime);
    }

    private string Sign(Dictionary<string, object> claims, DateTimeOffset now, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SignIn.DevelopmentIssuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
}

/// <summary>With <c>clientId</c>, an app-only token of that application (bound to a unit), as Entra ID issues by client credentials.</summary>
public sealed record DevTokenRequest(string[]? Roles, string? UnitId, string? Name, string? ClientId = null);

public sealed record DevTokenResponse(string AccessToken);

public sealed class DevTokenEndpoints(DevelopmentTokenIssuer issuer, IApplicationCallers applications)
{
    private static readonly HashSet<string> KnownRoles = [Roles.Reporter, Roles.Coordinator, Roles.Admin];

    public async Task<IResult> IssueAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!issuer.IsEnabled)
        {
            return Problems.NotFound("Not found.");
        }

        var body = await JsonBody.ReadAsync<DevTokenRequest>(request, cancellationToken, 2048);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var roles = body.Value!.Roles ?? [];
        var errors = new Dictionary<string, string[]>();
        if (roles.Length > KnownRoles.Count || roles.Any(role => role is null || !KnownRoles.Contains(role)))
        {
            errors["roles"] = ["Only Reporter, Coordinator and Admin, each once."];
        }

        if (!string.IsNullOrEmpty(body.Value.UnitId) && !Storage.EntityIds.IsValid(body.Value.UnitId))
        {
            errors["unitId"] = ["Not a unit id."];
        }

        var name = Text.Optional(body.Value.Name, "name", 50, errors);
        if (body.Value.ClientId is { } clientId)
        {
            return await IssueAppAsync(clientId, body.Value, roles, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var token = issuer.Issue(roles.Distinct(StringComparer.Ordinal), body.Value.UnitId, name, TimeSpan.FromHours(8));
        return TypedResults.Ok(new DevTokenResponse(token));
    }

    /// <summary>
    /// An app-only token for a bound application, so a unit's system can be tried locally end to end. The unit is
    /// the binding's (the token carries none), and the roles default to Reporter, the one an application is granted.
    /// </summary>
    private async Task<IResult> IssueAppAsync(string clientId, DevTokenRequest body, string[] roles, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(body.UnitId))
        {
            errors["unitId"] = ["An application's unit is the one it is bound to; leave unitId out."];
        }

        if (applications.NormalizeClientId(clientId) is not { } id)
        {
            errors["clientId"] = ["An Entra ID application (client) id: a GUID."];
        }
        else if (!await applications.IsBoundAsync(id, cancellationToken))
        {
            errors["clientId"] = [$"Not bound to a unit; an Admin binds it first (PUT /api/apps/{id})."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var token = issuer.IssueApp(applications.NormalizeClientId(clientId)!, roles.Length == 0 ? [Roles.Reporter] : roles.Distinct(StringComparer.Ordinal), TimeSpan.FromHours(1));
        return TypedResults.Ok(new DevTokenResponse(token));
    }
}
