using Frontline.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Frontline.Functions;

/// <summary>
/// The library's handlers answer with ASP.NET Core <see cref="IResult"/>s; Functions' ASP.NET Core integration
/// takes <see cref="IActionResult"/>. This carries one into the other, behind the same storage-outage guard
/// (503 with Retry-After) as the local host's endpoint filter.
/// </summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);

    public static async Task<IActionResult> From(Func<Task<IResult>> handler) =>
        new ResultActionResult(await StorageOutageGuard.RunAsync(handler));
}
