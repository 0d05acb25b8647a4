using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontline.Reminders;
using Frontline.Storage;
using Frontline.Tests.DailyCounts;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Coordination;

/// <summary>
/// A reminder whose sender keeps failing ends in the poison queue after five tries, with the reason; replayed once the
/// sender works, it is processed. The sender is chosen by configuration, as an SMS provider would be.
/// </summary>
public sealed class PoisonReplayTests(PoisonReplayTests.App app) : IClassFixture<PoisonReplayTests.App>
{
    public sealed class App : ConsoleApp
    {
        public FlakySender Sender { get; } = new();

        public App()
        {
            Settings["Frontline:Notifications:Sender"] = "flaky";
            ConfigureTestServices = services => services.AddKeyedSingleton<INotificationSender>("flaky", Sender);
        }
    }

    public sealed class FlakySender : INotificationSender
    {
        public bool Failing { get; set; } = true;

        public ConcurrentBag<long> Tries { get; } = [];

        public ConcurrentDictionary<string, int> Sent { get; } = new();

        public string Channel => "flaky";

        public Task SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                Tries.Add(1);
                // A provider's error that quotes a phone number must not reach the console.
                throw new InvalidOperationException("SMS gateway refused recipient 13800138000 (quota exceeded)");
            }

            Sent.AddOrUpdate(notification.Id, 1, (_, count) => count + 1);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_poison_message_shows_its_reason_and_after_a_replay_is_processed()
    {
        var day = CountsApp.Day(4);
        var queued = await app.Coordinator.PostAsJsonAsync("/api/reminders", new { day, unitIds = new[] { "unit-b" } });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);

        var listing = await FrontlineApp.EventuallyAsync(
            async () => JsonDocument.Parse(await app.Coordinator.GetStringAsync("/api/queues/poison")).RootElement.Clone(),
            root => root.GetProperty("queues").EnumerateArray().Any(queue => queue.GetProperty("queue").GetString() == QueueNames.Reminders && queue.GetProperty("messages").GetArrayLength() > 0),
            TimeSpan.FromSeconds(60));

        Assert.Equal(5, app.Sender.Tries.Count);
        Assert.Equal(QueueNames.All.Count, listing.GetProperty("queues").GetArrayLength());
        var reminders = listing.GetProperty("queues").EnumerateArray().Single(queue => queue.GetProperty("queue").GetString() == QueueNames.Reminders);
        var message = Assert.Single(reminders.GetProperty("messages").EnumerateArray());
        Assert.Equal(5, message.GetProperty("dequeueCount").GetInt64());
        Assert.StartsWith("InvalidOperationException: SMS gateway refused recipient", message.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("unitId unit-b", message.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(message.TryGetProperty("insertedOn", out _));
        Assert.DoesNotContain("13800138000", listing.ToString(), StringComparison.Ordinal);

        var messageId = message.GetProperty("messageId").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Coordinator.PostAsync($"/api/queues/registrations/poison/{messageId}/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Coordinator.PostAsync($"/api/queues/secrets/poison/{messageId}/replay", null)).StatusCode);

        app.Sender.Failing = false;
        var replay = await app.Coordinator.PostAsync($"/api/queues/reminders/poison/{messageId}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = Assert.Single(await Frontline.Tests.Operability.AuditTrail.ReadAsync(app, "poison.replayed"));
        Assert.Equal("reminders", replayed.Records["queue"]);
        Assert.Equal(messageId, replayed.Records["messageId"]);
        Assert.Contains("Coordinator", replayed.ActorRoles);
        await FrontlineApp.EventuallyAsync(() => Task.FromResult(app.Sender.Sent.Count), count => count == 1);
        var after = JsonDocument.Parse(await app.Coordinator.GetStringAsync("/api/queues/poison")).RootElement;
        Assert.All(after.GetProperty("queues").EnumerateArray(), queue => Assert.Equal(0, queue.GetProperty("messages").GetArrayLength()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Coordinator.PostAsync($"/api/queues/reminders/poison/{messageId}/replay", null)).StatusCode);
    }
}
