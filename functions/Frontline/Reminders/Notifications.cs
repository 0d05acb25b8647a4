using System.ComponentModel.DataAnnotations;
using Azure;
using Azure.Data.Tables;
using Frontline.Security;
using Frontline.Storage;

namespace Frontline.Reminders;

/// <summary>One message to one recipient. <see cref="Id"/> is stable across redeliveries: senders use it to send once.</summary>
public sealed record Notification(string Id, DateOnly Day, string UnitId, string UnitName, string? Recipient, string Message);

/// <summary>
/// Delivers notifications. The reminders queue calls it at least once per notification, so an implementation must
/// treat <see cref="Notification.Id"/> as an idempotency key (an SMS or email provider's client reference or
/// idempotency header). Choose one by name with <c>Frontline:Notifications:Sender</c>: register a provider as a keyed
/// singleton, <c>services.AddKeyedSingleton&lt;INotificationSender, AliyunSmsSender&gt;("sms")</c>, and set the
/// setting to <c>sms</c>. The default, <c>outbox</c>, records instead of sending.
/// A sender's exceptions are logged by both hosts and their messages shown (digit runs blanked) in the poison-queue
/// console: never put the recipient's number or address in an exception message.
/// </summary>
public interface INotificationSender
{
    string Channel { get; }

    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

public sealed class NotificationOptions
{
    public const string SectionName = "Frontline:Notifications";

    /// <summary>The keyed <see cref="INotificationSender"/> to use.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,40}$")]
    public string Sender { get; set; } = OutboxNotificationSender.Name;
}

public sealed record OutboxEntry(string Id, string UnitId, string UnitName, string Day, string Channel, string Recipient, string Message, DateTimeOffset SentAt);

/// <summary>
/// The default sender: records each notification in the <c>Outbox</c> table (partition = day, row = notification
/// id), where the console shows it. Adding the same id twice records it once. The recipient is stored encrypted
/// and shown masked.
/// </summary>
public sealed class OutboxNotificationSender(FrontlineStorage storage, PersonalData personalData, TimeProvider time) : INotificationSender
{
    public const string Name = "outbox";

    public string Channel => Name;

    private TableClient Table => storage.Table(TableNames.Outbox);

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(Partition(notification.Day), notification.Id)
            {
                ["UnitId"] = notification.UnitId,
                ["UnitName"] = notification.UnitName,
                ["Channel"] = Channel,
                ["Recipient"] = notification.Recipient is { Length: > 0 } recipient ? personalData.Encrypt(recipient) : "",
                ["RecipientMasked"] = MaskRecipient(notification.Recipient),
                ["Message"] = notification.Message,
                ["SentAt"] = time.GetUtcNow(),
            }, cancellationToken);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            // Recorded by an earlier delivery of the same reminder.
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(day)}"), cancellationToken: cancellationToken))
        {
            entries.Add(new OutboxEntry(entity.RowKey, entity.GetString("UnitId") ?? "", entity.GetString("UnitName") ?? "", Partition(day),
                entity.GetString("Channel") ?? Name, entity.GetString("RecipientMasked") ?? "", entity.GetString("Message") ?? "",
                entity.GetDateTimeOffset("SentAt") ?? default));
        }

        return [.. entries.OrderBy(entry => entry.SentAt)];
    }

    /// <summary>A mobile as 138****8000; anything else (an office line, a name, an address) as its first character and stars.</summary>
    public static string MaskRecipient(string? recipient)
    {
        if (string.IsNullOrWhiteSpace(recipient))
        {
            return "";
        }

        if (Volunteers.PhoneNumber.TryNormalize(recipient, out var mobile))
        {
            return PersonalData.Mask(mobile);
        }

        var trimmed = recipient.Trim();
        return char.IsDigit(trimmed[0]) ? "***" : trimmed[..1] + "***";
    }

    private static string Partition(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
