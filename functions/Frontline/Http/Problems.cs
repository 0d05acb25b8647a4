using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontline.Http;

/// <summary>
/// The one place where refusals become RFC 9457 problem details. Handlers say what went wrong;
/// this decides how it looks on the wire.
/// </summary>
public static class Problems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string title = "The request has invalid fields.") =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult BadRequest(string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Any status, always with a <c>type</c>: ASP.NET Core fills it in only for some statuses (not 413 or 429).</summary>
    public static ProblemHttpResult Status(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, type: TypeOf(status), extensions: extensions);

    public static ProblemHttpResult NotFound(string title) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(title: "Sign-in required.", statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult UnsupportedMediaType(string expected, string? actual) =>
        Status(StatusCodes.Status415UnsupportedMediaType, $"Send the body as {expected}.",
            actual is null ? $"The request has no Content-Type; send Content-Type: {expected}." : $"Content-Type '{actual}' is not {expected} (UTF-8).");

    public static ProblemHttpResult PayloadTooLarge(int limitBytes) =>
        Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {limitBytes} bytes.");

    /// <summary>405 with the Allow header: the route exists, the method does not.</summary>
    public static IResult MethodNotAllowed(string method, IReadOnlyCollection<string> allowed) =>
        new HeaderResult(Status(StatusCodes.Status405MethodNotAllowed, "This route does not answer that method.", $"{method} is not allowed here; use {string.Join(" or ", allowed)}."),
            "Allow", string.Join(", ", allowed));

    public static IResult TooManyRequests(TimeSpan retryAfter, string? detail = null) =>
        RetryAfter(Status(StatusCodes.Status429TooManyRequests, "Too many requests. Try again later.", detail), retryAfter);

    public static IResult Unavailable(TimeSpan retryAfter) =>
        RetryAfter(Status(StatusCodes.Status503ServiceUnavailable, "Storage is not answering. Try again shortly."), retryAfter);

    private static HeaderResult RetryAfter(IResult inner, TimeSpan retryAfter) =>
        new(inner, "Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    /// <summary>Adds a header (Retry-After, Allow) to a problem answer.</summary>
    private sealed class HeaderResult(IResult inner, string header, string value) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[header] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
