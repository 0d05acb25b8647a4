using System.Text;
using Frontline.Tests.DailyCounts;

namespace Frontline.Tests.Hostile;

/// <summary>
/// One hostile request and the refusal it must get: the status, and the field the problem must name (in
/// <c>errors</c>, <c>detail</c> or <c>title</c>) where there is one. Paths and bodies may say {today}, {tomorrow}, {ago:N},
/// {in:N}, {regId} and {code}; the test fills them in when it runs.
/// </summary>
public sealed record Hostile(string Name, string Method, string Path, int Status, string? Field = null)
{
    public string Caller { get; init; } = "anonymous";

    /// <summary>A caller whose token goes in X-Frontline-Authorization (the header the site uses behind Static Web Apps).</summary>
    public string? ForwardedAs { get; init; }

    /// <summary>X-Frontline-Authorization exactly as given.</summary>
    public string? ForwardedRaw { get; init; }

    public string? ContentType { get; init; }

    public string? BodyText { get; init; }

    public byte[]? BodyBytes { get; init; }

    /// <summary>Sent without Content-Length, so the limit must hold while reading.</summary>
    public bool Chunked { get; init; }

    /// <summary>Further request headers (an Idempotency-Key), sent as given.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public Hostile As(string caller) => this with { Caller = caller };

    public Hostile Header(string name, string value) => this with { Headers = [.. Headers, (name, value)] };

    public Hostile Json(string json) => this with { BodyText = json, ContentType = "application/json" };

    public Hostile Csv(string csv) => this with { BodyText = csv, ContentType = "text/csv" };

    public Hostile Raw(byte[] bytes, string? contentType) => this with { BodyBytes = bytes, BodyText = null, ContentType = contentType };

    public Hostile Typed(string? contentType) => this with { ContentType = contentType };

    public HttpRequestMessage Build(HostileApp app)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Fill(Path, app));
        if (app.Authorization[Caller] is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if ((ForwardedAs is { } forwarded ? app.Authorization[forwarded] : ForwardedRaw) is { } forwardedValue)
        {
            request.Headers.TryAddWithoutValidation(Frontline.Security.BearerHeaders.Forwarded, forwardedValue);
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var bytes = BodyBytes ?? (BodyText is null ? null : Encoding.UTF8.GetBytes(Fill(BodyText, app)));
        if (bytes is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            request.Content = content;
        }

        return request;
    }

    public override string ToString() => Name;

    private static string Fill(string text, HostileApp app)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var today = CountsApp.Today;
        text = text.Replace("{today}", Day(today), StringComparison.Ordinal)
            .Replace("{tomorrow}", Day(today.AddDays(1)), StringComparison.Ordinal)
            .Replace("{regId}", app.RegistrationId, StringComparison.Ordinal)
            .Replace("{code}", app.ReceiptCode, StringComparison.Ordinal);
        foreach (var (marker, sign) in new[] { ("{ago:", -1), ("{in:", 1) })
        {
            for (var start = text.IndexOf(marker, StringComparison.Ordinal); start >= 0; start = text.IndexOf(marker, StringComparison.Ordinal))
            {
                var end = text.IndexOf('}', start);
                var days = int.Parse(text[(start + marker.Length)..end], System.Globalization.CultureInfo.InvariantCulture);
                text = text[..start] + Day(today.AddDays(sign * days)) + text[(end + 1)..];
            }
        }

        return text;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A body stream that does not tell its length, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
