using System.Globalization;
using Azure.Data.Tables;

namespace Frontline.Storage;

/// <summary>
/// Azure Table Storage's limits on one entity, which Azurite does not enforce: at most 252 properties besides
/// PartitionKey, RowKey and Timestamp, at most 1 MiB in all, a string property at most 64 KiB (32,768 UTF-16
/// characters). The size is Azure's own formula for an entity's billable size, so a row that passes here is one
/// Azure accepts.
/// </summary>
public static class EntityLimits
{
    public const int MaxProperties = 252;
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>4 bytes + the keys' UTF-16 + each property's 8 bytes, name in UTF-16 and value (a string: UTF-16 + 4).</summary>
    public static long SizeOf(TableEntity entity)
    {
        long size = 4 + (entity.PartitionKey.Length * 2) + 2 + (entity.RowKey.Length * 2) + 2;
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            size += 8 + (name.Length * 2) + 2 + value switch
            {
                string text => (text.Length * 2) + 4,
                byte[] bytes => bytes.Length + 4,
                bool => 1,
                int => 4,
                long or double or DateTimeOffset or DateTime => 8,
                Guid => 16,
                _ => 8,
            };
        }

        return size;
    }

    public static int PropertiesOf(TableEntity entity) =>
        entity.Keys.Count(name => name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));

    /// <summary>Null when the entity fits; otherwise why not, in a sentence an Admin can act on.</summary>
    public static string? Problem(TableEntity entity)
    {
        if (PropertiesOf(entity) > MaxProperties)
        {
            return string.Create(CultureInfo.InvariantCulture, $"It would need {PropertiesOf(entity)} properties in one table row; Azure allows {MaxProperties}.");
        }

        var size = SizeOf(entity);
        if (size > MaxEntityBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"It would be {size:N0} bytes in one table row; Azure allows {MaxEntityBytes:N0}.");
        }

        return entity.Select(property => property.Value).OfType<string>().FirstOrDefault(text => text.Length > TableJson.MaxPropertyCharacters) is { } tooLong
            ? string.Create(CultureInfo.InvariantCulture, $"A property would hold {tooLong.Length:N0} characters; Azure allows {TableJson.MaxPropertyCharacters:N0}.")
            : null;
    }
}
