using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Frontline.DailyCounts;
using Frontline.Sites;
using Frontline.Spreadsheets;
using Frontline.Tests.Infrastructure;

namespace Frontline.Tests.DailyCounts;

/// <summary>
/// Spreadsheets as offices send them: CSV in GBK or UTF-8 (with or without a BOM), .xlsx from Excel or WPS, and the
/// unit's own template downloaded and sent back; every row is answered as for a CSV.
/// </summary>
public sealed class SpreadsheetImportTests : IAsyncLifetime
{
    private const string Header = "siteId,onDuty,partyMembers,tested,peopleChecked,vehiclesChecked,suppliesDelivered,householdsVisited,highlight";

    private readonly CountsApp _app = new();
    private HttpClient _reporterA = null!;
    private HttpClient _coordinator = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _reporterA = _app.CreateClient(await _app.TokenAsync(["Reporter"], "unit-a"));
        _coordinator = _app.CreateClient(await _app.TokenAsync(["Coordinator"]));
    }

    public async Task DisposeAsync()
    {
        _reporterA.Dispose();
        _coordinator.Dispose();
        await _app.DisposeAsync();
    }

    private static byte[] Gbk(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936).GetBytes(text);
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private async Task<List<BatchRowResult>> PostBatchAsync(byte[] bytes, string contentType)
    {
        var response = await _reporterA.PostAsync($"/api/units/unit-a/counts/{CountsApp.Day()}", Body(bytes, contentType));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<BatchRowResult>>())!;
    }

    private async Task<Submission> LatestAsync(string site)
    {
        var history = await _app.Get<DailyCountStore>().HistoryAsync(CountsApp.Today, site, "unit-a", CancellationToken.None);
        return history[^1];
    }

    private async Task<string?> HighlightAsync(string site) => (await LatestAsync(site)).Highlight;

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/csv; charset=gbk")]
    [InlineData("text/csv; charset=GB2312")]
    [InlineData("text/csv; charset=gb18030")]
    public async Task A_GBK_csv_is_read_as_Chinese_whether_declared_or_detected(string contentType)
    {
        var csv = Header + "\r\nsite-1,3,2,100,10,0,5,5,好人好事：协助老人做核酸\r\nsite-2,2,5,100,10,0,5,5,\r\n";

        var rows = await PostBatchAsync(Gbk(csv), contentType);

        Assert.Equal([200, 400], rows.Select(row => row.Status));
        Assert.Contains("partyMembers", rows[1].Errors!.Keys);
        Assert.Equal("好人好事：协助老人做核酸", await HighlightAsync("site-1"));
    }

    [Theory]
    [InlineData(true, "text/csv")]
    [InlineData(false, "text/csv; charset=utf-8")]
    [InlineData(true, "text/csv; charset=utf-8")]
    public async Task A_UTF8_csv_with_or_without_a_BOM_is_read_as_it_was(bool bom, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\nsite-1,3,2,100,10,0,5,5,党员先锋岗\n");

        var rows = await PostBatchAsync(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes, contentType);

        Assert.Equal(200, Assert.Single(rows).Status);
        Assert.Equal("党员先锋岗", await HighlightAsync("site-1"));
    }

    [Fact]
    public async Task The_units_template_lists_its_open_sites_in_the_forms_order_and_comes_back_as_an_import()
    {
        var response = await _reporterA.GetAsync("/api/units/unit-a/counts-template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var (cells, problem) = Xlsx.Read(await response.Content.ReadAsByteArrayAsync(), 100);
        Assert.Null(problem);
        // The indicators of a compound's and a testing point's lists, in the form's order, under 名称（单位） headers.
        Assert.Equal(["点位编号", "点位名称", "在岗人数（人）", "其中党员（人）", "协助核酸检测（人次）", "核查人员（人次）", "查验车辆（辆）", "配送物资（份）", "入户走访（户）",
            "采样轮次（轮）", "补做核酸（人次）", "发放出入证（份）", "代买代取（次）", "消杀轮次（轮）", "值守时长（小时）", "工作亮点"], cells![0]);
        // 锦东 (jin) before 三牌楼 (san), as the portal sorts; the closed site is not there.
        Assert.Equal(["site-1", "site-2"], cells.Skip(1).Select(row => row[0]));
        Assert.Equal("锦东庭园小区", cells[1][1]);

        // Filled in as a reporter would: the figures after the site's id and name, blank where a site does not report
        // one (a testing point has no households), hours to a half.
        List<IReadOnlyList<string>> filled =
        [
            cells[0],
            [.. cells[1][..2], "3", "2", "100", "10", "0", "5", "5", "", "", "12", "4", "1", "12.5", "模板报送"],
            [.. cells[2][..2], "1", "1", "1", "", "", "1", "", "2", "30", "", "", "", "8", ""],
        ];
        var rows = await PostBatchAsync(Workbooks.Of(filled), Xlsx.MediaType);

        Assert.Equal([200, 200], rows.Select(row => row.Status));
        Assert.Equal(["site-1", "site-2"], rows.Select(row => row.SiteId));
        Assert.Equal("模板报送", await HighlightAsync("site-1"));
    }

    [Fact]
    public async Task The_csv_template_is_UTF8_with_a_BOM_and_Chinese_headers_and_reads_back()
    {
        var response = await _coordinator.GetAsync($"/api/units/unit-a/counts-template.csv?day={CountsApp.Day()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("点位编号,点位名称,在岗人数（人）,其中党员（人）,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["site-1,锦东庭园小区" + new string(',', 14), "site-2,三牌楼社区核酸检测点" + new string(',', 14)], lines[1..]);
    }

    [Fact]
    public async Task A_template_for_an_unknown_unit_is_404_and_a_bad_day_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _coordinator.GetAsync("/api/units/no-such-unit/counts-template.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _coordinator.GetAsync("/api/units/unit-a/counts-template.csv?day=2022-02-30")).StatusCode);
    }

    [Fact]
    public async Task An_xlsx_formula_is_read_as_its_cached_value_and_shared_and_rich_strings_as_their_text()
    {
        var sheetData = "<sheetData>" +
            "<row r=\"1\">" + string.Concat(Header.Split(',').Select((_, i) => $"<c r=\"{Frontline.Exports.Sheet.Column(i)}1\" t=\"s\"><v>{i}</v></c>")) + "</row>" +
            "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>9</v></c><c r=\"B2\"><f>1+2</f><v>3</v></c><c r=\"C2\"><v>2</v></c><c r=\"D2\"><v>100</v></c>" +
            "<c r=\"E2\"><v>10</v></c><c r=\"F2\"><v>0</v></c><c r=\"G2\"><v>5</v></c><c r=\"H2\"><v>5</v></c><c r=\"I2\" t=\"s\"><v>10</v></c></row></sheetData>";
        var strings = string.Concat(Header.Split(',').Select(name => $"<si><t>{name}</t></si>")) +
            "<si><t>site-1</t></si><si><r><t>好人</t></r><r><rPr><b/></rPr><t>好事</t></r><rPh sb=\"0\" eb=\"1\"><t>ハオ</t></rPh></si>";

        var rows = await PostBatchAsync(Workbooks.Build(sheetData, sharedStrings: strings), Xlsx.MediaType);

        Assert.Equal(200, Assert.Single(rows).Status);
        var stored = await LatestAsync("site-1");
        Assert.Equal(3, stored.Figures.OnDuty);
        Assert.Equal("好人好事", stored.Highlight);
    }

    [Fact]
    public void A_zip_that_lies_about_its_sizes_is_stopped_by_the_bytes_actually_inflated()
    {
        var bomb = Workbooks.Bomb(20);
        // Every declared uncompressed size (local headers and central directory) set to 1 KiB.
        using (var zip = new ZipArchive(new MemoryStream(bomb), ZipArchiveMode.Read))
        {
            Assert.True(zip.GetEntry("xl/worksheets/sheet1.xml")!.Length > Xlsx.MaxUncompressedBytes);
        }

        for (var i = 0; i + 30 < bomb.Length; i++)
        {
            if (bomb[i] == 0x50 && bomb[i + 1] == 0x4B && bomb[i + 2] == 0x03 && bomb[i + 3] == 0x04)
            {
                BitConverter.TryWriteBytes(bomb.AsSpan(i + 22, 4), 1024);
            }
            else if (bomb[i] == 0x50 && bomb[i + 1] == 0x4B && bomb[i + 2] == 0x01 && bomb[i + 3] == 0x02)
            {
                BitConverter.TryWriteBytes(bomb.AsSpan(i + 24, 4), 1024);
            }
        }

        var (rows, problem) = Xlsx.Read(bomb, 500);

        Assert.Null(rows);
        Assert.NotNull(problem);
    }

    [Fact]
    public async Task Dates_typed_as_dates_in_Excel_or_WPS_are_read_as_days()
    {
        // A site open from 2022-09-07 (serial 44811, a built-in date style) to 2022-12-31 (44926, 2022年12月31日).
        var header = CatalogImport.SitesHeader.Split(',');
        var sheetData = Workbooks.SheetData([header, ["site-dated", "将军大道检测点", "testing-point", "", "", "将军山社区", "", "", "4", ""]])
            .Replace("</row></sheetData>", "<c r=\"K2\" s=\"1\"><v>44811</v></c><c r=\"L2\" s=\"2\"><v>44926</v></c></row></sheetData>", StringComparison.Ordinal);
        var styles = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>""");

        var response = await _coordinator.PostAsync("/api/sites/import", Body(Workbooks.Build(sheetData, extraParts: [("xl/styles.xml", styles)]), Xlsx.MediaType));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var site = (await _app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true)).Sites["site-dated"];
        Assert.Equal(new DateOnly(2022, 9, 7), site.OpenFrom);
        Assert.Equal(new DateOnly(2022, 12, 31), site.OpenTo);
    }

    [Fact]
    public async Task Catalog_imports_take_an_xlsx_and_a_GBK_csv()
    {
        var units = Workbooks.Of([CatalogImport.UnitsHeader.Split(','), ["unit-x", "江宁区卫健委", "", "", "", "site-1"]]);
        var sites = Gbk(CatalogImport.SitesHeader + "\r\nsite-x,将军大道检测点,testing-point,江宁区,,将军山社区,,,4,,,\r\n");

        var unitResponse = await _coordinator.PostAsync("/api/units/import", Body(units, Xlsx.MediaType));
        var siteResponse = await _coordinator.PostAsync("/api/sites/import", Body(sites, "text/csv"));

        Assert.True(unitResponse.IsSuccessStatusCode, await unitResponse.Content.ReadAsStringAsync());
        Assert.True(siteResponse.IsSuccessStatusCode, await siteResponse.Content.ReadAsStringAsync());
        var catalog = await _app.Get<CatalogCache>().GetCatalogAsync(CancellationToken.None, fresh: true);
        Assert.Equal("江宁区卫健委", catalog.Units["unit-x"].Name);
        Assert.Equal("将军大道检测点", catalog.Sites["site-x"].Name);
    }
}
