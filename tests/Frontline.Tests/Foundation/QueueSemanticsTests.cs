using System.Collections.Concurrent;
using Frontline.Queues;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Frontline.Tests.Foundation;

public sealed class QueueSemanticsTests : IAsyncLifetime
{
    // The local host triggers the queues the application has; the failing handler stands in for the reminders' one.
    private const string FailingQueue = QueueNames.Reminders;
    private readonly AlwaysFails _handler = new();
    private readonly FrontlineApp _app;

    public QueueSemanticsTests() =>
        _app = new FrontlineApp { ConfigureTestServices = services => services.AddSingleton<IQueueHandler>(_handler) };

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await _app.Storage.Queue(FailingQueue).CreateIfNotExistsAsync();
        await _app.Storage.Queue(QueueNames.Poison(FailingQueue)).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_message_that_always_throws_is_tried_five_times_then_moved_to_the_poison_queue()
    {
        await _app.Storage.Queue(FailingQueue).SendMessageAsync("{\"poison\":true}");

        var poisoned = await FrontlineApp.EventuallyAsync(
            async () => (await _app.Storage.Queue(QueueNames.Poison(FailingQueue)).PeekMessagesAsync(10)).Value,
            messages => messages.Length > 0);

        Assert.Single(poisoned);
        Assert.Equal("{\"poison\":true}", poisoned[0].Body.ToString());
        Assert.Equal([1, 2, 3, 4, 5], _handler.Tries.OrderBy(x => x));
        var left = await _app.Storage.Queue(FailingQueue).PeekMessagesAsync(10);
        Assert.Empty(left.Value);
    }

    [Fact]
    public async Task Messages_on_the_wire_are_base64_as_Azure_Functions_reads_them()
    {
        await _app.Storage.Queue("wire-check").CreateIfNotExistsAsync();
        await _app.Get<QueueSender>().SendAsync("wire-check", new { probe = "探针" }, CancellationToken.None);

        // A client with no message encoding sees exactly what is stored.
        var raw = new Azure.Storage.Queues.QueueClient(_app.Azurite.ConnectionString, _app.Storage.QueueName("wire-check"));
        var stored = (await raw.PeekMessagesAsync(1)).Value.Single().Body.ToString();

        using var decoded = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(stored));
        Assert.Equal("探针", decoded.RootElement.GetProperty("probe").GetString());
    }

    [Fact]
    public async Task A_message_whose_base64_would_pass_Azures_64_KiB_is_refused_and_nothing_is_sent()
    {
        await _app.Storage.Queue("size-check").CreateIfNotExistsAsync();
        // 9,000 Chinese characters, each written \uXXXX (six bytes) in the JSON: 54,000 bytes, 72,000 after base64.
        var tooLarge = new { text = new string('汉', 9_000) };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _app.Get<QueueSender>().SendAsync("size-check", tooLarge, CancellationToken.None));

        Assert.Contains("bytes", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await _app.Storage.Queue("size-check").PeekMessagesAsync(1)).Value);
        await _app.Get<QueueSender>().SendAsync("size-check", new { text = new string('汉', 8_000) }, CancellationToken.None);
        Assert.Single((await _app.Storage.Queue("size-check").PeekMessagesAsync(1)).Value);
    }

    private sealed class AlwaysFails : IQueueHandler
    {
        public ConcurrentBag<long> Tries { get; } = [];

        public string QueueName => FailingQueue;

        public Task HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
        {
            if (messageText.Contains("poison", StringComparison.Ordinal))
            {
                Tries.Add(dequeueCount);
            }

            throw new InvalidOperationException("This handler always fails.");
        }
    }
}
