using Frontline.Http;
using Microsoft.AspNetCore.Http;

namespace Frontline.OpenApi;

/// <summary>The API's own description, written from the route table; the reference page (<c>/api-reference.html</c>) reads it.</summary>
public static class OpenApiRoutes
{
    public static RouteDeclaration OpenApiDocument { get; } = new("OpenApiDocument", "GET", ApiRoutes.OpenApiDocument, RouteAccess.Anyone,
        call => Task.FromResult<IResult>(TypedResults.Text(call.Service<ApiDocument>().Json, ApiDocument.MediaType)))
    {
        Summary = new("本 API 的 OpenAPI 3.1 描述", "This API as an OpenAPI 3.1 document"),
        ResponseMediaType = ApiDocument.MediaType,
    };

    public static IReadOnlyList<RouteDeclaration> All => [OpenApiDocument];
}
