using Frontline.Bulletins;
using Frontline.Scheduling;
using Microsoft.Azure.WebJobs;

namespace Frontline.Host.Triggers;

/// <summary>
/// The timer-triggered functions, run by the WebJobs SDK's timer: a singleton across hosts on the same storage
/// (a blob lease), and a schedule missed while every host was down runs once when one starts (past-due, from the
/// status that <see cref="BlobScheduleMonitor"/> keeps). The schedule is the same <c>%Setting%</c> as in
/// Frontline.Functions. The SDK evaluates it in the machine's time zone; Functions on Linux in UTC.
/// </summary>
public sealed class TimerFunctions(IEnumerable<IScheduledOperation> operations)
{
    [FunctionName("PublishBulletins")]
    public Task PublishBulletins([TimerTrigger("%" + BulletinSeriesOptions.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        operations.Single(operation => operation.ScheduleSetting == BulletinSeriesOptions.ScheduleSetting).RunAsync(cancellationToken);
}
