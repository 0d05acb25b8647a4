using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Frontline.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document, written once per process from <see cref="RouteTable"/>: every route with its parameters,
/// bodies (schemas from System.Text.Json's own exporter, with the serializer options the handlers answer with), its
/// problem+json answers and who may call it. Both hosts serve this same text, so they cannot describe different APIs.
/// </summary>
public sealed class ApiDocument(IConfiguration configuration)
{
    public const string MediaType = "application/json; charset=utf-8";
    private const string ProblemMediaType = "application/problem+json";
    private const string SecurityScheme = "entra";
    private const string ProblemSchema = "ProblemDetails";

    /// <summary>How the handlers write JSON (web defaults: camelCase), with Chinese left readable.</summary>
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private readonly Lazy<string> json = new(() => Write(configuration));

    public string Json => json.Value;

    /// <summary>The delegated scope a signed-in caller's token carries: <c>api://&lt;client id&gt;/access_as_user</c>, as the app registration defines it.</summary>
    public static string Scope(IConfiguration configuration) =>
        $"{(configuration["AzureAd:ClientId"] is { Length: > 0 } clientId ? $"api://{clientId}" : configuration["AzureAd:Audience"] ?? "api://frontline-local")}/access_as_user";

    private static string Write(IConfiguration configuration)
    {
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal) { [ProblemSchema] = Problem() };
        var paths = new JsonObject();
        foreach (var (tag, _, routes) in RouteTable.Features)
        {
            foreach (var route in routes)
            {
                var path = paths[$"/{route.Template}"] as JsonObject ?? new JsonObject();
                paths[$"/{route.Template}"] = path;
                path[route.Method.ToLowerInvariant()] = Operation(route, tag, schemas, Scope(configuration));
            }
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Frontline API · 前线志愿服务平台",
                ["version"] = "1.0.0",
                ["summary"] = "志愿者报名、每日数字报送与简报 · Volunteer registration, daily counts and bulletins",
                ["description"] = "每个路由由两种宿主（Azure Functions 与本机 ASP.NET Core）从同一张路由表提供；错误以 RFC 9457 problem+json 回答。\n\n" +
                    "Every route is served by both hosts from one route table; errors are RFC 9457 problem+json. Signed-in routes take an Entra ID " +
                    "access token (scope `access_as_user`) whose app roles say what the caller may do: Reporter (with the `unit_id` claim naming their unit), " +
                    "Coordinator, Admin (every role).",
                ["license"] = new JsonObject { ["name"] = "MIT", ["identifier"] = "MIT" },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" + ApiRoutes.Prefix, ["description"] = "本机与 Azure 同一路径 · the same path locally and in Azure" }),
            ["tags"] = new JsonArray([.. RouteTable.Features.Select(feature => (JsonNode)new JsonObject
            {
                ["name"] = feature.Tag,
                ["description"] = $"{feature.Description.Chinese} · {feature.Description.English}",
            })]),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject([.. schemas.Select(schema => KeyValuePair.Create(schema.Key, (JsonNode?)schema.Value))]),
                ["securitySchemes"] = new JsonObject
                {
                    [SecurityScheme] = new JsonObject
                    {
                        ["type"] = "oauth2",
                        ["description"] = "Entra ID 访问令牌；应用角色 Reporter、Coordinator、Admin · An Entra ID access token; app roles Reporter, Coordinator, Admin " +
                            "(locally, POST /api/dev/token issues one).",
                        ["flows"] = new JsonObject
                        {
                            ["authorizationCode"] = new JsonObject
                            {
                                ["authorizationUrl"] = "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
                                ["tokenUrl"] = "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
                                ["scopes"] = new JsonObject { [Scope(configuration)] = "以登录用户身份调用 · Call the API as the signed-in user" },
                            },
                        },
                        ["x-app-roles"] = new JsonArray(Roles.Reporter, Roles.Coordinator, Roles.Admin),
                    },
                },
            },
        };
        return document.ToJsonString(Wire);
    }

    private static JsonObject Operation(RouteDeclaration route, string tag, IDictionary<string, JsonNode> schemas, string scope)
    {
        var operation = new JsonObject
        {
            ["operationId"] = route.Name,
            ["tags"] = new JsonArray(tag),
            ["summary"] = route.Summary.Chinese,
            ["description"] = $"{route.Summary.English}.\n\n{Who(route.Access)}",
        };

        var parameters = new JsonArray();
        foreach (var name in route.RouteParameters)
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var query in route.Query)
        {
            var schema = query.Format switch
            {
                "int32" => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
                "date" => new JsonObject { ["type"] = "string", ["format"] = "date" },
                _ => new JsonObject { ["type"] = "string" },
            };
            var parameter = new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = query.Required, ["description"] = query.Description, ["schema"] = schema };
            if (query.Example is { } example)
            {
                parameter["example"] = query.Format == "int32" ? JsonValue.Create(int.Parse(example, System.Globalization.CultureInfo.InvariantCulture)) : example;
            }

            parameters.Add(parameter);
        }

        if (route.Idempotent)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "Idempotency-Key", ["in"] = "header", ["required"] = false,
                ["description"] = "A key of your choosing (a UUID is good) for this request. Sent again within 24 hours with the same request, it answers "
                    + "the first answer again (with Idempotent-Replayed: true); with another request it is a 422; while the first is still running, a 409.",
                ["schema"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 255 },
                ["example"] = "3f2b8c1e-5d4a-4e8b-9a61-0c7d2e9f4b10",
            });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (route.Request is not null || route.RequestMediaTypes.Count > 0)
        {
            var content = new JsonObject();
            if (route.Request is { } request)
            {
                content[JsonBody.MediaType] = new JsonObject { ["schema"] = Reference(request, schemas) };
            }

            foreach (var mediaType in route.RequestMediaTypes)
            {
                // A workbook is bytes, a CSV text (UTF-8, or GBK/GB18030 declared by charset or detected).
                content[mediaType] = new JsonObject
                {
                    ["schema"] = mediaType.StartsWith("text/", StringComparison.Ordinal)
                        ? new JsonObject { ["type"] = "string" }
                        : new JsonObject { ["type"] = "string", ["contentMediaType"] = mediaType },
                };
            }

            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content };
        }

        var responses = new JsonObject();
        var success = new JsonObject { ["description"] = Describe(route.SuccessStatus) };
        if (route.Response is { } response)
        {
            success["content"] = new JsonObject { [JsonBody.MediaType] = new JsonObject { ["schema"] = Reference(response, schemas) } };
        }
        else if (route.ResponseMediaType is { } mediaType)
        {
            var schema = new JsonObject { ["type"] = "string" };
            if (!mediaType.StartsWith("text/", StringComparison.Ordinal) && !mediaType.Contains("xml", StringComparison.Ordinal) && !mediaType.StartsWith("application/json", StringComparison.Ordinal))
            {
                schema["contentMediaType"] = mediaType;
            }

            success["content"] = new JsonObject { [mediaType.Split(';')[0]] = new JsonObject { ["schema"] = schema } };
        }

        if (route.Idempotent)
        {
            success["headers"] = new JsonObject
            {
                ["Idempotent-Replayed"] = new JsonObject
                {
                    ["description"] = "true when this is the stored answer to an earlier request with the same Idempotency-Key.",
                    ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("true") },
                },
            };
        }

        responses[route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = success;
        if (route.Name == "ComposeBulletin")
        {
            // Composing a period that already has a draft answers that draft (200) instead of creating one (201).
            responses["200"] = new JsonObject { ["description"] = Describe(200), ["content"] = success["content"]!.DeepClone() };
        }

        foreach (var status in ProblemStatuses(route))
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = Describe(status),
                ["content"] = new JsonObject { [ProblemMediaType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{ProblemSchema}" } } },
            };
        }

        operation["responses"] = responses;
        operation["security"] = route.Access.Anonymous
            ? new JsonArray(new JsonObject())
            : new JsonArray(new JsonObject { [SecurityScheme] = new JsonArray(scope) });
        if (!route.Access.Anonymous)
        {
            operation["x-roles"] = new JsonArray([.. route.Access.Roles.Select(role => (JsonNode)role)]);
            if (route.Access.UnitRouteValue is { } unit)
            {
                operation["x-unit-must-match"] = unit;
            }
        }

        return operation;
    }

    /// <summary>What the route declares, what its access adds (401, 403) and what every route may answer (503: storage unreachable).</summary>
    private static IEnumerable<int> ProblemStatuses(RouteDeclaration route) =>
        route.Problems.Concat(route.Access.Anonymous ? [] : [401, 403]).Append(503).Distinct().Order();

    private static string Who(RouteAccess access) =>
        access.Anonymous ? "任何人 · Anyone."
        : access.UnitRouteValue is { } unit
            ? $"角色 · Roles: {string.Join(", ", access.Roles)} (Admin holds every role); a Reporter only for the unit in `{unit}` (the token's `unit_id`)."
            : $"角色 · Roles: {string.Join(", ", access.Roles)} (Admin holds every role).";

    private static string Describe(int status) => status switch
    {
        200 => "成功 · OK",
        201 => "已创建 · Created",
        202 => "已受理 · Accepted",
        204 => "成功，无内容 · No content",
        400 => "请求有误（errors 中列出字段） · Invalid request (errors names the fields)",
        401 => "需要登录 · Sign-in required",
        403 => "无权限 · Not allowed",
        404 => "未找到 · Not found",
        409 => "冲突 · Conflict",
        413 => "请求体过大 · Body too large",
        415 => "内容类型不符 · Wrong content type",
        412 => "已被他人修改（If-Match 不符） · Changed since read (If-Match stale)",
        428 => "需要 If-Match · If-Match required",
        503 => "存储暂不可用，稍后重试（Retry-After） · Storage unreachable; retry after Retry-After",
        _ => $"HTTP {status}",
    };

    /// <summary>A named schema for a record (its type name), an inline one for a list of them.</summary>
    private static JsonObject Reference(Type type, IDictionary<string, JsonNode> schemas)
    {
        if (ElementOf(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Reference(element, schemas) };
        }

        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = JsonSchemaExporter.GetJsonSchemaAsNode(Wire, type, new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = (context, schema) => Named(context, ApiExamples.Add(context, schema), schemas),
            });
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    /// <summary>
    /// A record of the library's inside another (a batch's rows, a submission's figures) becomes a named schema too, so a
    /// generated client calls it by its name (<c>CountsBatchRow</c>) rather than by where it sits.
    /// </summary>
    private static JsonNode Named(JsonSchemaExporterContext context, JsonNode schema, IDictionary<string, JsonNode> schemas)
    {
        var type = context.TypeInfo.Type;
        if (context.Path.Length == 0 || schema is not JsonObject node || context.TypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
            || type.Namespace?.StartsWith(nameof(Frontline), StringComparison.Ordinal) != true)
        {
            return schema;
        }

        if (!schemas.ContainsKey(type.Name))
        {
            var named = (JsonObject)node.DeepClone();
            // Whether the property may be null is the property's business, not the record's.
            if (named["type"] is JsonArray types)
            {
                named["type"] = "object";
            }

            named.Remove("examples");
            schemas[type.Name] = named;
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>RFC 9457 problem details as Problems writes them; validation problems add <c>errors</c> by field.</summary>
    private static JsonObject Problem() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string", ["examples"] = new JsonArray("The request has invalid fields.") },
            ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["examples"] = new JsonArray(400) },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string" },
            ["traceId"] = new JsonObject { ["type"] = "string" },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Messages by field, e.g. rows[2].onDuty.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        },
    };
}
