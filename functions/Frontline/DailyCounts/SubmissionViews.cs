namespace Frontline.DailyCounts;

public sealed record SubmissionResult(string SiteId, string UnitId, string Day, int Version, bool Changed, bool Flagged, string? FlagReason);

public sealed record SubmissionView(
    string SiteId, string UnitId, string Day, int Version, CountFigures Figures, string? Highlight, string SubmittedBy,
    DateTimeOffset SubmittedAt, bool Flagged, string? FlagReason, int IndicatorVersion)
{
    public static SubmissionView Of(Submission submission) => new(
        submission.SiteId, submission.UnitId, DailyCountStore.Partition(submission.Day), submission.Version, submission.Figures, submission.Highlight,
        submission.SubmittedBy, submission.SubmittedAt, submission.Flagged, submission.FlagReason, submission.IndicatorVersion);
}

public sealed record UnitDay(string UnitId, string Day, IReadOnlyList<SubmissionView> Submissions, IReadOnlyList<string> Missing);
