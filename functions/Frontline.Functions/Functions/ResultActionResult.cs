using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Frontline.Functions;

/// <summary>
/// The library's handlers answer with ASP.NET Core <see cref="IResult"/>s; Functions' ASP.NET Core integration
/// takes <see cref="IActionResult"/>. This carries one into the other, behind the same storage-outage guard
/// (503 with Retry-After) as the local host's endpoint filter, and answers an unexpected exception with the same
/// 500 problem+json as the local host's exception handler (the Functions host would send an empty 500).
/// </summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);

    public static async Task<IActionResult> From(Func<Task<IResult>> handler)
    {
        try
        {
            return new ResultActionResult(await StorageOutageGuard.RunAsync(handler));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ResultActionResult(new UnexpectedFailure(exception));
        }
    }
}
