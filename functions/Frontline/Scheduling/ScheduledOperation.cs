namespace Frontline.Scheduling;

/// <summary>
/// An operation run on a 6-field NCRONTAB schedule (seconds first), read from the app setting named by
/// <see cref="ScheduleSetting"/>, as Functions resolves <c>[TimerTrigger("%Setting%")]</c>. It must be safe to run
/// twice at once: two hosts, or a retried run, may both fire.
/// </summary>
public interface IScheduledOperation
{
    string Name { get; }

    string ScheduleSetting { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
