using System.Globalization;
using System.Text;
using System.Xml;
using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Bulletins;

public sealed record CorrectionRequest(string? Text);

public sealed class BulletinEndpoints(BulletinStore store, BulletinService service, IOptions<BulletinSeriesOptions> series)
{
    private string SeriesId => series.Value.SeriesId;

    public async Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        TypedResults.Ok((await PublishedAsync(cancellationToken)).Select(bulletin => new BulletinSummary(
            bulletin.Year!.Value, bulletin.Number!.Value, bulletin.TotalNumber!.Value, bulletin.Title, bulletin.Headline, bulletin.PublishedAt!.Value, bulletin.CorrectsKey is not null)));

    public async Task<IResult> GetAsync(string year, string number, CancellationToken cancellationToken)
    {
        if (!TryNumber(year, 2000, 2100, out var y) || !TryNumber(number, 1, 9999, out var n)
            || await store.GetByNumberAsync(SeriesId, y, n, cancellationToken) is not { Status: BulletinStatus.Published } bulletin)
        {
            return Problems.NotFound("No published bulletin with that year and number.");
        }

        BulletinReference? corrects = null;
        if (bulletin.CorrectsKey is { } key && await store.GetAsync(SeriesId, key, cancellationToken) is { Year: { } cy, Number: { } cn } original)
        {
            corrects = new BulletinReference(cy, cn, original.Title);
        }

        return TypedResults.Ok(new BulletinView(bulletin.Year!.Value, bulletin.Number!.Value, bulletin.TotalNumber!.Value, bulletin.Title, bulletin.Headline,
            bulletin.PublishedAt!.Value, bulletin.Source, bulletin.Reviewer, bulletin.ComposedAt, bulletin.Html, corrects));
    }

    /// <summary>Atom 1.0 of the published bulletins, newest first; the content is the same escaped HTML the site shows.</summary>
    public async Task<IResult> FeedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bulletins = await PublishedAsync(cancellationToken);
        var site = $"{request.Scheme}://{request.Host}";
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            const string Atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"urn:frontline:bulletins:{SeriesId}");
            xml.WriteElementString("title", Atom, series.Value.Title);
            xml.WriteElementString("updated", Atom, Timestamp(bulletins.FirstOrDefault()?.PublishedAt ?? DateTimeOffset.UnixEpoch));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, series.Value.Office);
            xml.WriteEndElement();
            xml.WriteStartElement("link", Atom);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("href", $"{site}/{ApiRoutes.Prefix}/{ApiRoutes.BulletinFeed}");
            xml.WriteEndElement();
            foreach (var bulletin in bulletins)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"urn:frontline:bulletins:{SeriesId}:{bulletin.Year}:{bulletin.Number}");
                xml.WriteElementString("title", Atom, bulletin.Title);
                xml.WriteElementString("updated", Atom, Timestamp(bulletin.PublishedAt!.Value));
                xml.WriteElementString("summary", Atom, bulletin.Headline);
                xml.WriteStartElement("link", Atom);
                xml.WriteAttributeString("href", $"{site}/bulletins.html?year={bulletin.Year}&number={bulletin.Number}");
                xml.WriteEndElement();
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(bulletin.Html);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return TypedResults.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/atom+xml; charset=utf-8");
    }

    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        return refusal ?? TypedResults.Ok(await service.RunNowAsync(cancellationToken));
    }

    public async Task<IResult> DraftsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        return refusal ?? TypedResults.Ok((await store.ListAsync(SeriesId, cancellationToken))
            .Where(bulletin => bulletin.Status == BulletinStatus.Draft)
            .OrderBy(bulletin => bulletin.PeriodKey, StringComparer.Ordinal)
            .Select(bulletin => new DraftView(bulletin.PeriodKey, bulletin.Headline, bulletin.ComposedAt, bulletin.Html)));
    }

    public async Task<IResult> ApproveAsync(HttpRequest request, string periodKey, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        if (periodKey.Length > 40 || !periodKey.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            return Problems.NotFound("No such draft.");
        }

        var bulletin = await service.ApproveAsync(periodKey, caller!.Name ?? caller.Subject, cancellationToken);
        return bulletin is null
            ? Problems.NotFound("No such draft.")
            : TypedResults.Ok(new RunResult(bulletin.PeriodKey, "published", bulletin.Year, bulletin.Number, bulletin.TotalNumber));
    }

    public async Task<IResult> CorrectAsync(HttpRequest request, string year, string number, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await CallerAuthentication.RequireAsync(request.HttpContext, Roles.Coordinator);
        if (refusal is not null)
        {
            return refusal;
        }

        var body = await JsonBody.ReadAsync<CorrectionRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        var text = Text.Required(body.Value!.Text, "text", 2000, errors);
        if (text is null)
        {
            return Problems.Validation(errors);
        }

        if (!TryNumber(year, 2000, 2100, out var y) || !TryNumber(number, 1, 9999, out var n))
        {
            return Problems.NotFound("No published bulletin with that year and number.");
        }

        var correction = await service.CorrectAsync(y, n, text, caller!.Name ?? caller.Subject, cancellationToken);
        return correction is null
            ? Problems.NotFound("No published bulletin with that year and number.")
            : TypedResults.Ok(new RunResult(correction.PeriodKey, "published", correction.Year, correction.Number, correction.TotalNumber));
    }

    private async Task<List<Bulletin>> PublishedAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(SeriesId, cancellationToken))
            .Where(bulletin => bulletin.Status == BulletinStatus.Published)
            .OrderByDescending(bulletin => bulletin.TotalNumber)
            .ToList();

    private static bool TryNumber(string value, int min, int max, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max;

    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
