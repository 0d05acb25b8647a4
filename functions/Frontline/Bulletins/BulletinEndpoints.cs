using System.Globalization;
using System.Text;
using System.Xml;
using Frontline.Http;
using Frontline.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Frontline.Bulletins;

/// <summary>
/// Reading published bulletins: the list, one bulletin, its Word document and the Atom feed of a series (<c>?series=</c>,
/// the first public series when absent). A public series is open to all; an internal one (the 工作日报) answers
/// Coordinators only, and an anonymous caller cannot tell it from a series that does not exist.
/// </summary>
public sealed class BulletinEndpoints(BulletinStore store, IOptions<BulletinOptions> options)
{
    public async Task<IResult> SeriesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await CallerAuthentication.AuthenticateAsync(request.HttpContext);
        return TypedResults.Ok(options.Value.Series
            .Where(series => series.IsPublic || caller?.IsCoordinator == true)
            .Select(series => new SeriesView(series.SeriesId, series.Kind, series.Title, series.ShortName, series.Office, series.Cadence, series.RequireReview,
                series.IsAreaScoped ? series.AreaCode : null)));
    }

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (series, refusal) = await ReadableSeriesAsync(request);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok((await PublishedAsync(series!, cancellationToken)).Select(bulletin => new BulletinSummary(series!.SeriesId,
            bulletin.Year!.Value, bulletin.Number!.Value, bulletin.TotalNumber!.Value, bulletin.Title, bulletin.Headline, Local(series, bulletin.PublishedAt!.Value),
            bulletin.CorrectsKey is not null)));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string year, string number, CancellationToken cancellationToken)
    {
        var (series, bulletin, refusal) = await FindAsync(request, year, number, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        BulletinReference? corrects = null;
        if (bulletin!.CorrectsKey is { } key && await store.GetAsync(series!.SeriesId, key, cancellationToken) is { Year: { } cy, Number: { } cn } original)
        {
            corrects = new BulletinReference(cy, cn, original.Title);
        }

        return TypedResults.Ok(View(series!, bulletin, corrects));
    }

    /// <summary>The bulletin as a Word document in the red-header 简报 layout.</summary>
    public async Task<IResult> DocxAsync(HttpRequest request, string year, string number, CancellationToken cancellationToken)
    {
        var (series, bulletin, refusal) = await FindAsync(request, year, number, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var document = BulletinDocument.Write(View(series!, bulletin!, null));
        var fileName = $"{bulletin!.Title}.docx";
        return TypedResults.File(document, BulletinDocument.ContentType, fileName);
    }

    /// <summary>Atom 1.0 of the published bulletins, newest first; the content is the same escaped HTML the site shows.</summary>
    public async Task<IResult> FeedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (series, refusal) = await ReadableSeriesAsync(request);
        if (refusal is not null)
        {
            return refusal;
        }

        var bulletins = await PublishedAsync(series!, cancellationToken);
        var site = $"{request.Scheme}://{request.Host}";
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            const string Atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"urn:frontline:bulletins:{series!.SeriesId}");
            xml.WriteElementString("title", Atom, series.ShortName + series.Title);
            xml.WriteElementString("updated", Atom, Timestamp(Local(series, bulletins.FirstOrDefault()?.PublishedAt ?? DateTimeOffset.UnixEpoch)));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, series.Office);
            xml.WriteEndElement();
            xml.WriteStartElement("link", Atom);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("href", $"{site}/{ApiRoutes.Prefix}/{ApiRoutes.BulletinFeed}?series={series.SeriesId}");
            xml.WriteEndElement();
            foreach (var bulletin in bulletins)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"urn:frontline:bulletins:{series.SeriesId}:{bulletin.Year}:{bulletin.Number}");
                xml.WriteElementString("title", Atom, bulletin.Title);
                xml.WriteElementString("updated", Atom, Timestamp(Local(series, bulletin.PublishedAt!.Value)));
                xml.WriteElementString("summary", Atom, bulletin.Headline);
                xml.WriteStartElement("link", Atom);
                xml.WriteAttributeString("href", $"{site}/bulletins.html?series={series.SeriesId}&year={bulletin.Year}&number={bulletin.Number}");
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

    /// <summary>The series a request names (or the default), when the caller may read it; else the 404, 401 or 403 to answer.</summary>
    internal async Task<(BulletinSeriesOptions? Series, IResult? Refusal)> ReadableSeriesAsync(HttpRequest request)
    {
        var requested = request.Query["series"].ToString();
        var series = options.Value.Find(requested.Length == 0 ? null : requested);
        if (series is null)
        {
            return (null, Problems.Validation("series", "No such bulletin series."));
        }

        if (series.IsPublic)
        {
            return (series, null);
        }

        // The command office's internal report: an anonymous caller is told nothing more than for an unknown series.
        var caller = await CallerAuthentication.AuthenticateAsync(request.HttpContext);
        return caller is null
            ? (null, Problems.Validation("series", "No such bulletin series."))
            : caller.IsCoordinator ? (series, null) : (null, Problems.Forbidden("The internal report is for Coordinators."));
    }

    internal static BulletinView View(BulletinSeriesOptions series, Bulletin bulletin, BulletinReference? corrects) => new(
        series.SeriesId, bulletin.Year!.Value, bulletin.Number!.Value, bulletin.TotalNumber!.Value, bulletin.Title, bulletin.Headline,
        Local(series, bulletin.PublishedAt!.Value), bulletin.Source, series.ShortName, bulletin.Reviewer, Local(series, bulletin.ComposedAt), bulletin.Html,
        corrects, new BulletinDistribution(series.ReportTo, series.SendTo, series.IssueTo, series.Copies));

    /// <summary>An instant in the series' zone, with its offset: 2022-09-16T08:35:31+08:00, never the UTC of storage.</summary>
    internal static DateTimeOffset Local(BulletinSeriesOptions series, DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, series.Zone());

    private async Task<(BulletinSeriesOptions? Series, Bulletin? Bulletin, IResult? Refusal)> FindAsync(HttpRequest request, string year, string number, CancellationToken cancellationToken)
    {
        var (series, refusal) = await ReadableSeriesAsync(request);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        return !TryNumber(year, 2000, 2100, out var y) || !TryNumber(number, 1, 9999, out var n)
            || await store.GetByNumberAsync(series!.SeriesId, y, n, cancellationToken) is not { Status: BulletinStatus.Published } bulletin
            ? (null, null, Problems.NotFound("No published bulletin with that year and number."))
            : (series, bulletin, null);
    }

    private async Task<List<Bulletin>> PublishedAsync(BulletinSeriesOptions series, CancellationToken cancellationToken) =>
        (await store.ListAsync(series.SeriesId, cancellationToken))
            .Where(bulletin => bulletin.Status == BulletinStatus.Published)
            .OrderByDescending(bulletin => bulletin.TotalNumber)
            .ToList();

    internal static bool TryNumber(string value, int min, int max, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max;

    private static string Timestamp(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
