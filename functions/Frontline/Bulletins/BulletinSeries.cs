using System.ComponentModel.DataAnnotations;

namespace Frontline.Bulletins;

public static class Cadence
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
}

/// <summary>
/// One bulletin series, configured under <c>Frontline:Bulletins</c>: "四川省地方志办政工简讯2022年第36期(总第97期)" is
/// the title 政工简讯 from the office 四川省地方志办, numbered per year and in total.
/// </summary>
public sealed class BulletinSeriesOptions
{
    public const string SectionName = "Frontline:Bulletins";
    public const string ScheduleSetting = "BulletinSchedule";

    [Required]
    [RegularExpression("^[a-z][a-z0-9-]{1,30}$")]
    public string SeriesId { get; set; } = "zhenggong";

    [Required]
    [StringLength(30)]
    public string Title { get; set; } = "政工简讯";

    /// <summary>The issuing office (来源).</summary>
    [Required]
    [StringLength(60)]
    public string Office { get; set; } = "前线志愿服务指挥部";

    [RegularExpression("^(daily|weekly)$")]
    public string Cadence { get; set; } = Bulletins.Cadence.Daily;

    /// <summary>When on, a composed bulletin waits as a draft until a coordinator approves it.</summary>
    public bool RequireReview { get; set; }

    /// <summary>The final reviewer (终审) named on bulletins published without review.</summary>
    [StringLength(30)]
    public string Reviewer { get; set; } = "";

    /// <summary>Numbering continues an existing series: the all-time number of the last issue before Frontline.</summary>
    [Range(0, 100_000)]
    public int TotalNumberBefore { get; set; }
}

/// <summary>The days a bulletin covers, and its key: "2022-09-15" for a day, "2022-W37" for an ISO week.</summary>
public sealed record Period(string Key, DateOnly First, DateOnly Last)
{
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, Last.DayNumber - First.DayNumber + 1).Select(First.AddDays);

    /// <summary>The period that closed most recently before <paramref name="today"/>: yesterday, or last week (Monday to Sunday).</summary>
    public static Period JustClosed(string cadence, DateOnly today)
    {
        if (cadence == Cadence.Weekly)
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7);
            var week = System.Globalization.ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue));
            var year = System.Globalization.ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue));
            return new Period($"{year}-W{week:D2}", monday, monday.AddDays(6));
        }

        var yesterday = today.AddDays(-1);
        return new Period(yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), yesterday, yesterday);
    }

    public Period Previous() => new(
        First.AddDays(-(Last.DayNumber - First.DayNumber + 1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        First.AddDays(-(Last.DayNumber - First.DayNumber + 1)), First.AddDays(-1));
}
