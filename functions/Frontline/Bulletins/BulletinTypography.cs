using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontline.Bulletins;

/// <summary>
/// How a Chinese government bulletin writes things: 2022年9月16日, numbers one way throughout (13270, or 1.3万 where the
/// office prefers), 44% with no space, full-width punctuation, and a place named once (never 玉沙路社区（玉沙路社区）).
/// </summary>
public static partial class BulletinTypography
{
    public static string Date(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year}年{day.Month}月{day.Day}日");

    public static string MonthDay(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Month}月{day.Day}日");

    /// <summary>The period as a lead names it: 9月15日, 9月9日至15日, 8月29日至9月4日, 2021年12月28日至2022年1月3日.</summary>
    public static string PeriodText(Period period)
    {
        if (period.IsSingleDay)
        {
            return MonthDay(period.First);
        }

        if (period.First.Year != period.Last.Year)
        {
            return $"{Date(period.First)}至{Date(period.Last)}";
        }

        return period.First.Month == period.Last.Month
            ? string.Create(CultureInfo.InvariantCulture, $"{MonthDay(period.First)}至{period.Last.Day}日")
            : $"{MonthDay(period.First)}至{MonthDay(period.Last)}";
    }

    /// <summary>A count in the series' style: digits with no separators, or 万 with one decimal from ten thousand up.</summary>
    public static string Number(long value, string style)
    {
        if (style == NumberStyle.TenThousands && Math.Abs(value) >= 10_000)
        {
            var tenThousands = Math.Round(value / 10_000m, 1, MidpointRounding.AwayFromZero);
            return tenThousands.ToString(tenThousands == decimal.Truncate(tenThousands) ? "0" : "0.0", CultureInfo.InvariantCulture) + "万";
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A share as a whole percentage, with no space before the sign: 44%.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100m * part / whole, MidpointRounding.AwayFromZero):0}%");

    /// <summary>A site with its community, unless the name already says it: 锦东庭园小区（塔子山社区）, but 玉沙路社区核酸检测点.</summary>
    public static string Place(string name, string? community) =>
        string.IsNullOrWhiteSpace(community) || name.Contains(community, StringComparison.Ordinal) || community.Contains(name, StringComparison.Ordinal)
            ? name
            : $"{name}（{community}）";

    /// <summary>Joins clauses the Chinese way: 甲、乙和丙 for items, or with ，for clauses.</summary>
    public static string Items(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join("、", items.Take(items.Count - 1)) + "和" + items[^1],
    };

    /// <summary>
    /// Punctuation typed half-width between Chinese characters becomes full-width (，。：；！？（）), and a space before a
    /// percent sign or between a number and a Chinese character goes. Latin text and decimals are left alone.
    /// </summary>
    public static string FullWidth(string text)
    {
        var result = HalfWidthBetweenChinese().Replace(text, match => match.Groups["mark"].Value switch
        {
            "," => "，",
            "." => "。",
            ":" => "：",
            ";" => "；",
            "!" => "！",
            "?" => "？",
            var other => other,
        } + match.Groups["after"].Value);
        result = HalfWidthAfterChineseAtEnd().Replace(result, match => match.Groups["mark"].Value switch
        {
            "." => "。",
            "!" => "！",
            "?" => "？",
            var other => other,
        });
        result = ParenthesesAroundChinese().Replace(result, "（${inner}）");
        return SpaceBeforePercent().Replace(result, "%");
    }

    [GeneratedRegex(@"(?<=\p{IsCJKUnifiedIdeographs}|[0-9%])\s*(?<mark>[,:;!?]|\.(?!\d))\s*(?<after>\p{IsCJKUnifiedIdeographs}|“)")]
    private static partial Regex HalfWidthBetweenChinese();

    [GeneratedRegex(@"(?<=\p{IsCJKUnifiedIdeographs})(?<mark>[.!?])$")]
    private static partial Regex HalfWidthAfterChineseAtEnd();

    [GeneratedRegex(@"\((?<inner>[^()]*\p{IsCJKUnifiedIdeographs}[^()]*)\)")]
    private static partial Regex ParenthesesAroundChinese();

    [GeneratedRegex(@"(?<=\d)\s+%")]
    private static partial Regex SpaceBeforePercent();
}
