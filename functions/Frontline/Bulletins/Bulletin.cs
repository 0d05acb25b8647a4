namespace Frontline.Bulletins;

public static class BulletinStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
}

/// <summary>
/// A bulletin: a fixed snapshot of the figures as read at <see cref="ComposedAt"/>. Numbers exist once it is
/// published; a correction is a bulletin of its own that names the one it corrects.
/// </summary>
public sealed record Bulletin(
    string SeriesId,
    string PeriodKey,
    string Status,
    int? Year,
    int? Number,
    int? TotalNumber,
    string Title,
    string Headline,
    string Source,
    string? Reviewer,
    DateTimeOffset ComposedAt,
    DateTimeOffset? PublishedAt,
    string Html,
    string? CorrectsKey);

public sealed record BulletinSummary(int Year, int Number, int TotalNumber, string Title, string Headline, DateTimeOffset PublishedAt, bool IsCorrection);

public sealed record BulletinView(
    int Year, int Number, int TotalNumber, string Title, string Headline, DateTimeOffset PublishedAt, string Source, string? Reviewer,
    DateTimeOffset ComposedAt, string Html, BulletinReference? Corrects);

public sealed record BulletinReference(int Year, int Number, string Title);

public sealed record DraftView(string PeriodKey, string Headline, DateTimeOffset ComposedAt, string Html);

public sealed record RunResult(string PeriodKey, string Outcome, int? Year, int? Number, int? TotalNumber);
