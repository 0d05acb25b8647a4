using Frontline.Bulletins;
using Frontline.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frontline.Tests.Infrastructure;

/// <summary>Stands in for the bulletin run on its timer (<c>BulletinSchedule</c>) and counts how often the timer fired.</summary>
public sealed class CountingOperation : IScheduledOperation
{
    private int _runs;

    public int Runs => _runs;

    public string Name => "counting";

    public string ScheduleSetting => BulletinSeriesOptions.ScheduleSetting;

    public void Replace(IServiceCollection services)
    {
        services.RemoveAll<IScheduledOperation>();
        services.AddSingleton<IScheduledOperation>(this);
    }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.CompletedTask;
    }
}
