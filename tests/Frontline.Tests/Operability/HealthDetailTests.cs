using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Bulletins;
using Frontline.DailyCounts;
using Frontline.Stats;
using Frontline.Storage;
using Frontline.Telemetry;
using Frontline.Tests.Bulletins;
using Frontline.Tests.Faults;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Frontline.Tests.Operability;

/// <summary>The Coordinators' health detail: queues with their age and poison, bulletins against their timer, and who may read it.</summary>
public sealed class HealthDetailTests : IAsyncLifetime
{
    private readonly FrontlineApp _app = new();

    public async Task InitializeAsync()
    {
        // Nothing processes the queues, so a registration waits; the tests' yearly bulletin timer last ran on 1 January.
        _app.Settings["Frontline:Triggers:Enabled"] = "false";
        await _app.InitializeAsync();
        await Ledger.SeedCatalogAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_coordinator_sees_a_waiting_message_with_its_age_a_poison_message_and_a_late_bulletin_others_are_refused()
    {
        using var anonymous = _app.CreateClient();
        using (var refused = await anonymous.GetAsync("/api/health/detail"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var reporter = _app.CreateClient(await _app.TokenAsync(["Reporter"], Ledger.Unit));
        using (var forbidden = await reporter.GetAsync("/api/health/detail"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        }

        using (var accepted = await anonymous.PostAsJsonAsync("/api/registrations", Ledger.Form(3)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await _app.Storage.Queue(QueueNames.Poison(QueueNames.Registrations)).SendMessageAsync("{}");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var coordinator = _app.CreateClient(await _app.TokenAsync(["Coordinator"]));
        var detail = (await coordinator.GetFromJsonAsync<HealthDetail>("/api/health/detail", JsonSerializerOptions.Web))!;
        var registrations = Assert.Single(detail.Queues, queue => queue.Queue == QueueNames.Registrations);
        Assert.Equal(1, registrations.Depth);
        Assert.InRange(registrations.OldestAgeSeconds, 2, 120);
        Assert.Equal(1, registrations.Poison);
        Assert.All(detail.Queues.Where(queue => queue.Queue != QueueNames.Registrations), queue => Assert.Equal(0, queue.Depth));

        var bulletin = Assert.Single(detail.Bulletins);
        Assert.Equal("pending", bulletin.State);
        Assert.True(bulletin.Late);
        Assert.Equal("attention", detail.Status);
        Assert.Contains("poison:registrations", detail.Attention);
        Assert.Contains($"late:{bulletin.SeriesId}", detail.Attention);
        Assert.DoesNotContain("stuck:registrations", detail.Attention);
        Assert.Null(detail.LastRollUpAt);
    }

    [Fact]
    public async Task A_queue_whose_oldest_message_waited_more_than_five_minutes_is_called_stuck()
    {
        using (var accepted = await _app.CreateClient().PostAsJsonAsync("/api/registrations", Ledger.Form(4)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        // The queues read six minutes from now: the message has waited longer than the threshold.
        using var later = new QueueBacklog(_app.Storage, new MovableTime(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(6)));
        var endpoints = new HealthDetailEndpoints(later, _app.Get<BulletinHealth>(), _app.Get<RollUpStore>(), TimeProvider.System);
        var result = await endpoints.GetAsync(CancellationToken.None);

        var detail = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<HealthDetail>>(result).Value!;
        Assert.Contains("stuck:registrations", detail.Attention);
        Assert.InRange(Assert.Single(detail.Queues, queue => queue.Queue == QueueNames.Registrations).OldestAgeSeconds, 300, 600);
    }

    [Fact]
    public async Task A_bulletin_is_late_after_its_run_plus_thirty_minutes_until_it_is_published()
    {
        // The timer at 08:30 Beijing (00:30 UTC); it is 10:00 in Beijing on 5 December: yesterday's issue is due.
        var schedule = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BulletinSchedule"] = "0 30 0 * * *" }).Build();
        var clock = new MovableTime(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        var health = new BulletinHealth(_app.Get<BulletinStore>(), _app.Get<IOptions<BulletinOptions>>(), schedule, clock);

        var due = Assert.Single(await health.ReadAsync(CancellationToken.None));
        Assert.Equal("2026-12-04", due.PeriodKey);
        Assert.Equal(("pending", true), (due.State, due.Late));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 30, 0, TimeSpan.Zero), due.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 30, 0, TimeSpan.Zero), due.NextDueAt);
        Assert.Null(due.LastPublished);

        // Within the half hour after the run it is not late yet.
        clock.Now = new DateTimeOffset(2026, 12, 5, 0, 45, 0, TimeSpan.Zero);
        Assert.False(Assert.Single(await health.ReadAsync(CancellationToken.None)).Late);

        await _app.Get<BulletinService>().PublishPeriodAsync(Period.JustClosed(Cadence.Daily, new DateOnly(2026, 12, 5)), CancellationToken.None);
        clock.Now = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
        var published = Assert.Single(await health.ReadAsync(CancellationToken.None));
        Assert.Equal(("published", false), (published.State, published.Late));
        Assert.Equal("2026-12-04", published.LastPublished?.PeriodKey);
    }
}
