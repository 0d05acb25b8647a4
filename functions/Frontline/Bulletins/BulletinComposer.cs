using System.Text.RegularExpressions;
using Frontline.Bulletins.Contributions;
using Frontline.DailyCounts;
using static Frontline.Bulletins.BulletinTypography;

namespace Frontline.Bulletins;

/// <summary>
/// Writes a bulletin's first draft. The public 简讯 reads as the office writes one: a headline about the work, a lead
/// that states the period's figures in prose, then the units' contributions as sections, each closed by its 供稿 line.
/// The internal 工作日报 carries what the command office needs and the public must not read: short sites, reporting
/// completeness, units that have not reported. Every figure comes from the roll-ups (never a submission or a
/// volunteer), and anything that looks like a phone or ID number in a unit's text is blanked: a bulletin may be public.
/// </summary>
public static partial class BulletinComposer
{
    [GeneratedRegex(@"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)|(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex PersonalNumbers();

    /// <summary>Blanks mainland mobile and resident ID numbers in free text from units.</summary>
    public static string Redact(string text) => PersonalNumbers().Replace(text, "[已隐去]");

    public static BulletinContent Compose(BulletinSeriesOptions series, Period period, BulletinFigures figures, IReadOnlyList<Contribution> contributions) =>
        series.IsPublic ? ComposePublic(series, period, figures, contributions) : ComposeInternal(series, period, figures);

    /// <summary>A contribution as a section of the body: its title, its paragraphs, the quote, and （单位供稿）.</summary>
    public static BulletinSection Section(Contribution contribution)
    {
        var paragraphs = contribution.Paragraphs.Select(paragraph => FullWidth(Redact(paragraph))).ToList();
        var unnamed = contribution.People.Where(person => !paragraphs.Any(paragraph => paragraph.Contains(person.Name, StringComparison.Ordinal))).ToList();
        if (unnamed.Count > 0)
        {
            paragraphs.Add($"参与人员：{string.Join("，", unnamed.Select(person => person.Role is { Length: > 0 } role ? $"{role}{person.Name}" : person.Name))}。");
        }

        if (contribution.Quote is { Length: > 0 } quote)
        {
            paragraphs.Add(contribution.QuoteBy is { Length: > 0 } by ? $"{by}说：“{FullWidth(Redact(quote))}”" : $"“{FullWidth(Redact(quote))}”");
        }

        return new BulletinSection(FullWidth(contribution.Title), paragraphs, contribution.Contributor, contribution.Id);
    }

    private static BulletinContent ComposePublic(BulletinSeriesOptions series, Period period, BulletinFigures figures, IReadOnlyList<Contribution> contributions)
    {
        string N(long value) => Number(value, series.NumberStyle);
        var who = series.ShortName.Length > 0 ? series.ShortName : "各派出单位";
        // A sentence about the work, never a line of figures. Not a piece's title, which heads its own section below;
        // the editor writes the issue's own headline.
        var headline = $"{figures.AreaName ?? who}党员干部下沉一线 助力疫情防控";

        var lead = figures.AreaName is { } area
            ? figures.VolunteersAssigned == 0
                ? $"截至{MonthDay(period.Last)}，{area}尚无下沉党员干部报到。"
                : $"截至{MonthDay(period.Last)}，{(figures.UnitsDispatched > 1 ? $"{N(figures.UnitsDispatched)}个派出单位" : "派出单位")}共有{N(figures.VolunteersAssigned)}名党员干部" +
                  $"下沉到{area}{N(figures.SitesCovered)}个社区（点位）参与疫情防控。"
            : figures.VolunteersRegistered == 0
            ? $"截至{MonthDay(period.Last)}，{who}尚无党员干部报名下沉。"
            : $"截至{MonthDay(period.Last)}，{(figures.UnitsDispatched > 1 ? $"{N(figures.UnitsDispatched)}个派出单位" : who)}共有{N(figures.VolunteersRegistered)}名党员干部报名下沉一线，" +
              (figures.VolunteersAssigned > 0
                  ? $"其中{N(figures.VolunteersAssigned)}人已到{N(figures.SitesCovered)}个社区（点位）报到参与疫情防控。"
                  : "正在分配到社区（点位）。");

        if (figures.PersonTimes > 0)
        {
            // As the 市房产局 report puts it: 先后派出3批11人次.
            lead += $"{(figures.UnitsDispatched > 1 || figures.AreaName is not null ? "各单位" : who)}先后派出{N(figures.Batches)}批{N(figures.PersonTimes)}人次党员干部轮换参加一线工作。";
        }

        var done = Clauses(figures.Period, figures.Indicators, period.First != period.Last, N);
        var figuresText = figures.Reports == 0 || done.Count == 0
            ? $"{PeriodText(period)}，本期各单位未报送工作数据。"
            : $"{PeriodText(period)}，{N(figures.SitesReporting)}个社区（点位）报送了工作情况：{string.Join("，", done)}。";
        // Since the campaign began: the work that adds up over days, and only where it says more than the period did.
        // Headcounts (人) do not add up over days, and only a summed indicator has a running total.
        var periodClauses = done.ToHashSet(StringComparer.Ordinal);
        var cumulative = figures.Cumulative.Only(figures.Indicators.Indicators
            .Where(indicator => indicator.Aggregation == Indicators.IndicatorAggregations.Sum && indicator.Unit != "人").Select(indicator => indicator.Code));
        var sinceStart = Clauses(cumulative, figures.Indicators, true, N).Where(clause => !periodClauses.Contains(clause)).ToList();
        if (sinceStart.Count > 0)
        {
            figuresText += $"{(series.CampaignStart is { } start ? $"自{MonthDay(start)}以来" : "疫情防控以来")}，累计{string.Join("，", sinceStart)}。";
        }

        var sections = contributions.Select(Section).ToList();
        if (figures.Highlights.Count > 0)
        {
            sections.Add(new BulletinSection("一线速览", figures.Highlights.Select(h => FullWidth($"{h.Unit}在{h.Place}：{Redact(h.Text)}")).ToList(), null, null));
        }

        return new BulletinContent(headline, lead, figuresText, sections, "");
    }

    private static BulletinContent ComposeInternal(BulletinSeriesOptions series, Period period, BulletinFigures figures)
    {
        string N(long value) => Number(value, series.NumberStyle);
        var people = figures.AreaName is { } area
            ? $"{area}{N(figures.UnitsDispatched)}个派出单位共有{N(figures.VolunteersAssigned)}名志愿者在岗"
            : $"{N(figures.UnitsDispatched)}个派出单位共有{N(figures.VolunteersRegistered)}名志愿者报名，其中{N(figures.VolunteersAssigned)}人已分配到点位";
        var batches = figures.PersonTimes > 0 ? $"；派出批次{N(figures.Batches)}批、{N(figures.PersonTimes)}人次" : "";
        var lead = $"{PeriodText(period)}，{people}{batches}；开放点位{N(figures.SitesOpen)}个，{N(figures.SitesReporting)}个报送了数据。";
        var done = Clauses(figures.Period, figures.Indicators, period.First != period.Last, N);
        var figuresText = done.Count == 0 ? "本期无单位报送数据。" : $"本期{string.Join("，", done)}。";
        var sections = new List<BulletinSection>
        {
            new("报送情况", [figures.ExpectedReports == 0
                ? "本期无应报送点位。"
                : $"应报{N(figures.ExpectedReports)}份，实报{N(figures.Reports)}份，报送率{Percent(figures.Reports, figures.ExpectedReports)}。"], null, null),
            new("未报送单位", figures.UnitsNotReporting.Count == 0 ? ["各单位均已报送。"] : [string.Join("、", figures.UnitsNotReporting) + "。"], null, null),
            new("缺员点位", figures.ShortSites.Count == 0
                ? ["各点位人员已满足需求。"]
                : figures.ShortSites.Select(site => $"{site.Place}：需{N(site.Needed)}人，已到{N(site.Assigned)}人，缺{N(site.Needed - site.Assigned)}人。").ToList(), null, null),
            new("派出人数较多的单位", figures.TopUnits.Count == 0
                ? ["暂无。"]
                : figures.TopUnits.Select(unit => $"{unit.Name}：{N(unit.Volunteers)}人。").ToList(), null, null),
        };
        return new BulletinContent($"{series.ShortName}{series.Title}（{PeriodText(period)}）", lead, figuresText, sections, "");
    }

    /// <summary>
    /// The period's work as clauses, in the order of the indicators' form, leaving out what is zero: 采样轮次8轮，补做核酸2100人次.
    /// An indicator that a rule keeps at most another (其中党员 ≤ 在岗人数) is written inside its clause, as the office
    /// writes it: 在岗人数120人次（其中党员80人次）. Over more than one day, people (人) on duty are person-times (人次).
    /// </summary>
    private static List<string> Clauses(CountFigures figures, Indicators.IndicatorSet set, bool manyDays, Func<long, string> n)
    {
        var within = set.Rules.Where(rule => rule.Kind == Indicators.IndicatorRuleKinds.AtMost && rule.AtMost is not null)
            .GroupBy(rule => rule.AtMost!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(rule => rule.Code).ToList(), StringComparer.Ordinal);
        var inner = within.Values.SelectMany(codes => codes).ToHashSet(StringComparer.Ordinal);
        string Amount(Indicators.IndicatorDefinition indicator) =>
            (decimal.IsInteger(figures[indicator.Code]) ? n((long)figures[indicator.Code]) : figures[indicator.Code].ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))
            + (manyDays && indicator.Unit == "人" ? "人次" : indicator.Unit);

        var clauses = new List<string>();
        foreach (var indicator in set.Ordered().Where(indicator => figures[indicator.Code] > 0 && !inner.Contains(indicator.Code)))
        {
            var parts = within.GetValueOrDefault(indicator.Code, []).Select(set.Find).OfType<Indicators.IndicatorDefinition>()
                .Where(part => figures[part.Code] > 0).Select(part => $"{part.NameZh}{Amount(part)}").ToList();
            clauses.Add($"{indicator.NameZh}{Amount(indicator)}{(parts.Count > 0 ? $"（{string.Join("，", parts)}）" : "")}");
        }

        return clauses;
    }
}
