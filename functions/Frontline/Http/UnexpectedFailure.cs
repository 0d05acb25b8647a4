using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frontline.Http;

/// <summary>
/// A handler's unexpected exception as a host answers it: logged with its stack, and a 500 problem+json with the same
/// type and title as ASP.NET Core's exception handler gives on the local host. Under the Functions host an exception
/// that escapes a function becomes an empty 500, so Frontline.Functions answers through this instead.
/// </summary>
public sealed partial class UnexpectedFailure(Exception exception) : IResult
{
    public const string Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1";
    public const string Title = "An error occurred while processing your request.";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<UnexpectedFailure>();
        LogFailed(logger, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", exception);
        return TypedResults.Problem(type: Type, title: Title, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(httpContext);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path}")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);
}
