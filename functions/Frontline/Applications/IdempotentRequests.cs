using System.Security.Cryptography;
using System.Text;
using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontline.Applications;

/// <summary>
/// <c>Idempotency-Key</c> on submissions, for systems that retry after a timeout without knowing whether the first
/// try landed (draft-ietf-httpapi-idempotency-key-header): the same key and request within
/// <see cref="IdempotencyStore.Lifetime"/> gets the first answer again (status and body, with
/// <c>Idempotent-Replayed: true</c>); the same key with another request is a 422, and while the first is still
/// running a 409. Keys belong to the caller (an application's client id, else the token's subject), so two
/// systems cannot collide or read each other's answers. Without the header nothing changes.
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>Past this the handler's own limit refuses the body anyway (the largest is a batch, 256 KiB).</summary>
    private const int MaxHashedBodyBytes = 256 * 1024;

    public async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler, CancellationToken cancellationToken)
    {
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return await handler();
        }

        if (ParseKey(values) is not { } key)
        {
            return Problems.Validation(Header,
                $"One key of 1 to {MaxKeyLength} visible ASCII characters (no spaces, commas, quotes or backslashes), bare or as a quoted string; a UUID is a good key.");
        }

        // Refusals (no token, not bound, over the rate) are answered by the handler itself and remembered for no one.
        var caller = await CallerAuthentication.AuthenticateAsync(request.HttpContext);
        if (caller is null || caller.Refusal is not null)
        {
            return await handler();
        }

        request.EnableBuffering();
        var (body, tooLarge) = await JsonBody.ReadLimitedAsync(request, MaxHashedBodyBytes, cancellationToken);
        request.Body.Position = 0;
        if (tooLarge is not null)
        {
            return await handler();
        }

        var keyHash = KeyHash(caller, key);
        var requestHash = RequestHash(request, body!);
        var claim = await store.BeginAsync(keyHash, requestHash, cancellationToken);
        switch (claim)
        {
            case IdempotencyClaim.Replay replay:
                return new StoredResult(replay.Response, replayed: true);
            case IdempotencyClaim.Mismatch:
                return Problems.Status(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for another request.",
                    $"The {Header} was sent before with another method, path or body; use a new key for a new request.");
            case IdempotencyClaim.InFlight:
                return Problems.Status(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running.",
                    $"Wait for the first request with this {Header} to be answered, then send it again to get its answer.");
        }

        var etag = ((IdempotencyClaim.Began)claim).ETag;
        StoredResponse response;
        try
        {
            response = await CaptureAsync(request.HttpContext, await handler());
        }
        catch
        {
            // An outage or a bug: the request may not have happened, so the key must not answer for it.
            await ReleaseQuietlyAsync(keyHash, etag);
            throw;
        }

        if (Remembered(response.Status))
        {
            await store.CompleteAsync(keyHash, requestHash, etag, response, cancellationToken);
        }
        else
        {
            await store.ReleaseAsync(keyHash, etag, cancellationToken);
        }

        return new StoredResult(response, replayed: false);
    }

    /// <summary>
    /// A success, or a refusal the same request will always get. Refusals that a retry may pass (401, 403: a binding
    /// or role may change; 409 and 429: a race or a rate) and 5xx leave the key free.
    /// </summary>
    private static bool Remembered(int status) => status is >= 200 and < 300 or 400 or 404 or 413 or 415 or 422;

    /// <summary>The key, or null when the header is malformed (several values, empty, too long, or characters outside visible ASCII).</summary>
    public static string? ParseKey(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } raw)
        {
            return null;
        }

        // The draft makes the value a structured-field string ("…"); plain tokens are what most clients send.
        var key = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
        return key.Length is > 0 and <= MaxKeyLength && key.All(ch => ch is > ' ' and < '\u007F' and not '"' and not '\\' and not ',') ? key : null;
    }

    /// <summary>The row's key: the caller's scope and the key, hashed, so keys spread over partitions and say nothing.</summary>
    public static string KeyHash(Caller caller, string key)
    {
        var scope = caller.ApplicationId is { } clientId ? "app:" + clientId : "sub:" + caller.Subject;
        return Hex(Encoding.UTF8.GetBytes(scope + "\n" + key));
    }

    private static string RequestHash(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n{request.ContentType}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Runs the handler's answer into memory, so that exactly these bytes go out now and on every replay.</summary>
    private static async Task<StoredResponse> CaptureAsync(HttpContext context, IResult result)
    {
        using var buffer = new MemoryStream();
        var capture = new DefaultHttpContext { RequestServices = context.RequestServices, TraceIdentifier = context.TraceIdentifier };
        capture.Request.Method = context.Request.Method;
        capture.Request.Path = context.Request.Path;
        capture.Request.Headers.Accept = context.Request.Headers.Accept;
        capture.Response.Body = buffer;
        await result.ExecuteAsync(capture);
        return new StoredResponse(capture.Response.StatusCode, capture.Response.ContentType, capture.Response.Headers.Location.FirstOrDefault(), buffer.ToArray());
    }

    private async Task ReleaseQuietlyAsync(string keyHash, Azure.ETag etag)
    {
        try
        {
            await store.ReleaseAsync(keyHash, etag, CancellationToken.None);
        }
        catch (Exception exception) when (Storage.StorageFaults.IsOutage(exception))
        {
            // Storage is down: the row stays marked running and frees itself after IdempotencyStore.PendingTimeout.
        }
    }

    private sealed class StoredResult(StoredResponse response, bool replayed) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => response.Status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.Status;
            if (response.ContentType is { } contentType)
            {
                httpContext.Response.ContentType = contentType;
            }

            if (response.Location is { } location)
            {
                httpContext.Response.Headers.Location = location;
            }

            if (replayed)
            {
                httpContext.Response.Headers[ReplayedHeader] = "true";
            }

            httpContext.Response.ContentLength = response.Body.Length;
            await httpContext.Response.Body.WriteAsync(response.Body);
        }
    }
}
