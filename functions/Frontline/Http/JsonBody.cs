using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Frontline.Http;

/// <summary>
/// Reads a JSON body the same way in both hosts, strictly: exactly <c>application/json</c> (UTF-8), a size limit,
/// JSON numbers only as numbers (no "5", no 5.0 or 5e0 for a whole number), no duplicate keys, and a problem
/// answer that names the field for malformed or mistyped input, instead of a 500.
/// </summary>
public static class JsonBody
{
    public const int DefaultLimitBytes = 16 * 1024;
    public const string MediaType = "application/json";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        // The web defaults read "5" as 5; a figure sent as a string is a client bug to report, not to guess at.
        NumberHandling = JsonNumberHandling.Strict,
        // {"consent":false,"consent":true} means whatever the last reader decides; refuse it.
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, int limitBytes = DefaultLimitBytes)
        where T : class
    {
        if (ContentTypeProblem(request, MediaType) is { } unsupported)
        {
            return new(null, unsupported);
        }

        var (bytes, tooLarge) = await ReadLimitedAsync(request, limitBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return new(null, tooLarge);
        }

        if (bytes!.Length == 0)
        {
            return new(null, Problems.BadRequest("The body is empty.", "Send a JSON object."));
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new(null, Problems.BadRequest("The body is not UTF-8.", "Send JSON encoded as UTF-8."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null
                ? new(null, Problems.BadRequest("The body is not a JSON object."))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            var field = FieldName(exception.Path);
            return field is null
                ? new(null, Problems.BadRequest("The body is not valid JSON.", $"Line {exception.LineNumber + 1}, position {exception.BytePositionInLine}."))
                : new(null, Problems.Validation(field, "This field has the wrong type or format, or appears twice."));
        }
        catch (InvalidOperationException)
        {
            // A string that is not text once unescaped (a lone surrogate, "\ud800"): no .NET string can hold it.
            return InvalidTextField(bytes) is { } field
                ? new(null, Problems.Validation(field, "Contains a lone surrogate: not Unicode text."))
                : new(null, Problems.BadRequest("The body contains a string that is not Unicode text."));
        }
    }

    /// <summary>
    /// The one content-type rule: the media type exactly (no <c>application/jsonp</c>, no <c>text/csv-foo</c>), and no
    /// charset but UTF-8. Null when the request's type is acceptable.
    /// </summary>
    public static IResult? ContentTypeProblem(HttpRequest request, string mediaType)
    {
        if (request.ContentType is { } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && string.Equals(parsed.MediaType.Value, mediaType, StringComparison.OrdinalIgnoreCase)
            && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return Problems.UnsupportedMediaType(mediaType, request.ContentType);
    }

    /// <summary>The whole body up to the limit; a 413 answer past it, whether or not Content-Length said so.</summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadLimitedAsync(HttpRequest request, int limitBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limitBytes)
        {
            return (null, Problems.PayloadTooLarge(limitBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limitBytes)
            {
                return (null, Problems.PayloadTooLarge(limitBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>The top-level field whose string (anywhere inside it) cannot be unescaped to text.</summary>
    private static string? InvalidTextField(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().FirstOrDefault(property => !IsText(property.Value)).Name
                : null;
        }
        catch (JsonException)
        {
            return null;
        }

        static bool IsText(JsonElement element)
        {
            try
            {
                return element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString() is not null,
                    JsonValueKind.Array => element.EnumerateArray().All(IsText),
                    JsonValueKind.Object => element.EnumerateObject().All(property => IsText(property.Value)),
                    _ => true,
                };
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>"$.skills[2]" → "skills"; "$" or null → null (the whole body is wrong).</summary>
    private static string? FieldName(string? path)
    {
        if (path is null || path.Length <= 2 || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        return end < 0 ? name : name[..end];
    }
}

public readonly record struct BodyResult<T>(T? Value, IResult? Problem) where T : class;
