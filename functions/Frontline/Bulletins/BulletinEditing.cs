using Frontline.Http;

namespace Frontline.Bulletins;

public sealed record SectionEdit(string? ContributionId, string? Title, IReadOnlyList<string?>? Paragraphs);

/// <summary>An editor's version of a draft: every part of the content, sections in the order they are to print.</summary>
public sealed record DraftEdit(string? Headline, string? Lead, string? Figures, IReadOnlyList<SectionEdit?>? Sections, string? Closing);

public sealed record ComposeRequest(string? Series, string? From, string? To);

/// <summary>
/// Checks an editor's content as it checks units' text (plain, clean, bounded) and sets it in the office's typography.
/// A section that names a contribution carries that contribution's 供稿 line, taken from the store: an editor can
/// add any piece sent for the period, and cannot attach a unit's name to text the unit did not send.
/// </summary>
public static class BulletinEditing
{
    /// <param name="contributors">The contributions the draft may hold, by id, with the name their 供稿 line gives.</param>
    public static BulletinContent? Validate(DraftEdit edit, IReadOnlyDictionary<string, string> contributors, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        var headline = Text.Required(edit.Headline, "headline", BulletinLimits.MaxHeadline, errors);
        var lead = Text.Optional(edit.Lead, "lead", BulletinLimits.MaxParagraph, errors) ?? "";
        var figures = Text.Optional(edit.Figures, "figures", BulletinLimits.MaxParagraph, errors) ?? "";
        var closing = Text.Optional(edit.Closing, "closing", BulletinLimits.MaxParagraph, errors) ?? "";

        var sections = new List<BulletinSection>();
        var given = edit.Sections ?? [];
        if (given.Count > BulletinLimits.MaxSections)
        {
            errors["sections"] = [$"At most {BulletinLimits.MaxSections} sections."];
            given = [];
        }

        for (var i = 0; i < given.Count; i++)
        {
            var field = $"sections[{i}]";
            if (given[i] is not { } section)
            {
                errors[field] = ["Required."];
                continue;
            }

            var title = Text.Optional(section.Title, $"{field}.title", BulletinLimits.MaxHeadline, errors) ?? "";
            string? unit = null;
            if (section.ContributionId is { } id && !contributors.TryGetValue(id, out unit))
            {
                errors[$"{field}.contributionId"] = ["Not a contribution sent for this period (or it was withdrawn)."];
            }
            else if (section.ContributionId is { } repeated && sections.Any(kept => kept.ContributionId == repeated))
            {
                errors[$"{field}.contributionId"] = ["The contribution is in the draft twice."];
            }

            var paragraphs = new List<string>();
            var texts = section.Paragraphs ?? [];
            if (texts.Count > BulletinLimits.MaxParagraphs)
            {
                errors[$"{field}.paragraphs"] = [$"At most {BulletinLimits.MaxParagraphs} paragraphs."];
                texts = [];
            }

            for (var p = 0; p < texts.Count; p++)
            {
                if (Text.Required(texts[p], $"{field}.paragraphs[{p}]", BulletinLimits.MaxParagraph, errors) is { } paragraph)
                {
                    paragraphs.Add(BulletinTypography.FullWidth(BulletinComposer.Redact(paragraph)));
                }
            }

            if (title.Length == 0 && paragraphs.Count == 0 && !errors.Keys.Any(key => key.StartsWith(field, StringComparison.Ordinal)))
            {
                errors[field] = ["A section needs a title or a paragraph."];
            }

            sections.Add(new BulletinSection(BulletinTypography.FullWidth(title), paragraphs, unit, section.ContributionId));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var content = new BulletinContent(
            BulletinTypography.FullWidth(headline!), Clean(lead), Clean(figures), sections, Clean(closing));
        if (content.Length > BulletinLimits.MaxBodyCharacters)
        {
            errors["sections"] = [$"The bulletin is {content.Length} characters; at most {BulletinLimits.MaxBodyCharacters}."];
            return null;
        }

        return content;
    }

    private static string Clean(string text) => BulletinTypography.FullWidth(BulletinComposer.Redact(text));
}
