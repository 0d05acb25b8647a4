using Azure.Data.Tables;
using Frontline.Storage;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Foundation;

/// <summary>The meter counts entities and messages as Azure's targets count them: per partition, per second.</summary>
public sealed class StorageMeterTests
{
    [Fact]
    public async Task Point_operations_batches_queries_and_queue_messages_are_counted_by_table_and_partition()
    {
        await using var app = new FrontlineApp();
        app.Settings["Frontline:Storage:Meter"] = "true";
        app.Settings["Frontline:Triggers:Enabled"] = "false";
        await app.InitializeAsync();
        var meter = app.Get<StorageMeter>();
        var table = app.Storage.Table(TableNames.Outbox);
        var queue = app.Storage.Queue(QueueNames.Reminders);
        meter.Reset();

        await table.AddEntityAsync(new TableEntity("meter-a", "one"));
        await table.SubmitTransactionAsync(Enumerable.Range(0, 5).Select(index => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("meter-b", $"row{index}"))));
        await table.SubmitTransactionAsync(Enumerable.Range(0, 2).Select(index => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("meter-b", $"row{index}") { ["Seen"] = true })));
        await table.GetEntityAsync<TableEntity>("meter-a", "one");
        var queried = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == "meter-b" || entity.PartitionKey == "meter-a"))
        {
            queried++;
        }

        await table.UpsertEntityAsync(new TableEntity("meter-a", "one") { ["Changed"] = true });
        await table.DeleteEntityAsync("meter-a", "one");
        await queue.SendMessageAsync("{}");
        await queue.SendMessageAsync("{}");
        var received = (await queue.ReceiveMessagesAsync(10)).Value;
        foreach (var message in received)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        Assert.Equal(6, queried);
        var slots = meter.Slots();
        long Read(string partition) => slots.Where(slot => slot.Resource == table.Name && slot.Partition == partition).Sum(slot => slot.Read);
        long Written(string partition) => slots.Where(slot => slot.Resource == table.Name && slot.Partition == partition).Sum(slot => slot.Written);
        // meter-a: one insert, one upsert, one delete written; one point read and one queried entity read.
        Assert.Equal(3, Written("meter-a"));
        Assert.Equal(2, Read("meter-a"));
        // meter-b: a batch of five inserts and one of two merges written; five queried.
        Assert.Equal(7, Written("meter-b"));
        Assert.Equal(5, Read("meter-b"));
        var queueSlots = slots.Where(StorageMeter.IsQueue).Where(slot => slot.Resource.EndsWith(queue.Name, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, queueSlots.Sum(slot => slot.Read));
        Assert.Equal(4, queueSlots.Sum(slot => slot.Written));
        Assert.True(meter.BusiestAccountSecond() >= 5);
        Assert.NotNull(meter.BusiestPartition());
    }

    [Fact]
    public async Task Without_the_setting_nothing_is_counted()
    {
        await using var app = new FrontlineApp();
        app.Settings["Frontline:Triggers:Enabled"] = "false";
        await app.InitializeAsync();

        await app.Storage.Table(TableNames.Outbox).AddEntityAsync(new TableEntity("meter-off", "one"));

        Assert.Empty(app.Get<StorageMeter>().Slots());
    }
}
