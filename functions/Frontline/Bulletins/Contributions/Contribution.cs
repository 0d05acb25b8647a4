using System.Globalization;
using Frontline.Http;

namespace Frontline.Bulletins.Contributions;

public static class ContributionStatus
{
    public const string Submitted = "submitted";
    public const string Withdrawn = "withdrawn";

    /// <summary>In an approved or published bulletin: it can no longer be withdrawn.</summary>
    public const string Used = "used";
}

public sealed record ContributionPerson(string Name, string? Role);

/// <summary>A piece a unit sends for the bulletin (稿件): plain paragraphs about a site and a day, with the people it names.</summary>
public sealed record Contribution(
    string Id,
    string UnitId,
    string UnitName,
    string SiteId,
    string SiteName,
    DateOnly Day,
    string Title,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<ContributionPerson> People,
    string? Quote,
    string? QuoteBy,
    string SubmittedBy,
    string? SubmittedByName,
    DateTimeOffset SubmittedAt,
    string Status,
    string? UsedIn,
    string? ContributedBy = null)
{
    /// <summary>Who the （…供稿） line names: the unit's party committee, as offices sign their pieces, else the unit.</summary>
    public string Contributor => ContributedBy is { Length: > 0 } committee ? committee : UnitName;
}

public sealed record PersonRequest(string? Name, string? Role);

public sealed record ContributionRequest(
    string? SiteId, string? Day, string? Title, IReadOnlyList<string?>? Paragraphs, IReadOnlyList<PersonRequest?>? People, string? Quote, string? QuoteBy);

/// <summary>What a valid request carries, before the unit, the site and the sender are attached.</summary>
public sealed record ContributionDraft(
    string SiteId, DateOnly Day, string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<ContributionPerson> People, string? Quote, string? QuoteBy);

public static class ContributionValidation
{
    public const int MaxTitle = 40;
    public const int MaxParagraphs = 12;
    public const int MaxParagraph = 1_000;
    public const int MaxTotal = 5_000;
    public const int MaxPeople = 10;
    public const int MaxName = 20;
    public const int MaxQuote = 300;

    /// <summary>A contribution may concern a day up to this far back: a bulletin can cover a campaign of a year.</summary>
    public const int MaxDaysBack = 366;

    public static ContributionDraft? Validate(ContributionRequest request, DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        var siteId = Text.Required(request.SiteId, "siteId", 64, errors);
        if (siteId is not null && !Sites.CatalogImport.IsValidId(siteId))
        {
            errors["siteId"] = ["Not a site id."];
        }

        DateOnly day = default;
        if (string.IsNullOrWhiteSpace(request.Day))
        {
            errors["day"] = ["Required."];
        }
        else if (!DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            errors["day"] = ["A date as yyyy-MM-dd."];
        }
        else if (day > today)
        {
            errors["day"] = ["The day has not come yet."];
        }
        else if (day < today.AddDays(-MaxDaysBack))
        {
            errors["day"] = [$"At most {MaxDaysBack} days back."];
        }

        var title = Text.Required(request.Title, "title", MaxTitle, errors);
        var paragraphs = new List<string>();
        if (request.Paragraphs is not { Count: > 0 } given)
        {
            errors["paragraphs"] = ["At least one paragraph."];
        }
        else if (given.Count > MaxParagraphs)
        {
            errors["paragraphs"] = [$"At most {MaxParagraphs} paragraphs."];
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                if (Text.Required(given[i], $"paragraphs[{i}]", MaxParagraph, errors) is { } paragraph)
                {
                    paragraphs.Add(paragraph);
                }
            }

            if (paragraphs.Sum(paragraph => paragraph.Length) > MaxTotal)
            {
                errors["paragraphs"] = [$"At most {MaxTotal} characters in all."];
            }
        }

        var people = new List<ContributionPerson>();
        if (request.People is { Count: > MaxPeople })
        {
            errors["people"] = [$"At most {MaxPeople} people."];
        }
        else if (request.People is { } named)
        {
            for (var i = 0; i < named.Count; i++)
            {
                var name = Text.Required(named[i]?.Name, $"people[{i}].name", MaxName, errors);
                var role = Text.Optional(named[i]?.Role, $"people[{i}].role", MaxName, errors);
                if (name is not null)
                {
                    people.Add(new ContributionPerson(name, role));
                }
            }
        }

        var quote = Text.Optional(request.Quote, "quote", MaxQuote, errors);
        var quoteBy = Text.Optional(request.QuoteBy, "quoteBy", MaxName, errors);
        if (quoteBy is not null && quote is null && !errors.ContainsKey("quote"))
        {
            errors["quoteBy"] = ["Only with a quote."];
        }

        // A phone or ID number has no place in a piece that may be published; refuse it rather than store it.
        foreach (var (field, text) in new[] { ("title", title), ("quote", quote) }.Concat(paragraphs.Select((paragraph, i) => ($"paragraphs[{i}]", (string?)paragraph))))
        {
            if (text is not null && BulletinComposer.Redact(text) != text)
            {
                errors[field] = ["Contains what looks like a phone or ID number; bulletins are public, so leave it out."];
            }
        }

        return errors.Count == 0 ? new ContributionDraft(siteId!, day, title!, paragraphs, people, quote, quoteBy) : null;
    }
}
