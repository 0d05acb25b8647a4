using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Frontline.Tests.Faults;
using Frontline.Tests.Infrastructure;
using Frontline.Volunteers;
using OpenTelemetry.Trace;

namespace Frontline.Tests.Operability;

/// <summary>
/// One trace from a volunteer's request on one host to their stored row on the other: the HTTP request, the queue
/// send, the message handled by the other host (the trace travels in the message), and the Table and Queue calls under
/// them, with nothing personal anywhere in it.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly Spans _spans = new();
    private FrontlineApp _intake = null!;
    private FrontlineApp _processing = null!;

    public async Task InitializeAsync()
    {
        _intake = new FrontlineApp { ConfigureTestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)) };
        _intake.Settings["Frontline:Triggers:Enabled"] = "false";
        await _intake.InitializeAsync();
        _processing = new FrontlineApp
        {
            NamePrefix = _intake.NamePrefix,
            ConfigureTestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)),
        };
        await _processing.InitializeAsync();
        await Ledger.SeedCatalogAsync(_intake);
    }

    public async Task DisposeAsync()
    {
        await _processing.DisposeAsync();
        await _intake.DisposeAsync();
    }

    [Fact]
    public async Task A_registration_is_one_trace_from_the_request_on_one_host_to_the_stored_row_on_the_other_without_personal_data()
    {
        using var client = _intake.CreateClient();
        var form = Ledger.Form(7);
        // The caller's own trace (a W3C traceparent, as a browser's or a unit's system's instrumentation sends it), so
        // that this request's spans are told apart from those of hosts in other tests running in this process.
        var trace = ActivityTraceId.CreateRandom();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(form) };
        post.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<RegistrationAccepted>())!;
        await Ledger.SettleAsync(_intake, [receipt], TimeSpan.FromSeconds(30));

        // Every span of the trace, once the handler's has ended (the last to end is the handler's own).
        var spans = await FrontlineApp.EventuallyAsync(
            () => Task.FromResult(_spans.Snapshot().Where(span => span.TraceId == trace).DistinctBy(span => span.SpanId).ToList()),
            spans => spans.Any(span => span.DisplayName == "process registrations"));
        var request = Assert.Single(spans, span => span.Kind == ActivityKind.Server && span.GetTagItem("http.route") as string == "/api/registrations");

        var send = Assert.Single(spans, span => span.DisplayName == "send registrations");
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal(request.SpanId, send.ParentSpanId);
        var process = Assert.Single(spans, span => span.DisplayName == "process registrations");
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, process.Status);

        // Dependencies: the queue send under the request, and the directory's batch and the volunteer's row under the handler.
        Assert.Contains(spans, span => span.Source.Name.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal) && span.ParentSpanId == send.SpanId);
        var tableCalls = spans.Where(span => span.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && IsUnder(span, process, spans)).ToList();
        Assert.Contains(tableCalls, span => span.DisplayName.Contains("SubmitTransaction", StringComparison.Ordinal));
        Assert.Contains(tableCalls, span => span.DisplayName.Contains("UpsertEntity", StringComparison.Ordinal) || span.DisplayName.Contains("UpdateEntity", StringComparison.Ordinal));

        // Nothing personal in any span of the trace: names, tags, events, statuses.
        var phone = (string)form["phone"]!;
        var name = (string)form["name"]!;
        foreach (var span in spans)
        {
            var texts = new[] { span.DisplayName, span.StatusDescription ?? "" }
                .Concat(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
                .Concat(span.Events.SelectMany(@event => @event.Tags.Select(tag => $"{@event.Name} {tag.Key}={tag.Value}")))
                .Concat(span.Baggage.Select(item => $"{item.Key}={item.Value}"));
            foreach (var text in texts)
            {
                Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
                Assert.DoesNotContain(name, text, StringComparison.Ordinal);
            }
        }
    }

    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(parent => parent.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exporter adds spans from whichever thread ends them.</summary>
    private sealed class Spans : Collection<Activity>
    {
        private readonly Lock _lock = new();

        public List<Activity> Snapshot()
        {
            lock (_lock)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
