using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Frontline.DailyCounts;
using Frontline.Sites;

namespace Frontline.Bulletins;

/// <summary>The figures a bulletin states, summed from the roll-ups of its period (and the period before, for change).</summary>
public sealed record BulletinFigures(
    int UnitsDispatched,
    int VolunteersRegistered,
    int VolunteersAssigned,
    int SitesOpen,
    int SitesReporting,
    CountFigures Period,
    CountFigures PreviousPeriod,
    int Reports,
    int ExpectedReports,
    IReadOnlyList<(string Name, int Volunteers)> TopUnits,
    IReadOnlyList<(string Name, string Community, int Needed, int Assigned)> ShortSites,
    IReadOnlyList<(string Unit, string Site, string Text)> Highlights);

/// <summary>
/// Writes a bulletin from the roll-ups: one partition read per day of the period (and of the one before), plus
/// the deployment directory's counters. It never reads a submission or a volunteer, so its cost does not grow
/// with the number of volunteers. Every piece of text that came from a unit is HTML-encoded, and anything that
/// looks like a phone or ID number is blanked: a bulletin is public.
/// </summary>
public static partial class BulletinComposer
{
    public const int MaxHighlights = 30;
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    [GeneratedRegex(@"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)|(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex PersonalNumbers();

    public static BulletinFigures Figures(Catalog catalog, Period period, IReadOnlyList<DayRollUp> days, IReadOnlyList<DayRollUp> previousDays)
    {
        var openSites = catalog.Sites.Values.Where(site => period.Days.Any(site.IsOpenOn)).ToList();
        var expected = period.Days.Sum(day => catalog.Units.Values.Where(unit => unit.Verified)
            .Sum(unit => unit.SiteIds.Count(siteId => catalog.Sites.TryGetValue(siteId, out var site) && site.IsOpenOn(day))));
        var highlights = days.SelectMany(day => day.Highlights)
            .Take(MaxHighlights)
            .Select(highlight => (
                catalog.Units.TryGetValue(highlight.UnitId, out var unit) ? unit.Name : highlight.UnitId,
                catalog.Sites.TryGetValue(highlight.SiteId, out var site) ? site.Name : highlight.SiteId,
                highlight.Text))
            .ToList();
        return new BulletinFigures(
            UnitsDispatched: catalog.Units.Values.Count(unit => unit.Verified && unit.Volunteers > 0),
            VolunteersRegistered: catalog.Units.Values.Sum(unit => unit.Volunteers),
            VolunteersAssigned: catalog.Sites.Values.Sum(site => site.Assigned),
            SitesOpen: openSites.Count,
            SitesReporting: days.SelectMany(day => day.BySite.Keys).Distinct(StringComparer.Ordinal).Count(),
            Period: days.Aggregate(CountFigures.Zero, (sum, day) => sum + day.Total),
            PreviousPeriod: previousDays.Aggregate(CountFigures.Zero, (sum, day) => sum + day.Total),
            Reports: days.Sum(day => day.Reports),
            ExpectedReports: expected,
            TopUnits: catalog.Units.Values.Where(unit => unit.Volunteers > 0).OrderByDescending(unit => unit.Volunteers).ThenBy(unit => unit.Name, StringComparer.Ordinal)
                .Take(5).Select(unit => (unit.Name, unit.Volunteers)).ToList(),
            ShortSites: openSites.Where(site => site.Shortfall > 0).OrderByDescending(site => site.Shortfall).ThenBy(site => site.Name, StringComparer.Ordinal)
                .Take(5).Select(site => (site.Name, site.Community, site.Needed, site.Assigned)).ToList(),
            Highlights: highlights);
    }

    public static string PeriodLabel(Period period) =>
        period.First == period.Last
            ? period.First.ToString("yyyy年M月d日", Chinese)
            : $"{period.First.ToString("yyyy年M月d日", Chinese)}至{period.Last.ToString(period.Last.Month == period.First.Month ? "d日" : "M月d日", Chinese)}";

    public static string Headline(Period period, BulletinFigures figures) =>
        figures.Reports == 0
            ? $"{PeriodLabel(period)}：{figures.VolunteersRegistered}名志愿者下沉一线，本期无单位报送数据"
            : $"{PeriodLabel(period)}：{figures.VolunteersRegistered}名志愿者下沉一线，协助核酸检测{figures.Period.Tested}人次";

    public static string Render(Period period, BulletinFigures figures)
    {
        var html = new StringBuilder();
        html.Append("<section><h2>一、总体情况</h2><p>")
            .Append(Html.Encode($"{PeriodLabel(period)}，{figures.UnitsDispatched}个派出单位共有{figures.VolunteersRegistered}名志愿者报名，其中{figures.VolunteersAssigned}人已分配到点位；"))
            .Append(Html.Encode($"开放点位{figures.SitesOpen}个，{figures.SitesReporting}个点位报送了数据。"))
            .Append("</p>");
        if (figures.Reports == 0)
        {
            html.Append("<p>本期无单位报送数据。</p>");
        }

        html.Append("<table><thead><tr><th scope=\"col\">项目</th><th scope=\"col\">本期</th><th scope=\"col\">较上期</th></tr></thead><tbody>");
        var previous = figures.PreviousPeriod.Named().ToDictionary(named => named.Field, named => named.Value);
        foreach (var (field, value) in figures.Period.Named())
        {
            html.Append("<tr><th scope=\"row\">").Append(Label(field)).Append("</th><td>")
                .Append(value.ToString("N0", Chinese)).Append("</td><td>").Append(Change(value - previous[field])).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section><h2>二、派出人数较多的单位</h2>");
        AppendList(html, figures.TopUnits.Select(unit => $"{unit.Name}：{unit.Volunteers}人"), "暂无。");
        html.Append("</section><section><h2>三、缺员点位</h2>");
        AppendList(html, figures.ShortSites.Select(site => $"{site.Name}（{site.Community}）：需{site.Needed}人，已到{site.Assigned}人，缺{site.Needed - site.Assigned}人"), "各点位人员已满足需求。");
        html.Append("</section><section><h2>四、报送情况</h2><p>")
            .Append(Html.Encode(figures.ExpectedReports == 0
                ? "本期无应报送点位。"
                : $"应报{figures.ExpectedReports}份，实报{figures.Reports}份，报送率{(double)figures.Reports / figures.ExpectedReports:P0}。"))
            .Append("</p></section><section><h2>五、一线动态</h2>");
        AppendList(html, figures.Highlights.Select(highlight => $"{highlight.Unit}·{highlight.Site}：{Redact(highlight.Text)}"), "本期无动态报送。");
        html.Append("</section>");
        return html.ToString();
    }

    /// <summary>Blanks mainland mobile and resident ID numbers in free text from units.</summary>
    public static string Redact(string text) => PersonalNumbers().Replace(text, "[已隐去]");

    private static void AppendList(StringBuilder html, IEnumerable<string> items, string empty)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            html.Append("<p>").Append(Html.Encode(empty)).Append("</p>");
            return;
        }

        html.Append("<ol>");
        foreach (var item in list)
        {
            html.Append("<li>").Append(Html.Encode(item)).Append("</li>");
        }

        html.Append("</ol>");
    }

    private static string Change(long delta) => delta switch
    {
        > 0 => "增加" + delta.ToString("N0", Chinese),
        < 0 => "减少" + (-delta).ToString("N0", Chinese),
        _ => "持平",
    };

    private static string Label(string field) => field switch
    {
        "onDuty" => "在岗人次",
        "partyMembers" => "党员在岗人次",
        "tested" => "协助核酸检测（人次）",
        "peopleChecked" => "核查人员（人次）",
        "vehiclesChecked" => "查验车辆（辆）",
        "suppliesDelivered" => "配送物资（份）",
        "householdsVisited" => "入户走访（户）",
        _ => field,
    };
}
