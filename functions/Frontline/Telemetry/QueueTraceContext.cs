using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frontline.Telemetry;

/// <summary>
/// Carries a trace through a queue message. Storage queues have no message properties, so the sender's W3C
/// <c>traceparent</c> travels as a property of the message's JSON object, which the handlers' models do not map and so
/// never see; the handler's span continues the sender's trace. A message without it (an old one, a replay of a
/// poison message sent before this, a hand-made one) simply starts a trace of its own.
/// </summary>
public static class QueueTraceContext
{
    public const string Property = "traceparent";

    /// <summary>The message's JSON with the current span as its parent, when there is one.</summary>
    public static void Attach(JsonObject message)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            message[Property] = current.Id;
        }
    }

    /// <summary>The sender's span, if the message carries one that parses.</summary>
    public static ActivityContext? Extract(string messageText)
    {
        try
        {
            using var document = JsonDocument.Parse(messageText);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Property, out var value)
                && value.ValueKind == JsonValueKind.String
                && ActivityContext.TryParse(value.GetString(), traceState: null, isRemote: true, out var parent)
                    ? parent
                    : null;
        }
        catch (JsonException)
        {
            // Not JSON: the handler will say so; the trace just starts here.
            return null;
        }
    }
}
