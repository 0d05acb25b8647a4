using Azure.Storage.Queues.Models;
using Frontline.Queues;
using Frontline.Storage;
using Microsoft.Azure.WebJobs;

namespace Frontline.Host.Triggers;

/// <summary>
/// The queue-triggered functions, run by the WebJobs SDK's queue listener: the engine Azure Functions runs
/// for the same triggers (batches, new-batch threshold, visibility after a failure, dequeue count, poison
/// queue). The names and bodies match Frontline.Functions; the queue names resolve through
/// <see cref="FrontlineNameResolver"/>, so that the tests' name prefix applies.
/// </summary>
public sealed class QueueFunctions(IEnumerable<IQueueHandler> handlers, QueueFailures failures)
{
    [FunctionName("ProcessRegistration")]
    public Task ProcessRegistration([QueueTrigger("%" + FrontlineNameResolver.QueuePrefix + QueueNames.Registrations + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        RunAsync(QueueNames.Registrations, message, cancellationToken);

    [FunctionName("RollUpCounts")]
    public Task RollUpCounts([QueueTrigger("%" + FrontlineNameResolver.QueuePrefix + QueueNames.DailyCounts + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        RunAsync(QueueNames.DailyCounts, message, cancellationToken);

    [FunctionName("ProcessReminder")]
    public Task ProcessReminder([QueueTrigger("%" + FrontlineNameResolver.QueuePrefix + QueueNames.Reminders + "%")] QueueMessage message, CancellationToken cancellationToken) =>
        RunAsync(QueueNames.Reminders, message, cancellationToken);

    // The library records why a message failed (for the poison-queue console) and rethrows, so the SDK retries it.
    // The handler registered last for a queue takes it, as the last registration wins in DI: a test can stand in for one.
    private Task RunAsync(string queueName, QueueMessage message, CancellationToken cancellationToken) =>
        failures.RunAsync(handlers.Last(handler => handler.QueueName == queueName), message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
}
