using Frontline.Scheduling;
using NCrontab;

namespace Frontline.Host.Triggers;

/// <summary>
/// Runs a scheduled operation on its 6-field NCRONTAB schedule, read from the same app setting that
/// Frontline.Functions' <c>[TimerTrigger("%Setting%")]</c> resolves, in UTC as Functions on Linux does.
/// </summary>
public sealed partial class ScheduledOperationRunner(
    IScheduledOperation operation,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ScheduledOperationRunner> logger) : BackgroundService
{
    public static CrontabSchedule ParseSchedule(string? expression, string settingName) =>
        CrontabSchedule.TryParse(expression ?? "", new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException($"The app setting {settingName} must be a 6-field NCRONTAB schedule (seconds first), such as '0 30 0 * * *'; it is '{expression}'.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(configuration[operation.ScheduleSetting], operation.ScheduleSetting);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = new DateTimeOffset(schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime), TimeSpan.Zero);
            // Task.Delay takes at most ~24.8 days; a weekly or yearly schedule waits in steps of a day.
            for (var wait = next - time.GetUtcNow(); wait > TimeSpan.Zero; wait = next - time.GetUtcNow())
            {
                await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), time, stoppingToken);
            }

            try
            {
                await operation.RunAsync(stoppingToken);
                LogRan(logger, operation.Name, next);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception, operation.Name, next);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled operation {Operation} ran for {ScheduledAt}")]
    private static partial void LogRan(ILogger logger, string operation, DateTimeOffset scheduledAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled operation {Operation} failed for {ScheduledAt}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation, DateTimeOffset scheduledAt);
}
