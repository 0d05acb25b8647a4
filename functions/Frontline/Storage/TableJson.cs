using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Frontline.Storage;

/// <summary>
/// JSON kept in one Table Storage string property. A property holds at most 64 KiB (32,768 UTF-16 characters), and
/// the default encoder writes each Chinese character as a six-character \uXXXX escape, so Chinese is written as it is:
/// the stores bound their text by characters, and the JSON must not multiply them.
/// </summary>
public static class TableJson
{
    /// <summary>The most characters one string property holds.</summary>
    public const int MaxPropertyCharacters = 32 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Write<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Options);
        return json.Length <= MaxPropertyCharacters
            ? json
            : throw new InvalidOperationException($"{typeof(T).Name} is {json.Length} characters as JSON, over the {MaxPropertyCharacters} a table property holds.");
    }

    public static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
