using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Frontline.Telemetry;
using Frontline.Tests.Faults;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.Operability;

/// <summary>
/// Frontline's own metrics, read from this host's meter only (a listener that takes the meter of this app's
/// <see cref="IMeterFactory"/>, so hosts of other tests running alongside do not count).
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Registrations_accepted_and_refused_are_counted_and_the_queue_backlog_is_observed()
    {
        await using var app = new FrontlineApp();
        app.Settings["Frontline:Triggers:Enabled"] = "false";
        await app.InitializeAsync();
        await Ledger.SeedCatalogAsync(app);
        var factory = app.Get<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == FrontlineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")))));
        listener.Start();

        using var client = app.CreateClient();
        using (var accepted = await client.PostAsJsonAsync("/api/registrations", Ledger.Form(1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var refused = await client.PostAsJsonAsync("/api/registrations", new { name = "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        double Sum(string instrument, string tags = "") => measurements.Where(m => m.Instrument == instrument && m.Tags == tags).Sum(m => m.Value);
        Assert.Equal(1, Sum("frontline.registrations.accepted"));
        Assert.Equal(1, Sum("frontline.registrations.refused", "reason=invalid"));

        // Nothing processes the queue here, so the registration waits in it: the gauges say so once sampled.
        var depth = await FrontlineApp.EventuallyAsync(() =>
        {
            measurements.Clear();
            listener.RecordObservableInstruments();
            return Task.FromResult(measurements.Where(m => m.Instrument == "frontline.queue.depth" && m.Tags == "queue=registrations").Select(m => m.Value).FirstOrDefault(-1));
        }, value => value >= 0);
        Assert.Equal(1, depth);
        Assert.Contains(measurements, m => m.Instrument == "frontline.queue.oldest_age" && m.Tags == "queue=registrations" && m.Value >= 0);
        Assert.Contains(measurements, m => m.Instrument == "frontline.queue.poison" && m.Tags == "queue=registrations" && m.Value == 0);
    }
}
