namespace Frontline.Bulletins;

public static class BulletinStatus
{
    /// <summary>Composed, editable; with review on it waits for approval.</summary>
    public const string Draft = "draft";

    /// <summary>Approved with the 终审's name; the next run of the timer publishes it as it stands.</summary>
    public const string Approved = "approved";

    public const string Published = "published";
}

/// <summary>A section of the body: a thesis line, its paragraphs, and the unit that contributed it (…供稿).</summary>
public sealed record BulletinSection(string Title, IReadOnlyList<string> Paragraphs, string? ContributedBy, string? ContributionId);

/// <summary>
/// What the office publishes, as editors shape it: a headline that is a sentence about the work, the lead (导语) with
/// the period's figures in prose, an editable figures paragraph, the sections in order, and a closing paragraph.
/// </summary>
public sealed record BulletinContent(string Headline, string Lead, string Figures, IReadOnlyList<BulletinSection> Sections, string Closing)
{
    /// <summary>The characters of body text, which <see cref="BulletinLimits.MaxBodyCharacters"/> bounds.</summary>
    public int Length => Headline.Length + Lead.Length + Figures.Length + Closing.Length
        + Sections.Sum(section => section.Title.Length + section.Paragraphs.Sum(paragraph => paragraph.Length) + (section.ContributedBy?.Length ?? 0));
}

public static class BulletinLimits
{
    /// <summary>
    /// A 简报 runs to a few pages. The bound also keeps a bulletin's stored content and its rendered HTML each inside
    /// one Table Storage string property (64 KiB, 32,768 UTF-16 characters) with room for markup and JSON.
    /// </summary>
    public const int MaxBodyCharacters = 12_000;

    public const int MaxSections = 20;

    public const int MaxParagraphs = 20;

    public const int MaxHeadline = 60;

    public const int MaxParagraph = 2_000;
}

/// <summary>
/// A bulletin of a series for a period. Numbers exist once it is published; a published bulletin never changes, and a
/// correction is a bulletin of its own that names the one it corrects.
/// </summary>
public sealed record Bulletin(
    string SeriesId,
    string PeriodKey,
    string Status,
    int? Year,
    int? Number,
    int? TotalNumber,
    string Title,
    string Source,
    string? Reviewer,
    DateTimeOffset ComposedAt,
    DateTimeOffset? PublishedAt,
    BulletinContent Content,
    string Html,
    string? CorrectsKey,
    string? EditedBy = null,
    DateTimeOffset? EditedAt = null)
{
    public string Headline => Content.Headline;
}

public sealed record BulletinSummary(
    string SeriesId, int Year, int Number, int TotalNumber, string Title, string Headline, DateTimeOffset PublishedAt, bool IsCorrection);

public sealed record BulletinView(
    string SeriesId, int Year, int Number, int TotalNumber, string Title, string Headline, DateTimeOffset PublishedAt, string Source, string ShortName,
    string? Reviewer, DateTimeOffset ComposedAt, string Html, BulletinReference? Corrects, BulletinDistribution Distribution);

/// <summary>The printed 简报's bottom block: 报, 送, 发 and 共印…份 (each empty or 0 when the series does not set it).</summary>
public sealed record BulletinDistribution(string ReportTo, string SendTo, string IssueTo, int Copies);

public sealed record BulletinReference(int Year, int Number, string Title);

/// <summary>A draft as the console edits it: the content, and the ETag that a save or an approval must send back.</summary>
public sealed record DraftView(
    string SeriesId, string PeriodKey, string PeriodLabel, string Status, string Headline, BulletinContent Content, DateTimeOffset ComposedAt,
    string? EditedBy, DateTimeOffset? EditedAt, string? Reviewer, string Html, string Etag);

public sealed record RunResult(string SeriesId, string PeriodKey, string Outcome, int? Year, int? Number, int? TotalNumber);

/// <param name="Area">The jurisdiction an area series reports (its area code); null for a series of units.</param>
public sealed record SeriesView(string SeriesId, string Kind, string Title, string ShortName, string Office, string Cadence, bool RequireReview, string? Area = null);
