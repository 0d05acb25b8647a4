namespace Frontline.DailyCounts;

/// <summary>One day's roll-up: the total, each unit's and each site's sums, and the highlights units wrote.</summary>
public sealed record DayRollUp(
    DateOnly Day,
    CountFigures Total,
    int Reports,
    IReadOnlyDictionary<string, CountFigures> ByUnit,
    IReadOnlyDictionary<string, CountFigures> BySite,
    IReadOnlyList<Highlight> Highlights)
{
    /// <summary>How many reports (site and day) each unit's sums hold.</summary>
    public IReadOnlyDictionary<string, int> ReportsByUnit { get; init; } = new Dictionary<string, int>();
}

public sealed record Highlight(string SiteId, string UnitId, string Text);
