using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Frontline.Bulletins;

/// <summary>
/// A published bulletin as a Word document in the layout party and government offices print a 简报 in (after GB/T 9704):
/// A4 with the standard margins, the red masthead in 方正小标宋简体, the 第N期(总第M期) line, the issuing body and the date
/// on one line above a red rule, the headline, the body in 仿宋_GB2312 三号 with two-character indents, each section's
/// （…供稿） line, the 终审, and the 报/送/发 block with 共印…份 between black rules. Fonts an office may not have name
/// the font Windows ships as their alternative (宋体, 仿宋), so Word substitutes the nearest face, not a Latin one.
/// </summary>
public static class BulletinDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Masthead = "方正小标宋简体";
    private const string Body = "仿宋_GB2312";
    private const string Heading = "黑体";
    private const string Red = "FF0000";

    public static byte[] Write(BulletinView bulletin)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddFontTable(main);
            var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
            var published = DateOnly.FromDateTime(bulletin.PublishedAt.DateTime);

            body.Append(Line($"{bulletin.ShortName}{TitleWord(bulletin)}", Masthead, 72, JustificationValues.Center, color: Red, spacingAfter: 240));
            body.Append(Line($"{bulletin.Year}年第{bulletin.Number}期(总第{bulletin.TotalNumber}期)", Body, 32, JustificationValues.Center, spacingAfter: 240));

            // The issuing body at the left and the date at the right of one line, over the red rule.
            var issued = Line(bulletin.Source, Body, 32, JustificationValues.Left, bottomRule: Red, rightTab: 8844);
            issued.Append(new Run(RunProperties(Body, 32, null), new TabChar(), new Text(BulletinTypography.Date(published))));
            body.Append(issued);

            body.Append(Line(bulletin.Headline, Masthead, 44, JustificationValues.Center, spacingBefore: 480, spacingAfter: 240));
            foreach (var block in Blocks(bulletin.Html))
            {
                body.Append(block.Kind switch
                {
                    BlockKind.Heading => Line(block.Text, Heading, 32, JustificationValues.Left, indentFirstLine: true),
                    BlockKind.ContributedBy => Line(block.Text, Body, 32, JustificationValues.Right),
                    _ => Line(block.Text, Body, 32, JustificationValues.Both, indentFirstLine: true),
                });
            }

            if (bulletin.Reviewer is { Length: > 0 } reviewer)
            {
                body.Append(Line($"终审：{reviewer}", Body, 32, JustificationValues.Right, spacingBefore: 240));
            }

            var distribution = bulletin.Distribution;
            var lines = new[] { ("报：", distribution.ReportTo), ("送：", distribution.SendTo), ("发：", distribution.IssueTo) }
                .Where(line => line.Item2.Length > 0).Select(line => line.Item1 + line.Item2.TrimStart('报', '送', '发', '：')).ToList();
            if (lines.Count > 0 || distribution.Copies > 0)
            {
                body.Append(Line("", Body, 28, JustificationValues.Left, bottomRule: "000000", spacingBefore: 480));
                foreach (var line in lines)
                {
                    body.Append(Line(line, Body, 28, JustificationValues.Left));
                }

                body.Append(Line(distribution.Copies > 0 ? $"（共印{distribution.Copies}份）" : "", Body, 28, JustificationValues.Right, bottomRule: "000000"));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>政工简讯 from "四川省地方志办政工简讯2022年第36期(总第97期)": the masthead names the series, the next line the issue.</summary>
    private static string TitleWord(BulletinView bulletin)
    {
        var title = bulletin.Title.StartsWith(bulletin.ShortName, StringComparison.Ordinal) ? bulletin.Title[bulletin.ShortName.Length..] : bulletin.Title;
        var issue = title.IndexOf($"{bulletin.Year}年第", StringComparison.Ordinal);
        return issue > 0 ? title[..issue] : title;
    }

    private static Paragraph Line(
        string text, string font, int halfPoints, JustificationValues justification, string? color = null, string? bottomRule = null,
        bool indentFirstLine = false, int spacingBefore = 0, int spacingAfter = 0, int? rightTab = null)
    {
        // The schema fixes the order of paragraph properties: borders, tabs, spacing, indentation, justification.
        var properties = new ParagraphProperties();
        if (bottomRule is not null)
        {
            properties.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12U, Space = 1U, Color = bottomRule }));
        }

        if (rightTab is { } position)
        {
            properties.Append(new Tabs(new TabStop { Val = TabStopValues.Right, Position = position }));
        }

        var spacing = new SpacingBetweenLines
        {
            Before = spacingBefore.ToString(System.Globalization.CultureInfo.InvariantCulture),
            After = spacingAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (halfPoints <= 40)
        {
            // Fixed 28-point lines, as offices set 三号 body text: 22 lines to a page. Titles keep single spacing.
            spacing.Line = "560";
            spacing.LineRule = LineSpacingRuleValues.Exact;
        }

        properties.Append(spacing);
        if (indentFirstLine)
        {
            // Two characters: in character units for Word, and in twips (two 三号 characters, 32 points) for
            // readers that ignore character units, LibreOffice and WPS among them.
            properties.Append(new Indentation { FirstLine = "640", FirstLineChars = 200 });
        }

        properties.Append(new Justification { Val = justification });
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(new Run(RunProperties(font, halfPoints, color), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return paragraph;
    }

    private static RunProperties RunProperties(string font, int halfPoints, string? color)
    {
        var properties = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font });
        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        properties.Append(new FontSizeComplexScript { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return properties;
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var fonts = main.AddNewPart<FontTablePart>();
        fonts.Fonts = new Fonts(
            Font(Masthead, "宋体"),
            Font(Body, "仿宋"),
            Font(Heading, "SimHei"),
            new Font(new FontCharSet { Val = "00" }, new FontFamily { Val = FontFamilyValues.Roman }) { Name = "Times New Roman" });
        fonts.Fonts.Save();
    }

    private static Font Font(string name, string alternative) =>
        new(new AltName { Val = alternative }, new FontCharSet { Val = "86" }, new FontFamily { Val = FontFamilyValues.Auto }) { Name = name };

    private enum BlockKind
    {
        Paragraph,
        Heading,
        ContributedBy,
    }

    private sealed record Block(BlockKind Kind, string Text);

    /// <summary>
    /// The body's blocks read back from the HTML that <see cref="BulletinHtml"/> wrote (h3, p, p.contributed-by), so the
    /// document shows exactly what the site shows, for bulletins stored before content was kept apart as well.
    /// </summary>
    private static IEnumerable<Block> Blocks(string html)
    {
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(
            html, "<(?<tag>h[1-6]|p|li|th|td)(?<attributes>[^>]*)>(?<text>.*?)</\\k<tag>>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(match.Groups["text"].Value, "<[^>]+>", ""));
            var kind = match.Groups["tag"].Value.StartsWith('h') ? BlockKind.Heading
                : match.Groups["attributes"].Value.Contains("contributed-by", StringComparison.Ordinal) ? BlockKind.ContributedBy
                : BlockKind.Paragraph;
            yield return new Block(kind, text);
        }
    }
}
