using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace Frontline.Host.Triggers;

/// <summary>
/// What happens when the trigger engine's own background work fails: renewing the timer's blob lease while storage is
/// unreachable, say. The SDK's default handler rethrows on a new thread and so ends the process; under Azure Functions
/// the host is restarted, but here the process is also the API and the site, which would go down with a storage blip.
/// This handler logs the failure and lets the host carry on: a lease that was not renewed runs out, so another host may
/// take the timer while this one still runs it; the bulletin run is safe to fire twice (BulletinService), and the queue
/// listeners poll on by themselves.
/// </summary>
public sealed partial class TriggerFailureHandler(ILogger<TriggerFailureHandler> logger) : IWebJobsExceptionHandler
{
    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
    {
        LogFailed(logger, exceptionInfo.SourceException, "timed out");
        return Task.CompletedTask;
    }

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        LogFailed(logger, exceptionInfo.SourceException, "failed");
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The trigger engine's background work {Outcome}; the host carries on")]
    private static partial void LogFailed(ILogger logger, Exception exception, string outcome);
}
