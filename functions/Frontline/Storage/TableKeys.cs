namespace Frontline.Storage;

/// <summary>
/// Azure Table Storage's rules for PartitionKey and RowKey, enforced here because Azurite accepts keys that Azure
/// rejects: no <c>/ \ # ?</c>, no control characters (U+0000–U+001F, U+007F–U+009F), at most 1 KiB. Endpoints
/// validate ids before they reach a store; the stores check again before they write, so a bad key is a bug that
/// fails loudly here rather than a 400 from Azure after it passed every test on Azurite.
/// </summary>
public static class TableKeys
{
    /// <summary>1 KiB of UTF-16.</summary>
    public const int MaxLength = 512;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && !key.Any(ch => ch is '/' or '\\' or '#' or '?' || ch <= '\u001F' || ch is >= '\u007F' and <= '\u009F');

    public static string Require(string key) =>
        IsValid(key) ? key : throw new ArgumentException($"'{key}' is not a valid Azure Table key.", nameof(key));
}
