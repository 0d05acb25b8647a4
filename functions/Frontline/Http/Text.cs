using System.Globalization;

namespace Frontline.Http;

/// <summary>Checks on free text that arrives from the public and from units.</summary>
public static class Text
{
    /// <summary>
    /// No control characters and no bidirectional overrides: they are never needed in a name or an address,
    /// and they are how text is made to read differently from what it is.
    /// </summary>
    public static bool IsClean(string value)
    {
        foreach (var ch in value)
        {
            if (char.IsControl(ch) || ch is '\u061C' or '\u200E' or '\u200F' || ch is >= '\u202A' and <= '\u202E' || ch is >= '\u2066' and <= '\u2069' || ch is '\uFEFF')
            {
                return false;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.Surrogate && !char.IsSurrogate(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates optional free text; returns the trimmed value or adds an error for the field.</summary>
    public static string? Optional(string? value, string field, int maxLength, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
            return null;
        }

        if (!IsClean(trimmed))
        {
            errors[field] = ["Contains control or direction-changing characters."];
            return null;
        }

        return trimmed;
    }

    public static string? Required(string? value, string field, int maxLength, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
            return null;
        }

        return Optional(value, field, maxLength, errors);
    }
}
