using System.Globalization;

namespace Frontline.Http;

/// <summary>Checks on free text that arrives from the public and from units.</summary>
public static class Text
{
    /// <summary>
    /// No control characters, no invisible format characters (bidirectional overrides and isolates, zero-width
    /// spaces and joiners, the BOM, soft hyphens), no line or paragraph separators, no lone surrogates, no
    /// noncharacters and no U+FFFD (the trace of a bad decoding): none is needed in a name, an address or a short
    /// story, and they are how text is made to read differently from what it is.
    /// </summary>
    public static bool IsClean(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsHighSurrogate(ch))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                var codePoint = char.ConvertToUtf32(ch, value[i + 1]);
                if ((codePoint & 0xFFFE) == 0xFFFE || CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.Format)
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(ch) || ch is '\uFFFD' or '\uFFFE' or '\uFFFF' || ch is >= '\uFDD0' and <= '\uFDEF')
            {
                return false;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// HTML markup: a <c>&lt;</c> that opens a tag, a closing tag, a comment or a processing instruction. "&lt;5" and
    /// "a &lt; b" are text and pass; answers and bulletins escape everything anyway, this keeps markup out of storage.
    /// </summary>
    public static bool HasMarkup(string value)
    {
        for (var i = value.IndexOf('<', StringComparison.Ordinal); i >= 0 && i + 1 < value.Length; i = value.IndexOf('<', i + 1))
        {
            var next = value[i + 1];
            if (char.IsAsciiLetter(next) || next is '/' or '!' or '?')
            {
                return true;
            }
        }

        return false;
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
            errors[field] = ["Contains control, invisible or direction-changing characters."];
            return null;
        }

        if (HasMarkup(trimmed))
        {
            errors[field] = ["Contains HTML markup (<tag>); write plain text."];
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
