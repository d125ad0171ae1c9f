using System.Text.Json;
using System.Text.RegularExpressions;
using Gaoxin.E2E.Support;
using Gaoxin.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Gaoxin.E2E;

/// <summary>
/// The province map of the home and monitoring pages drawn by ECharts from the boundary file this server serves, charts saved
/// as PNG images, and the bulletin and reports printed to A4 without the site's navigation.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class MapsChartsPrintJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string DocumentNumber = "辽科发〔2020〕7号";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly SqliteTestStore _store = new();
    private RunningServer _server = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var db = ((ITestStore)_store).DbArgument;
        Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", db)).ExitCode);
        var run = await CliRun.RunAsync("evaluate", "--year", "2019", "--db", db);
        var id = Regex.Match(run.Output, @"Run (\d+) recorded").Groups[1].Value;
        Assert.Equal(0, (await CliRun.RunAsync("evaluate", "publish", id, "--document-number", DocumentNumber, "--db", db)).ExitCode);
        _server = await RunningServer.StartAsync(((ITestStore)_store).Location);
        _page = await browser.NewPageAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.Context.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>What the map's ECharts instance holds: the map it draws, the province's cities, and every point with its coordinates.</summary>
    private sealed record MapState(string Map, int Cities, string[] Names, int Paths, string Text, int VisualMaps, Point[] Points, string[] Outside);

    private sealed record Point(string Code, double Lon, double Lat);

    private async Task<MapState> MapStateAsync(string id)
    {
        await Expect(_page.Locator($"#{id}[data-rendered=true]")).ToHaveCountAsync(1);
        var json = await _page.EvaluateAsync<string>(@"id => {
            const chart = echarts.getInstanceByDom(document.getElementById(id));
            const option = chart.getOption();
            const map = echarts.getMap(option.geo[0].map);
            return JSON.stringify({
                map: option.geo[0].map,
                cities: (map.geoJSON || map.geoJson).features.length,
                names: (map.geoJSON || map.geoJson).features.map(f => f.properties.name),
                paths: document.querySelectorAll('#' + id + ' svg path').length,
                text: Array.from(document.querySelectorAll('#' + id + ' svg text')).map(t => t.textContent).join(' '),
                visualMaps: (option.visualMap || []).length,
                outside: option.series.filter(s => s.coordinateSystem === 'geo').flatMap(s => s.data).filter(d => {
                    const [x, y] = chart.convertToPixel({ geoIndex: 0 }, [d.value[0], d.value[1]]);
                    return !(x >= 0 && y >= 0 && x <= chart.getWidth() && y <= chart.getHeight());
                }).map(d => d.code),
                points: option.series.filter(s => s.coordinateSystem === 'geo').flatMap(s => s.data.map(d => ({ code: d.code, lon: d.value[0], lat: d.value[1] })))
            });
        }", id);
        return JsonSerializer.Deserialize<MapState>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>The table beside a map: each zone's code and coordinates as its row carries them.</summary>
    private async Task<Point[]> TableAsync(string tableId)
    {
        var rows = _page.Locator($"#{tableId} tbody tr");
        var points = new List<Point>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            points.Add(new Point((await row.GetAttributeAsync("data-zone"))!,
                double.Parse((await row.GetAttributeAsync("data-lon"))!, System.Globalization.CultureInfo.InvariantCulture),
                double.Parse((await row.GetAttributeAsync("data-lat"))!, System.Globalization.CultureInfo.InvariantCulture)));
        }
        return [.. points];
    }

    [Fact]
    public async Task The_home_and_monitoring_maps_draw_the_cities_with_every_zone_of_the_table_at_its_point()
    {
        const string test = nameof(The_home_and_monitoring_maps_draw_the_cities_with_every_zone_of_the_table_at_its_point);

        await _page.GotoAsync("/");
        var home = await MapStateAsync("home-map");
        var homeTable = await TableAsync("home-map-table");
        Assert.Equal("province", home.Map);
        Assert.Equal(14, home.Cities); // Liaoning's prefecture-level cities
        Assert.True(home.Paths >= 14, $"{home.Paths} paths drawn");
        Assert.Equal(["丹东市", "大连市", "抚顺市", "朝阳市", "本溪市", "沈阳市", "盘锦市", "营口市", "葫芦岛市", "辽阳市", "铁岭市", "锦州市", "阜新市", "鞍山市"],
            home.Names.Order(StringComparer.Ordinal));
        Assert.Contains("绥中", home.Text); // the zones' names beside their points
        Assert.Equal(1, home.VisualMaps); // coloured by the key figure
        Assert.Equal(15, homeTable.Length);
        Assert.Equal(homeTable.OrderBy(p => p.Code), home.Points.OrderBy(p => p.Code));
        Assert.Empty(home.Outside); // the whole province fits the chart: no zone drawn off its edge
        await Expect(_page.Locator("#map-schematic")).ToContainTextAsync("示意图");
        await browser.ScreenshotAsync(_page, $"{test}-1-home");

        await _page.GotoAsync("/monitoring?year=2020");
        var monitoring = await MapStateAsync("zone-map");
        var monitoringTable = await TableAsync("zone-list");
        Assert.Equal("province", monitoring.Map);
        Assert.Equal(14, monitoring.Cities);
        Assert.Equal(1, monitoring.VisualMaps);
        Assert.Equal(15, monitoringTable.Length);
        Assert.Equal(monitoringTable.OrderBy(p => p.Code), monitoring.Points.OrderBy(p => p.Code));
        Assert.Empty(monitoring.Outside);
        // Another indicator is another colouring of the same points.
        var measure = await _page.Locator("#map-measure option:not([selected])").First.GetAttributeAsync("value");
        await _page.Locator("#map-measure").SelectOptionAsync(measure!);
        await Expect(_page).ToHaveURLAsync(new Regex("measure=" + Regex.Escape(measure!)));
        Assert.Equal(15, (await MapStateAsync("zone-map")).Points.Length);
        await _page.Locator("#zone-map-figure").ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, $"{test}-2-monitoring-map.png") });

        // In English the zones and cities are named in English.
        await _page.GotoAsync("/lang/en?returnUrl=%2F");
        var english = await MapStateAsync("home-map");
        Assert.Contains("Suizhong", english.Text);
        Assert.Equal("Huludao", await _page.EvaluateAsync<string>("() => echarts.getInstanceByDom(document.getElementById('home-map')).getOption().geo[0].nameMap['葫芦岛市']"));
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english.Text);
        await Expect(_page.Locator("#home-map-table tbody tr[data-zone=shenyang] td").First).ToHaveTextAsync("Shenyang");
    }

    [Fact]
    public async Task A_chart_is_saved_as_a_png_from_the_button_under_it()
    {
        foreach (var (url, chart) in new[] { ("/", "home-map"), ("/monitoring/targets/rd_intensity?year=2020", "trajectory") })
        {
            await _page.GotoAsync(url);
            await Expect(_page.Locator($"#{chart}[data-rendered=true]")).ToHaveCountAsync(1);
            // Every chart but the tiles' small lines has one, named in the page's language.
            var charts = await _page.Locator(".chart[data-rendered=true]:not([data-chart=sparkline])").CountAsync();
            await Expect(_page.Locator("button.chart-save")).ToHaveCountAsync(charts);
            var button = _page.Locator($"#{chart} ~ button.chart-save").First;
            await Expect(button).ToHaveTextAsync("保存为图片");
            Assert.StartsWith("保存为图片", await button.GetAttributeAsync("aria-label"));

            var download = await _page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
            var path = await download.PathAsync();
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal($"{chart}.png", download.SuggestedFilename);
            Assert.True(bytes.Length > 2000, $"{bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..8]);
        }

        await _page.GotoAsync("/lang/en?returnUrl=%2F");
        await Expect(_page.Locator("#home-map ~ button.chart-save").First).ToHaveTextAsync("Save as PNG");
    }

    [Fact]
    public async Task The_bulletin_and_the_reports_print_on_A4_with_their_title_and_without_the_sites_navigation()
    {
        await _page.GotoAsync("/evaluation/2019/bulletin");
        await Expect(_page.Locator("#doc-number")).ToHaveTextAsync(DocumentNumber);
        await Expect(_page.Locator(".chart[data-rendered=true]")).ToHaveCountAsync(await _page.Locator(".chart").CountAsync());
        var bulletin = await PrintAsync(new PagePdfOptions { Format = "A4" });
        Assert.Contains(Squeeze("关于 2019 年度全省高新区综合评价考核结果的通报"), bulletin);
        Assert.Contains(Squeeze(DocumentNumber), bulletin);
        Assert.DoesNotContain("保存为图片", bulletin);

        await _page.GotoAsync("/monitoring/report/2020");
        var report = await PrintAsync(new PagePdfOptions { Format = "A4" });
        Assert.Contains(Squeeze("2020 年度实施情况评估"), report);

        // A page of the site prints on A4 by its own style (no format asked for), without the header, menu or footer.
        await _page.GotoAsync("/monitoring?year=2020");
        await Expect(_page.Locator("#zone-map[data-rendered=true]")).ToHaveCountAsync(1);
        var page = await PrintAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.Contains(Squeeze("2020 年规划目标监测"), page);
        foreach (var navigation in new[] { "菜单", "开放数据", "技术市场", "English", "登录", "搜索", "保存为图片", "辽宁省高新技术产业开发区发展规划实施平台" })
            Assert.DoesNotContain(navigation, page);
    }

    /// <summary>Prints the page to PDF; every page must be A4 (210 × 297 mm: 595 × 842 points, to the point Chromium rounds to). Returns the text of all pages, squeezed.</summary>
    private async Task<string> PrintAsync(PagePdfOptions options)
    {
        var pdf = await _page.PdfAsync(options);
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 0);
        var text = new System.Text.StringBuilder();
        foreach (var page in document.GetPages())
        {
            var (width, height) = (page.MediaBox.Bounds.Width, page.MediaBox.Bounds.Height);
            Assert.True(Math.Abs(width - 595.3) < 1.5 && Math.Abs(height - 841.9) < 1.5, $"page of {width} × {height} points, not A4");
            text.Append(page.Text);
        }
        return Squeeze(text.ToString());
    }

    /// <summary>The text without spaces, in compatibility form: the fonts' maps give some characters as their radicals (⾼ for 高).</summary>
    private static string Squeeze(string text) => Regex.Replace(text.Normalize(System.Text.NormalizationForm.FormKC), @"\s+", "");
}
