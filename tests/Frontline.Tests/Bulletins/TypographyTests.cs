using Frontline.Bulletins;

namespace Frontline.Tests.Bulletins;

/// <summary>The conventions of a Chinese government bulletin, each a rule an office would mark in red.</summary>
public sealed class TypographyTests
{
    [Theory]
    [InlineData(13270, NumberStyle.Digits, "13270")]
    [InlineData(13270, NumberStyle.TenThousands, "1.3万")]
    [InlineData(130000, NumberStyle.TenThousands, "13万")]
    [InlineData(9999, NumberStyle.TenThousands, "9999")]
    [InlineData(2690, NumberStyle.Digits, "2690")]
    public void Numbers_are_written_one_way_with_no_thousands_separators(long value, string style, string written) =>
        Assert.Equal(written, BulletinTypography.Number(value, style));

    [Fact]
    public void A_percentage_has_no_space_before_its_sign() => Assert.Equal("44%", BulletinTypography.Percent(44, 100));

    [Fact]
    public void Dates_are_written_as_offices_write_them()
    {
        Assert.Equal("2022年9月16日", BulletinTypography.Date(new DateOnly(2022, 9, 16)));
        Assert.Equal("9月15日", BulletinTypography.PeriodText(Period.Day(new DateOnly(2022, 9, 15))));
        Assert.Equal("9月9日至15日", BulletinTypography.PeriodText(Period.Custom(new DateOnly(2022, 9, 9), new DateOnly(2022, 9, 15))));
        Assert.Equal("3月17日至9月15日", BulletinTypography.PeriodText(Period.Custom(new DateOnly(2022, 3, 17), new DateOnly(2022, 9, 15))));
        Assert.Equal("2021年12月28日至2022年1月3日", BulletinTypography.PeriodText(Period.Custom(new DateOnly(2021, 12, 28), new DateOnly(2022, 1, 3))));
    }

    [Theory]
    [InlineData("玉沙路社区", "玉沙路社区", "玉沙路社区")]
    [InlineData("玉沙路社区核酸检测点", "玉沙路社区", "玉沙路社区核酸检测点")]
    [InlineData("锦东庭园小区", "塔子山社区", "锦东庭园小区（塔子山社区）")]
    [InlineData("沪宁高速主线查验点", "", "沪宁高速主线查验点")]
    public void A_place_is_named_once(string name, string community, string written) =>
        Assert.Equal(written, BulletinTypography.Place(name, community));

    [Theory]
    [InlineData("截至9月15日,共有5人.", "截至9月15日，共有5人。")]
    [InlineData("协助检测(含复核)2690人次:秩序井然!", "协助检测（含复核）2690人次：秩序井然！")]
    [InlineData("报送率 44 %", "报送率 44%")]
    [InlineData("平均3.5小时", "平均3.5小时")]
    [InlineData("Frontline v1.0, released.", "Frontline v1.0, released.")]
    public void Half_width_punctuation_in_chinese_text_becomes_full_width(string typed, string set) =>
        Assert.Equal(set, BulletinTypography.FullWidth(typed));

    [Theory]
    [InlineData("2022-09-15", "2022-09-15", "2022-09-15")]
    [InlineData("2022-W37", "2022-09-12", "2022-09-18")]
    [InlineData("2022-03-17_2022-09-15", "2022-03-17", "2022-09-15")]
    public void A_period_key_reads_back_as_its_days(string key, string first, string last)
    {
        var period = Period.Parse(key)!;
        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (period.First, period.Last));
        Assert.Equal(key, period.Key);
    }

    [Theory]
    [InlineData("2022-09-15_2022-09-01")]
    [InlineData("2021-01-01_2022-09-15")]
    [InlineData("2022-W54")]
    [InlineData("../counter")]
    [InlineData("2022-13-01")]
    public void Reversed_overlong_or_malformed_period_keys_are_no_period(string key) => Assert.Null(Period.Parse(key));
}
