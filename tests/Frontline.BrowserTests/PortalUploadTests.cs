using System.Text;
using Frontline.Exports;
using Frontline.Spreadsheets;
using Microsoft.Playwright;

namespace Frontline.BrowserTests;

/// <summary>
/// 上传表格 in the unit portal: the template downloaded from the page, filled in as an office would (a GBK CSV from
/// Chinese Excel or WPS, an .xlsx), uploaded through the file input, and every row's answer on screen. Each test
/// reports for a unit no other browser test uses.
/// </summary>
[Collection(nameof(SiteCollection))]
public sealed class PortalUploadTests(SiteFixture site)
{
    private static async Task<byte[]> DownloadAsync(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static async Task UploadAsync(IPage page, string name, string mimeType, byte[] bytes)
    {
        var upload = page.Locator("#upload");
        await upload.GetByLabel("表格文件（.xlsx 或 .csv）").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = bytes });
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传并报送" }).ClickAsync();
    }

    [Fact]
    public async Task A_GBK_csv_filled_in_from_the_csv_template_is_answered_row_by_row_on_screen()
    {
        var page = await site.ReporterPageAsync("nj-jiyao", "王磊");

        // The template: UTF-8 with a BOM, the unit's two sites in the order of the forms, Chinese headers.
        var template = await DownloadAsync(page, "下载模板（CSV）");
        Assert.Equal([0xEF, 0xBB, 0xBF], template[..3]);
        var lines = Encoding.UTF8.GetString(template[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // The columns are the indicators the two sites' types report (a community's and a testing point's), 名称（单位）.
        Assert.StartsWith("点位编号,点位名称,在岗人数（人）,其中党员（人）,协助核酸检测（人次）,", lines[0], StringComparison.Ordinal);
        var header = lines[0].Split(',');
        Assert.Contains("入户走访（户）", header);
        Assert.Contains("采样轮次（轮）", header);
        Assert.DoesNotContain("查验车辆（辆）", header);
        Assert.Equal("工作亮点", header[^1]);
        Assert.Equal(["nj-sanpailou,三牌楼社区", "nj-sanpailou-testing,三牌楼社区核酸检测点"], lines[1..].Select(line => string.Join(",", line.Split(',')[..2])));

        // Filled in and saved as Chinese Excel saves "CSV": GB18030/GBK, no BOM; each row only the columns of its
        // site's type. The second row has more party members than people on duty.
        string Row(params (string Column, string Value)[] cells) =>
            string.Join(",", header.Select(column => cells.FirstOrDefault(cell => cell.Column == column).Value ?? ""));
        var filled = string.Join("\r\n", lines[0],
            Row(("点位编号", "nj-sanpailou"), ("点位名称", "三牌楼社区"), ("在岗人数（人）", "4"), ("其中党员（人）", "2"), ("协助核酸检测（人次）", "0"),
                ("核查人员（人次）", "60"), ("配送物资（份）", "10"), ("入户走访（户）", "25"), ("值守时长（小时）", "32.5"), ("工作亮点", "入户排查独居老人")),
            Row(("点位编号", "nj-sanpailou-testing"), ("点位名称", "三牌楼社区核酸检测点"), ("在岗人数（人）", "2"), ("其中党员（人）", "5"),
                ("协助核酸检测（人次）", "300"), ("配送物资（份）", "0"), ("采样轮次（轮）", "3"))) + "\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await UploadAsync(page, "三牌楼填报.csv", "text/csv", Encoding.GetEncoding(54936).GetBytes(filled));

        var rows = page.Locator("[data-testid=upload-results] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("三牌楼社区");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("已保存（第 1 版）。");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("三牌楼社区核酸检测点");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("其中党员（人）：不能多于在岗人数（2）。");
        await Assertions.Expect(page.Locator("[data-testid=upload-status]")).ToHaveTextAsync("共 2 行：1 行已报送，1 行未通过。");

        // The saved row reached the site's card, its Chinese intact, and left the missing list.
        var card = page.Locator("#site-nj-sanpailou");
        await Assertions.Expect(card.GetByLabel("工作亮点（选填，可用于简讯）")).ToHaveValueAsync("入户排查独居老人");
        await Assertions.Expect(card.GetByLabel("值守时长（小时）")).ToHaveValueAsync("32.5");
        await Assertions.Expect(page.Locator("[data-testid=missing] li")).ToHaveTextAsync(["三牌楼社区核酸检测点"]);
    }

    [Fact]
    public async Task An_xlsx_filled_in_from_the_xlsx_template_is_answered_row_by_row_on_screen()
    {
        var page = await site.ReporterPageAsync("xa-chengguan", "李娜");

        var (cells, problem) = Xlsx.Read(await DownloadAsync(page, "下载模板（Excel）"), 100);
        Assert.Null(problem);
        Assert.Equal(["点位编号", "点位名称"], cells![0][..2]);
        Assert.Equal("xa-testing-beilin", Assert.Single(cells.Skip(1))[0]);

        // The template's row filled in, and a row for a site the unit does not serve.
        var sheet = new Sheet("填报", cells[0],
        [
            [.. cells[1][..2], 8, 3, 420, 35, 0, 6, 0, "夜间加班采样"],
            ["xa-compounds-beilin", "碑林区封控小区", 1, 1, 1, 1, 1, 1, 1, null],
        ]);
        await UploadAsync(page, "城管局填报.xlsx", Xlsx.MediaType, sheet.ToXlsx());

        var rows = page.Locator("[data-testid=upload-results] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("已保存（第 1 版）。");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("本单位不负责这个点位，无法填报。");
        await Assertions.Expect(page.Locator("[data-testid=upload-status]")).ToHaveTextAsync("共 2 行：1 行已报送，1 行未通过。");
        await Assertions.Expect(page.Locator("#site-xa-testing-beilin").GetByLabel("协助核酸检测（人次）")).ToHaveValueAsync("420");

        // The answers follow the language switch.
        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.Locator("[data-testid=upload-status]")).ToHaveTextAsync("2 rows: 1 reported, 1 refused.");
        await page.ClickAsync("#language-switch");

        // A file that is not a workbook is refused as a whole and said so, nothing in the table.
        await UploadAsync(page, "不是表格.xlsx", Xlsx.MediaType, Encoding.UTF8.GetBytes("点位编号,在岗人数\nxa-testing-beilin,1\n"));
        await Assertions.Expect(page.Locator("[data-testid=upload-status]")).ToContainTextAsync("表格未被接受：");
        await Assertions.Expect(page.Locator("[data-testid=upload-results]")).ToBeHiddenAsync();
    }
}
