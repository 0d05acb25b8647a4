using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Frontline.Bulletins;

public static class Cadence
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
}

public static class SeriesKind
{
    /// <summary>The published 简讯: narrative and figures, on the public site and feed.</summary>
    public const string Public = "public";

    /// <summary>The command office's 工作日报: short sites, reporting completeness, flagged counts. Coordinators only.</summary>
    public const string Internal = "internal";
}

public static class NumberStyle
{
    /// <summary>13270.</summary>
    public const string Digits = "digits";

    /// <summary>1.3万 from ten thousand up, as press releases write it.</summary>
    public const string TenThousands = "wan";
}

/// <summary>
/// One bulletin series: "四川省地方志办政工简讯2022年第36期(总第97期)" is the series 政工简讯 of the issuing body whose
/// short name is 四川省地方志办, numbered per year and in total. Series are configured as a list under
/// <c>Frontline:Bulletins:Series</c>; a deployment that sets the properties directly under <c>Frontline:Bulletins</c>
/// has that one series.
/// </summary>
public sealed class BulletinSeriesOptions
{
    public const string ScheduleSetting = "BulletinSchedule";

    [Required]
    [RegularExpression("^[a-z][a-z0-9-]{1,30}$", ErrorMessage = "SeriesId must be 2 to 31 lower-case letters, digits and hyphens, starting with a letter.")]
    public string SeriesId { get; set; } = "zhenggong";

    [RegularExpression("^(public|internal)$", ErrorMessage = "Kind must be public or internal.")]
    public string Kind { get; set; } = SeriesKind.Public;

    [Required]
    [StringLength(30)]
    public string Title { get; set; } = "政工简讯";

    /// <summary>The issuing body's short name (发文机关简称) that opens the title line and heads the masthead.</summary>
    [StringLength(30)]
    public string ShortName { get; set; } = "";

    /// <summary>The issuing body's full name (来源).</summary>
    [Required]
    [StringLength(60)]
    public string Office { get; set; } = "前线志愿服务指挥部";

    /// <summary>The units whose people and figures the series reports; empty for every unit (or for the area's, with <see cref="AreaCode"/>).</summary>
    public List<string> UnitIds { get; set; } = [];

    /// <summary>
    /// A jurisdiction instead of units: the series reports the sites in this area and below it, and whoever serves
    /// there, as a city's command office reports its city (成都市 510100). The area's code, as GET /api/areas lists it.
    /// </summary>
    [RegularExpression("^[0-9A-Za-z][0-9A-Za-z-]{0,31}$", ErrorMessage = "AreaCode must be an area's code: 1 to 32 letters, digits and dashes.")]
    public string? AreaCode { get; set; }

    public bool IsAreaScoped => AreaCode is { Length: > 0 };

    [RegularExpression("^(daily|weekly)$", ErrorMessage = "Cadence must be daily or weekly.")]
    public string Cadence { get; set; } = Bulletins.Cadence.Daily;

    /// <summary>The first day of the campaign, for "自3月17日以来"; cumulative figures run from the first roll-up.</summary>
    public DateOnly? CampaignStart { get; set; }

    [RegularExpression("^(digits|wan)$", ErrorMessage = "NumberStyle must be digits or wan.")]
    public string NumberStyle { get; set; } = Bulletins.NumberStyle.Digits;

    /// <summary>When on, a composed bulletin waits as a draft until it is approved; the next run publishes it.</summary>
    public bool RequireReview { get; set; }

    /// <summary>The final reviewer (终审) named on bulletins published without review.</summary>
    [StringLength(30)]
    public string Reviewer { get; set; } = "";

    /// <summary>Numbering continues an existing series: the all-time number of the last issue before Frontline.</summary>
    [Range(0, 100_000)]
    public int TotalNumberBefore { get; set; }

    /// <summary>The printed 简报's bottom block: 报 (to superiors), 送 (to peers), 发 (to subordinates), copies printed.</summary>
    [StringLength(200)]
    public string ReportTo { get; set; } = "";

    [StringLength(200)]
    public string SendTo { get; set; } = "";

    [StringLength(200)]
    public string IssueTo { get; set; } = "";

    [Range(0, 100_000)]
    public int Copies { get; set; }

    /// <summary>Times on the bulletin (发布时间, the feed) are written in this zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public bool IsPublic => Kind == SeriesKind.Public;

    /// <summary>The title line: 四川省地方志办政工简讯2022年第36期(总第97期).</summary>
    public string TitleOf(int year, int number, int total) => $"{ShortName}{Title}{year}年第{number}期(总第{total}期)";

    /// <summary>Whether a unit-scoped series covers the unit; an area's units are known only with its sites (<see cref="BulletinScope"/>).</summary>
    public bool Covers(string unitId) => UnitIds.Count == 0 || UnitIds.Contains(unitId, StringComparer.Ordinal);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Every configured series, in the order configured; the first public one is the site's default.</summary>
public sealed class BulletinOptions
{
    public const string SectionName = "Frontline:Bulletins";

    public List<BulletinSeriesOptions> Series { get; set; } = [];

    public BulletinSeriesOptions? Find(string? seriesId) =>
        seriesId is null ? Default : Series.FirstOrDefault(series => series.SeriesId == seriesId);

    public BulletinSeriesOptions? Default => Series.FirstOrDefault(series => series.IsPublic) ?? Series.FirstOrDefault();

    /// <summary>Why the series cannot run, or null: each series valid, ids unique, zones known.</summary>
    public string? Problem()
    {
        if (Series.Count == 0)
        {
            return "Frontline:Bulletins has no series.";
        }

        foreach (var series in Series)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(series, new ValidationContext(series), results, validateAllProperties: true))
            {
                return $"Frontline:Bulletins series '{series.SeriesId}': {string.Join(" ", results.Select(result => result.ErrorMessage))}";
            }

            if (series.IsAreaScoped && series.UnitIds.Count > 0)
            {
                return $"Frontline:Bulletins series '{series.SeriesId}': set AreaCode or UnitIds, not both (an area's series reports whoever serves in it).";
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(series.TimeZone, out _))
            {
                return $"Frontline:Bulletins series '{series.SeriesId}': TimeZone '{series.TimeZone}' is not a known time zone id (try Asia/Shanghai).";
            }
        }

        var duplicate = Series.GroupBy(series => series.SeriesId, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null ? null : $"Frontline:Bulletins has two series with the id '{duplicate.Key}'.";
    }
}

/// <summary>Fails the start with the series and the setting that is wrong.</summary>
public sealed class BulletinOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<BulletinOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, BulletinOptions options) =>
        options.Problem() is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}

/// <summary>
/// The days a bulletin covers, and its key: "2022-09-15" for a day, "2022-W37" for an ISO week, and
/// "2022-03-17_2022-09-15" for a period an editor chose.
/// </summary>
public sealed record Period(string Key, DateOnly First, DateOnly Last)
{
    /// <summary>A chosen period may be as long as a year: its roll-ups are read day by day.</summary>
    public const int MaxDays = 366;

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, Last.DayNumber - First.DayNumber + 1).Select(First.AddDays);

    public bool IsSingleDay => First == Last;

    /// <summary>The period that closed most recently before <paramref name="today"/>: yesterday, or last week (Monday to Sunday).</summary>
    public static Period JustClosed(string cadence, DateOnly today)
    {
        if (cadence == Cadence.Weekly)
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7);
            var week = ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue));
            var year = ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue));
            return new Period($"{year}-W{week:D2}", monday, monday.AddDays(6));
        }

        return Day(today.AddDays(-1));
    }

    public static Period Day(DateOnly day) => new(Iso(day), day, day);

    /// <summary>A period an editor chose, from its first to its last day.</summary>
    public static Period Custom(DateOnly first, DateOnly last) => first == last ? Day(first) : new($"{Iso(first)}_{Iso(last)}", first, last);

    /// <summary>Reads a key back: a day, an ISO week or a chosen period; null when it is none of them.</summary>
    public static Period? Parse(string key)
    {
        if (key.Length == 10 && DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Day(day);
        }

        if (key.Length == 8 && key[4..6] == "-W" && int.TryParse(key[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(key[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var week) && year is >= 2000 and <= 2100 && week >= 1
            && week <= ISOWeek.GetWeeksInYear(year))
        {
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            return new Period(key, monday, monday.AddDays(6));
        }

        return key.Length == 21 && key[10] == '_'
            && DateOnly.TryParseExact(key[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && DateOnly.TryParseExact(key[11..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
            && first < last && last.DayNumber - first.DayNumber < MaxDays
                ? new Period(key, first, last)
                : null;
    }

    public Period Previous()
    {
        var length = Last.DayNumber - First.DayNumber + 1;
        return Custom(First.AddDays(-length), First.AddDays(-1));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
