using System.Text;

namespace Frontline.Volunteers;

/// <summary>Mainland China mobile numbers: 11 digits starting 13–19, written many ways.</summary>
public static class PhoneNumber
{
    /// <summary>
    /// "+86 138-0013-8000", "138 0013 8000", "0086 13800138000" and "13800138000" are one number; anything that
    /// is not a mainland mobile is refused rather than guessed at.
    /// </summary>
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        var digits = new StringBuilder(16);
        var trimmed = input.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var ch = trimmed[i];
            if (char.IsAsciiDigit(ch))
            {
                digits.Append(ch);
            }
            else if (ch is '+' && i == 0)
            {
                continue;
            }
            else if (ch is not (' ' or '-' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        if (number.StartsWith("0086", StringComparison.Ordinal) && number.Length == 15)
        {
            number = number[4..];
        }
        else if (number.StartsWith("86", StringComparison.Ordinal) && number.Length == 13)
        {
            number = number[2..];
        }
        else if (trimmed.StartsWith('+'))
        {
            return false;
        }

        if (number.Length != 11 || number[0] != '1' || number[1] is < '3' or > '9')
        {
            return false;
        }

        normalized = number;
        return true;
    }
}
