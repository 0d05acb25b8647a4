using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontline.Http;

/// <summary>
/// The one place where refusals become RFC 9457 problem details. Handlers say what went wrong;
/// this decides how it looks on the wire.
/// </summary>
public static class Problems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult BadRequest(string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string title) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(title: "Sign-in required.", statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(title: "Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult PayloadTooLarge(int limitBytes) =>
        TypedResults.Problem(title: "The body is too large.", detail: $"At most {limitBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    public static IResult TooManyRequests(TimeSpan retryAfter) =>
        new RetryAfterResult(TypedResults.Problem(title: "Too many requests. Try again later.", statusCode: StatusCodes.Status429TooManyRequests), retryAfter);

    public static IResult Unavailable(TimeSpan retryAfter) =>
        new RetryAfterResult(TypedResults.Problem(title: "Storage is not answering. Try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable), retryAfter);

    /// <summary>Adds Retry-After to a problem answer.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
