using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Frontline.Bulletins;

/// <summary>
/// The body of a bulletin as HTML for the site and the feed: the lead, the figures paragraph, each section under its
/// thesis with its （…供稿） line, and the closing. The title line, 来源, 发布时间 and 终审 are the page's, from the
/// bulletin's fields. Every piece of text is encoded: nothing a unit or an editor wrote becomes markup.
/// </summary>
public static class BulletinHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(BulletinContent content)
    {
        var html = new StringBuilder();
        Paragraph(html, content.Lead, "lead");
        Paragraph(html, content.Figures, "figures");
        foreach (var section in content.Sections)
        {
            html.Append("<section>");
            if (section.Title.Length > 0)
            {
                html.Append("<h3>").Append(Encoder.Encode(section.Title)).Append("</h3>");
            }

            foreach (var paragraph in section.Paragraphs)
            {
                Paragraph(html, paragraph, null);
            }

            if (section.ContributedBy is { Length: > 0 } unit)
            {
                Paragraph(html, ContributedLine(unit), "contributed-by");
            }

            html.Append("</section>");
        }

        Paragraph(html, content.Closing, "closing");
        return html.ToString();
    }

    /// <summary>（四川省地方志工作办公室供稿）: how a contributed piece ends.</summary>
    public static string ContributedLine(string unit) => $"（{unit}供稿）";

    private static void Paragraph(StringBuilder html, string text, string? cssClass)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        html.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(Encoder.Encode(text)).Append("</p>");
    }
}
