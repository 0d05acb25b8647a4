using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// A unit's piece from the portal to the printed 简报: a reporter sends it, an editor composes the period's draft in the
/// console, reorders and edits it, saves under the ETag and approves it, the run publishes it, and the public page,
/// its print view and the Word document all carry the piece with its （…供稿） line. axe-core checks each screen in
/// both languages on the way.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BulletinEditingTests(ConsoleFixture site, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Contributor = "四川省地方志办机关党委";
    private const string Line = "（" + Contributor + "供稿）";

    private static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IPage> EditorAsync(string language = "zh-CN", int width = 1280)
    {
        var page = await site.NewPageAsync(locale: language, width: width, height: 900);
        await page.AddInitScriptAsync($"localStorage.setItem('frontline.lang', '{language}')");
        await page.GotoAsync("/console.html");
        await page.GetByLabel(language == "en" ? "Your name (signed on the bulletins you approve)" : "您的姓名（审核简讯时署名）").FillAsync("何晓波");
        await page.GetByRole(AriaRole.Button, new() { Name = language == "en" ? "Sign in as a coordinator (development)" : "以协调员身份登录（开发环境）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#console")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 20_000 });
        return page;
    }

    private async Task AxeAsync(IPage page, string what)
    {
        var all = await Axe.RunAsync(page);
        foreach (var minor in all.Where(v => !Axe.IsSerious(v)))
        {
            output.WriteLine($"{what}: {Axe.Describe(minor)}");
        }

        var serious = all.Where(Axe.IsSerious).Select(Axe.Describe).ToList();
        Assert.True(serious.Count == 0, $"{what} has serious or critical accessibility violations:\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task A_reporters_piece_goes_through_the_editor_to_the_published_page_its_print_view_and_the_word_document_with_its_contributed_by_line()
    {
        // A period of its own (six and five days ago), so no other test's run has published it.
        var first = Today().AddDays(-6);
        var last = Today().AddDays(-5);
        var periodKey = $"{Iso(first)}_{Iso(last)}";
        var title = "夜班点长守住芙蓉花园检测点" + Guid.NewGuid().ToString("N")[..4];

        // ---- the reporter sends the piece from the portal --------------------------------------------------
        var portal = await site.ReporterPageAsync("sc-difangzhi", "宋填报");
        var form = portal.Locator("#contribute");
        await form.GetByLabel("点位").SelectOptionAsync("cd-furong-testing");
        await form.GetByLabel("稿件日期").FillAsync(Iso(last));
        await form.GetByLabel("稿件标题").FillAsync(title);
        await form.GetByLabel("正文（段落之间空一行）").FillAsync("夜里十点，检测点还排着长队，党员们轮流值守。\n\n有事请拨13800138000联系点长。");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加人物" }).ClickAsync();
        await Assertions.Expect(form.GetByLabel("人物 1 姓名")).ToBeFocusedAsync();
        await form.GetByLabel("人物 1 姓名").FillAsync("赵行");
        await form.GetByLabel("人物 1 职务（选填，如点长）").FillAsync("党员突击队副队长");
        await form.GetByLabel("引语（选填）").FillAsync("点上离不开人，我们多站一会儿，居民就少等一会儿。");
        await form.GetByLabel("引语出自（姓名）").FillAsync("赵行");
        await form.GetByRole(AriaRole.Button, new() { Name = "报送稿件" }).ClickAsync();

        // The server refuses the phone number; the page says so beside the text, in Chinese, then in English.
        var bodyError = portal.Locator("#c-paragraphs-error");
        await Assertions.Expect(bodyError).ToHaveTextAsync("第 2 段：含有疑似手机号或身份证号。简讯是公开的，请删去。");
        await Assertions.Expect(form.GetByLabel("正文（段落之间空一行）")).ToBeFocusedAsync();
        Assert.Equal("true", await portal.Locator("#c-paragraphs").GetAttributeAsync("aria-invalid"));
        await AxeAsync(portal, "the portal's piece form with an error (zh-CN)");
        await portal.ClickAsync("#language-switch");
        await Assertions.Expect(bodyError).ToHaveTextAsync("Paragraph 2: Looks like a phone or ID number. Bulletins are public; leave it out.");
        await AxeAsync(portal, "the portal's piece form with an error (en)");
        await portal.ClickAsync("#language-switch");

        await form.GetByLabel("正文（段落之间空一行）").FillAsync("夜里十点，检测点还排着长队，党员们轮流值守。\n\n她把队长让给年轻同志，自己当副队长，天天守在采样台旁。");
        await form.GetByRole(AriaRole.Button, new() { Name = "报送稿件" }).ClickAsync();
        await Assertions.Expect(portal.Locator("[data-testid=contribution-result]")).ToHaveTextAsync($"稿件《{title}》已报送，编辑将选用到简讯中。");
        await Assertions.Expect(bodyError).ToBeHiddenAsync();
        var sent = portal.Locator("[data-testid=contributions] li", new() { HasTextString = title });
        await Assertions.Expect(sent.Locator("[data-testid=contribution-status]")).ToHaveTextAsync("已报送");
        await Assertions.Expect(sent.GetByRole(AriaRole.Button, new() { Name = $"撤回稿件《{title}》" })).ToBeVisibleAsync();
        var contributionId = (await sent.GetAttributeAsync("data-id"))!;
        Assert.True(await portal.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the piece form must fit a phone's width");
        await AxeAsync(portal, "the portal's piece list (zh-CN)");
        await portal.ClickAsync("#language-switch");
        await Assertions.Expect(sent.Locator("[data-testid=contribution-status]")).ToHaveTextAsync("Sent");
        await AxeAsync(portal, "the portal's piece list (en)");

        // ---- the editor composes the period's draft, edits and reorders it, saves, approves ------------------
        var console = await EditorAsync();
        var drafts = console.Locator("#drafts");
        // Every series of the demo, the internal one too (the editor is a Coordinator).
        var seriesInSeeds = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(SiteFixture.RepoRootPath, "seeds", "bulletin-series.json")))
            .RootElement.GetProperty("Frontline").GetProperty("Bulletins").GetProperty("Series").GetArrayLength();
        await Assertions.Expect(drafts.Locator("#drafts-series option")).ToHaveCountAsync(seriesInSeeds);
        await drafts.GetByLabel("简讯系列").SelectOptionAsync("zhenggong");
        await console.FillAsync("#compose-from", Iso(first));
        await console.FillAsync("#compose-to", Iso(last));
        await drafts.GetByRole(AriaRole.Button, new() { Name = "生成草稿" }).ClickAsync();
        var editor = console.Locator("#draft-editor");
        await Assertions.Expect(editor.Locator("#editor-heading")).ToBeFocusedAsync();
        await Assertions.Expect(drafts.Locator($"li[data-period='{periodKey}']")).ToHaveCountAsync(1);

        // The composer put the piece in; take it out, add an opening section, add the piece back from the period's pieces.
        var piece = editor.Locator($"li[data-contribution-id='{contributionId}']");
        await Assertions.Expect(piece).ToHaveCountAsync(1);
        await Assertions.Expect(piece).ToContainTextAsync(Line);
        await piece.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^删除第 \\d+ 部分$") }).ClickAsync();
        await Assertions.Expect(piece).ToHaveCountAsync(0);
        await editor.GetByRole(AriaRole.Button, new() { Name = "添加空白部分" }).ClickAsync();
        var sections = editor.Locator("#editor-sections > li[data-section]");
        var opening = sections.Last;
        await Assertions.Expect(opening.GetByLabel(new Regex("小标题"))).ToBeFocusedAsync();
        await console.Keyboard.TypeAsync("当好守门员，做好人员管控。");
        await opening.GetByLabel(new Regex("正文")).FillAsync("党员志愿者每天提前到岗，查验健康码、测温、登记。");
        await editor.GetByLabel("本期报送的稿件").SelectOptionAsync(contributionId);
        await editor.GetByRole(AriaRole.Button, new() { Name = "加入稿件" }).ClickAsync();
        await Assertions.Expect(piece).ToHaveCountAsync(1);
        await Assertions.Expect(sections.Last).ToHaveAttributeAsync("data-contribution-id", contributionId);
        var count = await sections.CountAsync();

        // Move the piece up from the keyboard: the focus stays on its button as it moves.
        var up = piece.GetByRole(AriaRole.Button, new() { Name = $"上移第 {count} 部分" });
        await up.FocusAsync();
        await console.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sections.Nth(count - 2)).ToHaveAttributeAsync("data-contribution-id", contributionId);
        // At the top its up button is off, so the focus moves to its down button.
        var focused = count - 1 == 1 ? "下移第 1 部分" : $"上移第 {count - 1} 部分";
        await Assertions.Expect(piece.GetByRole(AriaRole.Button, new() { Name = focused })).ToBeFocusedAsync();
        await Assertions.Expect(editor.Locator("#editor-message")).ToHaveTextAsync($"已将第 {count} 部分移到第 {count - 1} 部分。");
        await piece.GetByLabel(new Regex("小标题")).FillAsync(title + "，当好组织员。");
        await editor.GetByLabel("标题（一句话说明工作，不超过 60 字）").FillAsync("发挥党员先锋作用 守好芙蓉花园检测点");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator("#editor-message")).ToContainTextAsync("的草稿已保存。");
        await Assertions.Expect(editor.Locator("#editor-status")).ToContainTextAsync("最近编辑：何晓波");
        await Assertions.Expect(piece).ToContainTextAsync(Line);
        Assert.True(await console.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await AxeAsync(console, "the console's draft editor (zh-CN)");

        // The editor in English, on a phone, for axe and the width.
        var english = await EditorAsync("en", width: 390);
        await english.Locator($"#drafts li[data-period='{periodKey}']").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Edit the draft for ") }).ClickAsync();
        await Assertions.Expect(english.Locator("#editor-headline")).ToHaveValueAsync("发挥党员先锋作用 守好芙蓉花园检测点");
        await Assertions.Expect(english.Locator("#draft-editor")).ToContainTextAsync("Sections of the body");
        Assert.True(await english.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the editor must fit a phone's width");
        await AxeAsync(english, "the console's draft editor (en)");

        await editor.GetByRole(AriaRole.Button, new() { Name = "审核通过", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator("#editor-status")).ToContainTextAsync("已审核（终审：何晓波）");

        // ---- the run publishes it ----------------------------------------------------------------------------
        await drafts.GetByRole(AriaRole.Button, new() { Name = "立即运行发布" }).ClickAsync();
        await Assertions.Expect(console.Locator("#drafts-message")).ToContainTextAsync("已发布：");
        await Assertions.Expect(drafts.Locator($"li[data-period='{periodKey}']")).ToHaveCountAsync(0);
        using var client = new HttpClient { BaseAddress = site.BaseAddress };
        var issue = (await client.GetFromJsonAsync<JsonElement>("/api/bulletins?series=zhenggong")).EnumerateArray()
            .First(b => b.GetProperty("headline").GetString() == "发挥党员先锋作用 守好芙蓉花园检测点");
        var (year, number, total) = (issue.GetProperty("year").GetInt32(), issue.GetProperty("number").GetInt32(), issue.GetProperty("totalNumber").GetInt32());

        // ---- the public page, in the editor's order (the piece moved above the opening section), with the 供稿 line --------------------------------------------------
        var reader = await site.NewPageAsync(width: 1280);
        await reader.GotoAsync("/bulletins.html?series=zhenggong");
        await reader.GetByRole(AriaRole.Link, new() { Name = $"四川省地方志办政工简讯{year}年第{number}期(总第{total}期)" }).ClickAsync();
        var body = reader.Locator("#bulletin-body");
        await Assertions.Expect(body.Locator("section h3")).ToContainTextAsync([title + "，当好组织员。", "当好守门员，做好人员管控。"]);
        var section = body.Locator("section", new() { HasTextString = title });
        await Assertions.Expect(section).ToContainTextAsync("她把队长让给年轻同志");
        await Assertions.Expect(section.Locator("p.contributed-by")).ToHaveTextAsync(Line);
        await Assertions.Expect(reader.Locator(".bulletin-meta")).ToContainTextAsync("终审：何晓波");
        await AxeAsync(reader, "the published bulletin (zh-CN)");
        await reader.ClickAsync("#language-switch");
        await Assertions.Expect(reader.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        await AxeAsync(reader, "the published bulletin (en)");
        await reader.ClickAsync("#language-switch");

        // ---- the print view: the red-header 简报 ------------------------------------------------------------
        await reader.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(reader.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(reader.Locator("#bulletin-masthead")).ToHaveTextAsync("四川省地方志办政工简讯");
        Assert.Equal("rgb(221, 0, 0)", await reader.Locator("#bulletin-masthead").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        await Assertions.Expect(reader.Locator("#bulletin-issue")).ToHaveTextAsync($"第{number}期(总第{total}期)");
        await Assertions.Expect(reader.Locator("#bulletin-issue")).ToBeVisibleAsync();
        await Assertions.Expect(reader.Locator(".issuer-line")).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator("p.contributed-by")).ToBeVisibleAsync();
        Assert.Equal("right", await section.Locator("p.contributed-by").EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));
        // Two characters of first-line indent: the indent is twice the font size.
        Assert.Equal(2.0, await section.Locator("p").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).textIndent) / parseFloat(getComputedStyle(e).fontSize)"), 2);
        await Assertions.Expect(reader.Locator("#bulletin-distribution")).ToContainTextAsync("（共印20份）");

        // ---- the Word document, from the page's own link ------------------------------------------------------
        await reader.EmulateMediaAsync(new() { Media = Media.Screen });
        var download = await reader.RunAndWaitForDownloadAsync(() => reader.GetByRole(AriaRole.Link, new() { Name = "下载 Word" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = (await download.PathAsync())!;
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("PK", Encoding.ASCII.GetString(bytes, 0, 2));
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry("word/document.xml");
        Assert.NotNull(entry);
        using var reader2 = new StreamReader(entry.Open(), Encoding.UTF8);
        var xml = await reader2.ReadToEndAsync();
        Assert.Contains(Line, xml, StringComparison.Ordinal);
        Assert.Contains("她把队长让给年轻同志", xml, StringComparison.Ordinal);

        // Used in a published bulletin, the piece can no longer be withdrawn.
        await portal.ReloadAsync();
        var used = portal.Locator("[data-testid=contributions] li", new() { HasTextString = title });
        await Assertions.Expect(used).ToHaveAttributeAsync("data-status", "used");
        await Assertions.Expect(used.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }
}
