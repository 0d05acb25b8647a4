using System.Diagnostics.Metrics;

namespace Frontline.Telemetry;

/// <summary>
/// Frontline's own metrics, beside the hosts' request metrics: what an operator watches in an emergency. Dimensions are
/// outcomes, reasons, queues and series, never a person, unit or site (a dimension per unit would also multiply the
/// series an exporter keeps). A redelivered message that is handled again is counted again: these are rates to watch,
/// the tables hold the exact figures.
/// </summary>
public sealed class FrontlineMetrics
{
    public const string MeterName = "Frontline";

    private readonly Counter<long> _registrationsAccepted;
    private readonly Counter<long> _registrationsRefused;
    private readonly Counter<long> _registrationsStored;
    private readonly Counter<long> _countsSubmitted;
    private readonly Counter<long> _countsRolledUp;
    private readonly Counter<long> _bulletinsComposed;
    private readonly Counter<long> _bulletinsPublished;
    private readonly Counter<long> _remindersSent;
    private readonly Counter<long> _auditRecordsLost;

    public FrontlineMetrics(IMeterFactory meterFactory, QueueBacklog backlog)
    {
        var meter = meterFactory.Create(MeterName);
        _registrationsAccepted = meter.CreateCounter<long>("frontline.registrations.accepted", "{registration}", "Registrations accepted and queued (202).");
        _registrationsRefused = meter.CreateCounter<long>("frontline.registrations.refused", "{registration}", "Registrations refused, by reason: invalid or rate_limited.");
        _registrationsStored = meter.CreateCounter<long>("frontline.registrations.stored", "{registration}", "Registrations processed, by outcome: assigned, waitlisted or duplicate.");
        _countsSubmitted = meter.CreateCounter<long>("frontline.counts.submitted", "{submission}", "Daily counts submitted, by outcome: created, corrected or unchanged.");
        _countsRolledUp = meter.CreateCounter<long>("frontline.counts.rolled_up", "{submission}", "Submissions applied to the day's roll-up.");
        _bulletinsComposed = meter.CreateCounter<long>("frontline.bulletins.composed", "{bulletin}", "Bulletin drafts composed, by series.");
        _bulletinsPublished = meter.CreateCounter<long>("frontline.bulletins.published", "{bulletin}", "Bulletins numbered and published, by series.");
        _remindersSent = meter.CreateCounter<long>("frontline.reminders.sent", "{reminder}", "Reminders handed to the notification sender, by channel.");
        _auditRecordsLost = meter.CreateCounter<long>("frontline.audit.lost", "{record}", "Audit records that could not be written, by action (a disclosure was refused; a change was not recorded).");

        // Sampled from storage when an exporter collects (at most every 30 s), not on a timer of their own.
        meter.CreateObservableGauge("frontline.queue.depth", () => backlog.Observe(queue => queue.Depth), "{message}", "Messages waiting in each queue (approximate, as Azure reports it).");
        meter.CreateObservableGauge("frontline.queue.oldest_age", () => backlog.Observe(queue => queue.OldestAgeSeconds), "s", "Age of the oldest visible message in each queue.");
        meter.CreateObservableGauge("frontline.queue.poison", () => backlog.Observe(queue => queue.Poison), "{message}", "Messages in each queue's poison queue.");
    }

    public void RegistrationAccepted() => _registrationsAccepted.Add(1);

    public void RegistrationRefused(string reason) => _registrationsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RegistrationStored(string outcome) => _registrationsStored.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void CountSubmitted(string outcome) => _countsSubmitted.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void CountRolledUp() => _countsRolledUp.Add(1);

    public void BulletinComposed(string series) => _bulletinsComposed.Add(1, new KeyValuePair<string, object?>("series", series));

    public void BulletinPublished(string series) => _bulletinsPublished.Add(1, new KeyValuePair<string, object?>("series", series));

    public void AuditRecordLost(string action) => _auditRecordsLost.Add(1, new KeyValuePair<string, object?>("action", action));

    public void ReminderSent(string channel) => _remindersSent.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
