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

    /// <summary>
    /// A document larger than one property, split across <c>{prefix}0</c>, <c>{prefix}1</c>, … with the count in
    /// <c>{prefix}Parts</c>. The caller checks the whole entity against <see cref="EntityLimits"/> before writing it.
    /// </summary>
    public static void WriteParts<T>(T value, Azure.Data.Tables.TableEntity entity, string prefix)
    {
        var json = JsonSerializer.Serialize(value, Options);
        var parts = 0;
        var start = 0;
        while (start < json.Length)
        {
            // A surrogate pair is never split: each part must be valid UTF-16 on its own to be stored.
            var length = Math.Min(MaxPropertyCharacters, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            entity[prefix + parts.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.Substring(start, length);
            start += length;
            parts++;
        }

        entity[prefix + "Parts"] = parts;
    }

    public static T? ReadParts<T>(Azure.Data.Tables.TableEntity entity, string prefix)
    {
        var parts = entity.GetInt32(prefix + "Parts") ?? 0;
        var json = new System.Text.StringBuilder();
        for (var part = 0; part < parts; part++)
        {
            json.Append(entity.GetString(prefix + part.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return parts == 0 ? default : JsonSerializer.Deserialize<T>(json.ToString(), Options);
    }
}
