using Frontline.Security;
using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>A sentence in both of the site's languages: zh-CN first, English beside it.</summary>
public sealed record Bilingual(string Chinese, string English);

/// <summary>A query-string parameter a route reads, as the OpenAPI document describes it.</summary>
public sealed record QueryParameter(string Name, string Description, bool Required = false, string Format = "string", string? Example = null);

/// <summary>
/// One HTTP route, declared once in its feature's <c>…Routes.cs</c>: both hosts bind it, the Functions app's trigger
/// carries the same <see cref="Name"/>, method and template (a test checks the generated <c>functions.metadata</c>), and
/// the OpenAPI document is written from it. <see cref="Access"/> is enforced by <see cref="RouteInvoker"/> before the
/// handler runs, so a handler that is called has a caller who may call it.
/// </summary>
public sealed record RouteDeclaration(string Name, string Method, string Template, RouteAccess Access, Func<RouteCall, Task<IResult>> Handler)
{
    public required Bilingual Summary { get; init; }

    /// <summary>The JSON body's type, when the route reads one.</summary>
    public Type? Request { get; init; }

    /// <summary>Other bodies the route takes (for example <c>text/csv</c>), described in prose.</summary>
    public IReadOnlyList<string> RequestMediaTypes { get; init; } = [];

    /// <summary>The success answer's JSON body type; null when the success has no JSON body (204, a file, a feed).</summary>
    public Type? Response { get; init; }

    public int SuccessStatus { get; init; } = StatusCodes.Status200OK;

    /// <summary>The success answer's media type when it is not JSON (CSV, .xlsx, Word, Atom).</summary>
    public string? ResponseMediaType { get; init; }

    /// <summary>Every problem+json status the route answers besides those its access adds (401, 403) and 503 (storage unreachable).</summary>
    public IReadOnlyList<int> Problems { get; init; } = [];

    public IReadOnlyList<QueryParameter> Query { get; init; } = [];

    /// <summary>The route takes an <c>Idempotency-Key</c> header: a retry with the same key and request gets the first answer again.</summary>
    public bool Idempotent { get; init; }

    /// <summary>A sensitive route: each successful call by a signed-in caller leaves a record in the audit trail.</summary>
    public AuditedAction? Audit { get; init; }

    /// <summary>The template's <c>{name}</c> segments, in order.</summary>
    public IReadOnlyList<string> RouteParameters { get; } = Template.Split('/')
        .Where(segment => segment.StartsWith('{') && segment.EndsWith('}'))
        .Select(segment => segment.Trim('{', '}', '*'))
        .ToList();
}

/// <summary>What a handler gets: the request, the authorized caller (null on anonymous routes), the route's values and the services.</summary>
public sealed record RouteCall(HttpRequest Request, Caller? Caller, IReadOnlyDictionary<string, string> RouteValues, IServiceProvider Services, CancellationToken Cancellation)
{
    /// <summary>What the handler adds to the route's audit record (records touched, facts, the caller of an open route).</summary>
    public AuditNotes Audit { get; init; } = new(Caller);

    public T Service<T>() where T : notnull => (T)(Services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered."));

    public string Route(string name) => RouteValues.TryGetValue(name, out var value) ? value : "";

    /// <summary>The caller of a route whose access names roles; the invoker never calls such a handler without one.</summary>
    public Caller Authorized => Caller ?? throw new InvalidOperationException("The route declares no roles, so it has no authorized caller.");
}
