using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Frontline.Http;

/// <summary>
/// Reads a JSON body the same way in both hosts: content type, a size limit, and a problem answer
/// that names the field for malformed or mistyped input, instead of a 500.
/// </summary>
public static class JsonBody
{
    public const int DefaultLimitBytes = 16 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        MaxDepth = 16,
    };

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, int limitBytes = DefaultLimitBytes)
        where T : class
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > limitBytes)
        {
            return new(null, Problems.PayloadTooLarge(limitBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limitBytes)
            {
                return new(null, Problems.PayloadTooLarge(limitBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return new(null, Problems.BadRequest("The body is empty.", "Send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null
                ? new(null, Problems.BadRequest("The body is not a JSON object."))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            var field = FieldName(exception.Path);
            return field is null
                ? new(null, Problems.BadRequest("The body is not valid JSON.", $"Line {exception.LineNumber + 1}, position {exception.BytePositionInLine}."))
                : new(null, Problems.Validation(field, "This field has the wrong type or format."));
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
