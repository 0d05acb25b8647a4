using Azure;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Http;
using Frontline.Storage;
using Frontline.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Frontline.Stats;

/// <summary>
/// What the operations panel shows a Coordinator: each queue's backlog, the bulletins against their timer, the last
/// roll-up, and what needs attention. <c>attention</c> lists codes a person or a script can act on:
/// <c>poison:&lt;queue&gt;</c>, <c>stuck:&lt;queue&gt;</c> (oldest message older than 5 minutes), <c>late:&lt;series&gt;</c>.
/// </summary>
public sealed record HealthDetail(
    string Status, DateTimeOffset CheckedAt, IReadOnlyList<QueueState> Queues, DateTimeOffset? QueuesReadAt,
    IReadOnlyList<BulletinSeriesHealth> Bulletins, DateTimeOffset? LastRollUpAt, IReadOnlyList<string> Attention);

/// <summary>The Coordinators' health detail; the public <c>/api/health</c> says only whether storage answers.</summary>
public sealed class HealthDetailEndpoints(QueueBacklog backlog, BulletinHealth bulletins, RollUpStore rollUps, TimeProvider time)
{
    /// <summary>The same threshold as the stuck-queue alert rule (infra/core/alerts.bicep).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(5);

    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var queues = backlog.ReadAsync(cancellationToken, now: true);
            var series = bulletins.ReadAsync(cancellationToken);
            var lastRollUp = rollUps.LastAppliedAtAsync(cancellationToken);
            await Task.WhenAll(queues, series, lastRollUp);

            var attention = new List<string>();
            foreach (var queue in queues.Result)
            {
                if (queue.Poison > 0)
                {
                    attention.Add($"poison:{queue.Queue}");
                }

                if (queue.OldestAgeSeconds > StuckAfter.TotalSeconds)
                {
                    attention.Add($"stuck:{queue.Queue}");
                }
            }

            attention.AddRange(series.Result.Where(health => health.Late).Select(health => $"late:{health.SeriesId}"));
            return TypedResults.Ok(new HealthDetail(attention.Count == 0 ? "ok" : "attention", time.GetUtcNow(), queues.Result, backlog.SampledAt,
                series.Result, await lastRollUp, attention));
        }
        catch (RequestFailedException)
        {
            return Problems.Unavailable(TimeSpan.FromSeconds(10));
        }
    }
}
