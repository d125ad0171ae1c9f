using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ClosedXML.Excel;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Shared;
using Gaoxin.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gaoxin.Tests;

/// <summary>
/// Every table a page shows downloads as CSV and as Excel, holding exactly what the page shows: over every page of the site
/// (the list is checked against the server's page routes), rendered as the office with the demo data, each table has both
/// links, named apart from the other tables' links; the CSV's rows are the table's cells as the page renders them (read from
/// the HTML here, on their own), the workbook's cells are the CSV's (numbers as numbers), a filtered page exports only its
/// filtered rows, and an export is refused to whoever the page refuses, in the same way.
/// </summary>
public sealed partial class TableExportSpec(TableExportSpec.Site site, ITestOutputHelper output) : IClassFixture<TableExportSpec.Site>
{
    private const string Password = "correct-horse-battery";
    private const string Office = "office@example.org";
    private const string Expert = "expert@example.org";
    private const string Operator = "shenyang@example.org";

    /// <summary>One page to check: its route as the server declares it, the address to open, who opens it and what it answers.</summary>
    public sealed record PageRow(string Route, Func<Site, string> Path, string Who = Office, HttpStatusCode Status = HttpStatusCode.OK);

    private static PageRow P(string route, string path, string who = Office, HttpStatusCode status = HttpStatusCode.OK) => new(route, _ => path, who, status);

    /// <summary>Every page route of the site, at an address that shows its tables.</summary>
    public static readonly PageRow[] Pages =
    [
        P("/", "/"),
        P("/zones", "/zones"),
        P("/zones/{code}", "/zones/shenyang"),
        P("/zones/compare", "/zones/compare?codes=shenyang,dalian,benxi"),
        P("/plans/{id?}", "/plans"),
        P("/investment", "/investment"),
        new("/investment/{id:int}", s => s.Investment),
        P("/site-selection", "/site-selection?industry=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF&needs=talent,finance"),
        P("/policies", "/policies"),
        new("/policies/{id}", s => s.Policy),
        P("/news", "/news"),
        new("/news/{id:long}", s => s.News),
        P("/search", "/search?q=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF"),
        P("/open-data", "/open-data"),
        P("/market", "/market"),
        P("/market/{side:regex(^(demands|achievements)$)}", "/market/demands"),
        new("/market/{side:regex(^(demands|achievements)$)}/{id:int}", s => s.Demand),
        P("/market/institutions", "/market/institutions"),
        P("/market/report", "/market/report?year=2019"),
        P("/registries", "/registries"),
        P("/registries/clusters", "/registries/clusters"),
        P("/registries/{type}", "/registries/cluster"),
        new("/registries/items/{id}", s => s.RegistryItem),
        P("/enterprises/self-assessment", "/enterprises/self-assessment?example=true"),
        P("/enterprises/tech-sme", "/enterprises/tech-sme"),
        P("/monitoring", "/monitoring?year=2019"),
        P("/monitoring/report/{year:int}", "/monitoring/report/2019"),
        P("/monitoring/targets/{id}", "/monitoring/targets/rd_intensity"),
        P("/monitoring/zones/{code}", "/monitoring/zones/shenyang"),
        P("/monitoring/tasks", "/monitoring/tasks"),
        P("/monitoring/targets/{id}/decompose", "/monitoring/targets/rd_intensity/decompose"),
        P("/monitoring/reports/{year:int}", "/monitoring/reports/2019"),
        P("/monitoring/reports/self-assessments/{year:int}", "/monitoring/reports/self-assessments/2019"),
        P("/evaluation", "/evaluation"),
        P("/evaluation/models", "/evaluation/models"),
        P("/evaluation/{year:int}/{zone}", "/evaluation/2019/shenyang"),
        P("/evaluation/{year:int}/bulletin", "/evaluation/2019/bulletin"),
        P("/data", "/data"),
        P("/zones/{code}/data/{year:int}", "/zones/shenyang/data/2019"),
        P("/zones/report/{year:int}", "/zones/report/2019?zone=shenyang"),
        P("/zones/{code}/contact", "/zones/shenyang/contact"),
        P("/enterprises", "/enterprises"),
        new("/enterprises/{creditCode}", s => "/enterprises/" + s.CreditCode),
        P("/enterprises/gazelles", "/enterprises/gazelles?year=2024"),
        P("/enterprises/pool", "/enterprises/pool"),
        P("/investment/manage", "/investment/manage"),
        P("/policies/manage", "/policies/manage"),
        new("/policies/manage/{id}", s => s.Policy.Replace("/policies/", "/policies/manage/", StringComparison.Ordinal)),
        P("/news/manage", "/news/manage"),
        new("/news/manage/{id:long}", s => s.News.Replace("/news/", "/news/manage/", StringComparison.Ordinal)),
        P("/market/manage", "/market/manage"),
        new("/market/manage/{side:regex(^(demands|achievements)$)}/{id:int}", s => s.Demand.Replace("/market/", "/market/manage/", StringComparison.Ordinal)),
        P("/market/deals", "/market/deals"),
        P("/cases", "/cases?year=2019"),
        new("/cases/{id:long}", s => s.Case),
        P("/applications", "/applications"),
        new("/applications/{id:long}", s => s.Application),
        P("/applications/panels", "/applications/panels"),
        P("/experts", "/experts", Expert),
        P("/notifications", "/notifications"),
        P("/calendar", "/calendar"),
        P("/account/login", "/account/login", ""),
        P("/account/logout", "/account/logout", "", HttpStatusCode.Redirect),
        P("/account/denied", "/account/denied", Office, HttpStatusCode.Forbidden),
        P("/error/{status:int}", "/error/404", Office, HttpStatusCode.NotFound),
        P("/account/password", "/account/password"),
        P("/account/tokens", "/account/tokens"),
        P("/admin/users", "/admin/users"),
        P("/admin/audit", "/admin/audit"),
        new("/imports/{id}", s => s.ImportJob),
    ];

    [Fact]
    public void Every_page_route_of_the_server_is_in_the_list_of_pages_whose_tables_are_checked()
    {
        var routes = site.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .ToHashSet(StringComparer.Ordinal);
        var listed = Pages.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);
        Assert.True(routes.Count > 50, $"only {routes.Count} page routes found");
        var missing = routes.Except(listed).Order().ToList();
        var extra = listed.Except(routes).Order().ToList();
        Assert.True(missing.Count == 0, "Pages whose tables are not checked (add a row to TableExportSpec.Pages):\n" + string.Join("\n", missing));
        Assert.True(extra.Count == 0, "Rows for pages the server does not have:\n" + string.Join("\n", extra));
    }

    [Fact]
    public async Task Every_table_of_every_page_has_both_links_and_downloads_as_CSV_and_Excel_holding_exactly_its_cells()
    {
        var failures = new List<string>();
        var tables = 0;
        foreach (var row in Pages)
        {
            var path = row.Path(site);
            var session = await site.SessionAsync(row.Who);
            var page = await session.GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != row.Status) { failures.Add($"{path}: answered {(int)page.StatusCode}, expected {(int)row.Status}"); continue; }
            // Whatever the page answers, its export answers the same when it is not a page of tables.
            if (row.Status != HttpStatusCode.OK)
            {
                var export = await session.GetAsync(path + (path.Contains('?') ? "&" : "?") + "export=csv&table=1");
                if (export.StatusCode != row.Status) failures.Add($"{path}: its export answered {(int)export.StatusCode}, the page {(int)row.Status}");
                continue;
            }
            var document = new HtmlParser().ParseDocument(html);
            var names = new Dictionary<string, string>();
            foreach (var table in document.QuerySelectorAll("table").Cast<IHtmlTableElement>())
            {
                if (table.GetAttribute(TableExports.TableAttribute) is not { } number)
                {
                    // Only a form's own fields opt out: the data-entry and self-assessment forms' input tables.
                    if (!(table.ClassList.Contains("entry") && table.Closest("form") is not null))
                        failures.Add($"{path}: table {Describe(table)} has no export links");
                    continue;
                }
                tables++;
                var links = table.NextElementSibling is { } next && next.ClassList.Contains("table-exports") ? next : null;
                var csvLink = links?.QuerySelector("a[data-export=csv]");
                var xlsxLink = links?.QuerySelector("a[data-export=xlsx]");
                if (csvLink is null || xlsxLink is null) { failures.Add($"{path}: table {Describe(table)} lacks a CSV or Excel link"); continue; }
                foreach (var link in new[] { csvLink, xlsxLink })
                {
                    var name = AccessibleName(document, link);
                    if (!name.StartsWith(link.TextContent.Trim(), StringComparison.Ordinal)) failures.Add($"{path}: link '{name}' does not start with its text '{link.TextContent}'");
                    if (names.TryGetValue(name, out var other)) failures.Add($"{path}: two links named '{name}' ({other} and table {number})");
                    names[name] = "table " + number;
                }
                var expected = Cells(table);
                var csvAddress = WebUtility.HtmlDecode(csvLink.GetAttribute("href")!);
                Assert.Contains("export=csv", csvAddress);
                var csv = await session.GetAsync(csvAddress);
                if (csv.StatusCode != HttpStatusCode.OK || csv.Content.Headers.ContentType?.MediaType != "text/csv")
                {
                    failures.Add($"{path}: {csvAddress} answered {(int)csv.StatusCode} {csv.Content.Headers.ContentType}");
                    continue;
                }
                var bytes = await csv.Content.ReadAsByteArrayAsync();
                Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), $"{csvAddress} has no byte-order mark");
                Assert.EndsWith(".csv", csv.Content.Headers.ContentDisposition?.FileNameStar);
                var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
                var shown = rows.Select(r => r.Select(CellText.Restore).ToList()).ToList();
                if (!Same(expected, shown))
                {
                    failures.Add($"{path}: table {Describe(table)} exports\n    {Show(shown)}\n  but shows\n    {Show(expected)}");
                    continue;
                }
                foreach (var field in rows.SelectMany(r => r).Where(f => f.Length > 0 && f[0] is '=' or '+' or '-' or '@' && !Numeric(f)))
                    failures.Add($"{path}: the CSV cell '{field}' would run as a formula");

                var xlsxAddress = WebUtility.HtmlDecode(xlsxLink.GetAttribute("href")!);
                var xlsx = await session.GetAsync(xlsxAddress);
                if (xlsx.StatusCode != HttpStatusCode.OK) { failures.Add($"{path}: {xlsxAddress} answered {(int)xlsx.StatusCode}"); continue; }
                Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
                using var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
                failures.AddRange(CompareWorkbook(workbook, rows, table.Head?.Rows.Length ?? 0, document.Title ?? "").Select(f => $"{path} table {number}: {f}"));
            }
        }
        output.WriteLine($"{tables} tables on {Pages.Length} pages");
        Assert.True(tables > 60, $"only {tables} tables exported");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_links_read_in_the_page_language_and_the_export_is_in_it_too()
    {
        var session = await site.SessionAsync(Office);
        foreach (var (language, csvText, excelText, header) in new[] { ("en", "Export CSV", "Export Excel", "Time"), ("zh-CN", "导出 CSV", "导出 Excel", "时间") })
        {
            var html = await session.GetStringAsync($"/admin/audit?lang={language}");
            var links = new HtmlParser().ParseDocument(html).QuerySelector("#audit + .table-exports")!;
            Assert.Equal([csvText, excelText], links.QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
            var csv = await session.GetAsync($"/admin/audit?lang={language}&export=csv&table=1");
            var rows = ParseCsv((await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
            Assert.Equal(header, rows[0][0]);
        }
    }

    [Fact]
    public async Task A_filtered_page_exports_only_its_filtered_rows()
    {
        var session = await site.SessionAsync(Office);
        // The audit log filtered to sign-ins: every row is a sign-in, and there are fewer than unfiltered.
        var all = await CsvAsync(session, "/admin/audit?export=csv&table=1");
        var signIns = await CsvAsync(session, "/admin/audit?what=sign_in&export=csv&table=1");
        var page = new HtmlParser().ParseDocument(await session.GetStringAsync("/admin/audit?what=sign_in"));
        var what = Array.IndexOf(signIns[0].ToArray(), "操作");
        Assert.True(what >= 0);
        Assert.Equal(page.QuerySelectorAll("#audit tbody tr").Length, signIns.Count - 1);
        Assert.True(signIns.Count > 1 && signIns.Count < all.Count, $"{signIns.Count} sign-in rows of {all.Count}");
        Assert.All(signIns.Skip(1), r => Assert.Equal(signIns[1][what], r[what]));
        Assert.DoesNotContain(signIns.Skip(1), r => all.Skip(1).Where(a => a[what] != signIns[1][what]).Any(a => a.SequenceEqual(r)));

        // A registry filtered to one zone: only that zone's items (and those of every zone), fewer than all zones'.
        var everyZone = await CsvAsync(session, "/registries/cluster?export=csv&table=1");
        var shenyang = await CsvAsync(session, "/registries/cluster?zone=shenyang&export=csv&table=1");
        var zone = Array.IndexOf(shenyang[0].ToArray(), "高新区");
        Assert.True(zone >= 0);
        Assert.True(shenyang.Count > 1 && shenyang.Count < everyZone.Count, $"{shenyang.Count} Shenyang rows of {everyZone.Count}");
        Assert.All(shenyang.Skip(1), r => Assert.True(r[zone].Contains("沈阳", StringComparison.Ordinal) || r[zone] == "各高新区", r[zone]));
        Assert.Contains(everyZone.Skip(1), r => !r[zone].Contains("沈阳", StringComparison.Ordinal) && r[zone] != "各高新区");

        // The workbook of the filtered page has the same rows.
        var workbook = await session.GetAsync("/registries/cluster?zone=shenyang&export=xlsx&table=1");
        using var book = new XLWorkbook(new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()));
        Assert.Equal(shenyang.Count, book.Worksheet(1).LastRowUsed().RowNumber());
    }

    [Fact]
    public async Task An_export_is_refused_to_whoever_the_page_refuses_and_in_the_same_way()
    {
        using var anonymous = new PageSession(site.Server.Address);
        var zoneOperator = await site.SessionAsync(Operator);
        foreach (var (session, path) in new[] { (anonymous, "/admin/audit"), (anonymous, "/enterprises"), (anonymous, "/admin/users"), (zoneOperator, "/admin/audit"), (zoneOperator, "/admin/users") })
        {
            var page = await session.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
            foreach (var format in new[] { "csv", "xlsx" })
            {
                var export = await session.GetAsync($"{path}?export={format}&table=1");
                Assert.Equal(page.StatusCode, export.StatusCode);
                Assert.Equal(page.Headers.Location?.AbsolutePath(), export.Headers.Location?.AbsolutePath());
                Assert.NotEqual("text/csv", export.Content.Headers.ContentType?.MediaType);
                Assert.Null(export.Content.Headers.ContentDisposition);
            }
        }
        // A table the page does not have is not found.
        var office = await site.SessionAsync(Office);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/admin/audit?export=csv&table=99")).StatusCode);
    }

    [Fact]
    public void Cells_read_as_shown_spans_leave_their_other_places_empty_and_hidden_helper_text_is_left_out()
    {
        var table = (IHtmlTableElement)new HtmlParser().ParseDocument("""
            <table><thead><tr><th colspan="2">区域</th><th>数值<span class="visually-hidden">(亿元)</span></th></tr></thead>
            <tbody><tr><td rowspan="2"><a href="/zones/a">沈阳</a></td><td>甲<br>乙</td><td>1,234.5</td></tr>
            <tr><td><select><option>一</option><option selected>二</option></select></td><td><span aria-hidden="true">★</span><button>批准</button><input type="hidden" value="x"></td></tr>
            <tr><td>=1+1</td><td>-12</td><td><table><tr><td>里</td></tr></table></td></tr>
            <tr><td>-2.50%</td><td>0012</td><td>91210100MA0000001X</td></tr></tbody></table>
            """).QuerySelector("table")!;
        var grid = TableExports.Read(table);
        Assert.Equal(1, grid.HeaderRows);
        Assert.Equal([["区域", "", "数值"], ["沈阳", "甲 乙", "1,234.5"], ["", "二", "批准"], ["=1+1", "-12", "里"], ["-2.50%", "0012", "91210100MA0000001X"]], grid.Rows.Select(r => r.ToList()).ToList());
        Assert.Equal("区域,,数值\r\n沈阳,甲 乙,\"1,234.5\"\r\n,二,批准\r\n'=1+1,-12,里\r\n-2.50%,0012,91210100MA0000001X\r\n", TableExports.Csv(grid.Rows));
        using var book = new XLWorkbook(new MemoryStream(TableExports.Workbook(grid, "表")));
        var sheet = book.Worksheet(1);
        Assert.Equal(1234.5, sheet.Cell(2, 3).GetDouble());
        Assert.Equal(-12, sheet.Cell(4, 2).GetDouble());
        Assert.Equal("'=1+1", sheet.Cell(4, 1).GetString());
        Assert.Equal(-0.025, sheet.Cell(5, 1).GetDouble(), 12);
        Assert.Equal("0.00%", sheet.Cell(5, 1).Style.NumberFormat.Format);
        Assert.Equal("#,##0.0", sheet.Cell(2, 3).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Text, sheet.Cell(5, 2).DataType);
        Assert.Equal("0012", sheet.Cell(5, 2).GetString());
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
    }

    private static async Task<List<List<string>>> CsvAsync(PageSession session, string path)
    {
        var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ParseCsv((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }

    /// <summary>The workbook's one sheet holds the CSV's cells: numbers as numbers of the same value, text as the same text.</summary>
    private static IEnumerable<string> CompareWorkbook(XLWorkbook workbook, List<List<string>> rows, int headerRows, string title)
    {
        if (workbook.Worksheets.Count != 1) { yield return $"{workbook.Worksheets.Count} sheets"; yield break; }
        var sheet = workbook.Worksheet(1);
        // The page's own title (before the site's name after the last " · "), shortened to Excel's 31 characters, [ ] : * ? / \ as "-".
        var cut = title.LastIndexOf(" · ", StringComparison.Ordinal);
        var pageTitle = Regex.Replace((cut > 0 ? title[..cut] : title).Trim(), @"[\[\]:*?/\\]", "-");
        if (sheet.Name != pageTitle[..Math.Min(31, pageTitle.Length)].Trim()) yield return $"sheet '{sheet.Name}' for the page '{pageTitle}'";
        if ((sheet.LastRowUsed()?.RowNumber() ?? 0) > rows.Count) yield return $"{sheet.LastRowUsed()!.RowNumber()} rows for {rows.Count}";
        if (headerRows > 0 && (sheet.SheetView.SplitRow != headerRows || !sheet.Cell(1, 1).Style.Font.Bold)) yield return "the header is not frozen and bold";
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Count; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                var text = rows[r][c];
                if (Numeric(text))
                {
                    var percent = text.EndsWith('%');
                    var value = double.Parse(text.TrimEnd('%').Replace(",", "", StringComparison.Ordinal).Replace('−', '-'), CultureInfo.InvariantCulture) / (percent ? 100 : 1);
                    if (cell.DataType != XLDataType.Number) yield return $"'{text}' at {cell.Address} is not a number";
                    else if (Math.Abs(cell.GetDouble() - value) > 1e-9) yield return $"{cell.Address} holds {cell.GetDouble()} for '{text}'";
                    else if (!ShownAlike(cell.Style.NumberFormat.Format, text))
                        yield return $"{cell.Address} is formatted '{cell.Style.NumberFormat.Format}' for '{text}'";
                }
                else if (cell.GetString() != text) yield return $"{cell.Address} holds '{cell.GetString()}' for '{text}'";
            }
    }

    /// <summary>
    /// Does a number format show the figure as the page wrote it: thousands separators when the page has them, as many decimals,
    /// a percent sign for a percentage (the first section of the format is the one of positive numbers)?
    /// </summary>
    private static bool ShownAlike(string format, string text)
    {
        var first = format.Split(';')[0];
        var digits = text.TrimEnd('%');
        var decimals = digits.Contains('.') ? digits.Length - digits.IndexOf('.') - 1 : 0;
        var formatDecimals = first.Contains('.') ? first.TrimEnd('%').Length - first.IndexOf('.') - 1 : 0;
        return first.Contains("#,##") == digits.Contains(',') && decimals == formatDecimals && first.EndsWith('%') == text.EndsWith('%');
    }

    /// <summary>A figure as a spreadsheet takes it: signed digits, optional thousands separators and decimals, no leading zero; or a percentage.</summary>
    private static bool Numeric(string text) =>
        Regex.IsMatch(text, @"^[-+−]?(0|[1-9][0-9]{0,2}(,[0-9]{3})+|[1-9][0-9]*)(\.[0-9]+)?%?$") && text.Count(char.IsAsciiDigit) <= 15;

    /// <summary>
    /// The table's cells as a reader sees them, worked out here on their own: a copy of each cell without what is not shown
    /// (hidden, aria-hidden, visually-hidden, scripts, hidden inputs), lists as their chosen entry, inputs as their value, line
    /// breaks and blocks as spaces; the text with runs of white space made one. Rows are padded to the widest.
    /// </summary>
    private static List<List<string>> Cells(IHtmlTableElement table)
    {
        var rows = new List<List<string>>();
        foreach (var tr in table.Rows)
        {
            var row = new List<string>();
            foreach (var cell in tr.Cells)
            {
                var copy = (IElement)cell.Clone(deep: true);
                foreach (var gone in copy.QuerySelectorAll("[hidden], [aria-hidden=true], .visually-hidden, script, style, template, noscript, input[type=hidden], input[type=checkbox], input[type=radio], input[type=file], input[type=password]").ToList())
                    gone.Remove();
                foreach (var list in copy.QuerySelectorAll("select").Cast<IHtmlSelectElement>().ToList())
                    list.Replace(copy.Owner!.CreateTextNode(" " + (list.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? list.Options.FirstOrDefault())?.Text + " "));
                foreach (var input in copy.QuerySelectorAll("input").ToList())
                    input.Replace(copy.Owner!.CreateTextNode(" " + input.GetAttribute("value") + " "));
                foreach (var element in copy.QuerySelectorAll("br, div, p, li, ul, ol, dl, dt, dd, blockquote, details, summary, table, tr, td, th, h1, h2, h3, h4, h5, h6, section, form, fieldset, legend, figure, figcaption, pre, caption, article, textarea").ToList())
                {
                    element.Before(copy.Owner!.CreateTextNode(" "));
                    element.After(copy.Owner!.CreateTextNode(" "));
                }
                row.Add(string.Join(' ', copy.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            }
            rows.Add(row);
        }
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        foreach (var row in rows) while (row.Count < width) row.Add("");
        return rows;
    }

    /// <summary>RFC 4180, read here on its own: quoted fields may hold commas, doubled quotes and line breaks; lines end in CRLF.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
            else field.Append(c);
        }
        Assert.True(field.Length == 0 && row.Count == 0, "the CSV does not end with CRLF");
        return rows;
    }

    private static bool Same(List<List<string>> a, List<List<string>> b) => a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));

    private static string Show(List<List<string>> rows) => string.Join("\n    ", rows.Take(6).Select(r => string.Join(" | ", r))) + (rows.Count > 6 ? $"\n    … {rows.Count} rows" : "");

    private static string Describe(IElement table) => table.Id is { Length: > 0 } id ? "#" + id : "." + string.Join('.', table.ClassList);

    /// <summary>A link's name as assistive technology reads it: aria-labelledby's elements, else aria-label, else its text.</summary>
    private static string AccessibleName(IDocument document, IElement link)
    {
        if (link.GetAttribute("aria-labelledby") is { } ids)
            return string.Join(' ', ids.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => document.GetElementById(id)?.TextContent.Trim() ?? ""));
        return link.GetAttribute("aria-label") ?? link.TextContent.Trim();
    }

    /// <summary>The demo data, a published 2019 evaluation, enterprises' returns, an application and a panel; the accounts; one server.</summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly SqliteTestStore _store = new();
        private readonly Dictionary<string, PageSession> _sessions = [];

        public RunningServer Server { get; private set; } = null!;
        public string Investment { get; private set; } = "";
        public string Policy { get; private set; } = "";
        public string News { get; private set; } = "";
        public string Demand { get; private set; } = "";
        public string RegistryItem { get; private set; } = "";
        public string Case { get; private set; } = "";
        public string Application { get; private set; } = "";
        public string ImportJob { get; private set; } = "";
        public string CreditCode { get; } = Code("91210100MA0000001");

        private static string Code(string first17) => first17 + Gaoxin.Core.Enterprises.CreditCode.CheckCharacter(first17);

        public async Task InitializeAsync()
        {
            var store = (ITestStore)_store;
            Assert.Equal(0, (await CliRun.RunAsync("demo", "seed", "--db", store.DbArgument)).ExitCode);
            foreach (var (email, role, zone) in new[] { (Office, "admin", (string?)null), (Operator, "zone_operator", "shenyang"), (Expert, "expert", null) })
            {
                var result = await CliRun.RunAsync(["users", "add", "--email", email, "--role", role, "--password", Password, .. zone is null ? Array.Empty<string>() : ["--zone", zone], "--db", store.DbArgument]);
                Assert.True(result.ExitCode == 0, result.Error);
            }
            Server = await RunningServer.StartAsync(store.Location);
            using var office = await Server.TokenClientAsync(store, Office);

            var run = await office.PostAsJsonAsync("/api/evaluations", new { year = 2019 });
            Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
            var runId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            Assert.True((await office.PostAsync($"/api/evaluations/runs/{runId}/publish", null)).IsSuccessStatusCode);

            var steady = Code("91210100MA0000002");
            var returns = new StringBuilder("credit_code,name,zone,year,registered_on,industry,is_hte,revenue,employees,st_employees,rd_expense,st_expense,high_tech_revenue,net_assets,exports,vc_received,valuation_usd_m,listed\n");
            foreach (var (year, revenue) in new[] { (2022, "20000"), (2023, "38000"), (2024, "60000") })
            {
                returns.Append($"{CreditCode},沈阳瞪羚科技有限公司,shenyang,{year},2021-03-15,软件和信息技术服务业,1,{revenue},300,120,1800,1800,15000,9000,0,0,,0\n");
                returns.Append($"{steady},沈阳稳健机械有限公司,shenyang,{year},1998-06-01,通用设备制造业,0,30000,800,60,300,300,0,20000,500,0,,0\n");
            }
            using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(returns.ToString())), "file", "returns.csv" } })
                Assert.True((await office.PostAsync("/api/enterprises/import", form)).IsSuccessStatusCode);
            using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(returns.ToString())), "file", "returns.csv" } })
            {
                var started = await office.PostAsync("/api/imports/enterprise-returns", form);
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
                ImportJob = "/imports/" + (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetRawText().Trim('"');
            }
            var application = await office.PostAsJsonAsync("/api/applications", new { kind = "new_provincial", zone = "pagecheck", year = 2019, applicant = "示例县人民政府", name = "示例高新区", nameEn = "Example zone", city = "大连市" });
            Assert.True(application.IsSuccessStatusCode, await application.Content.ReadAsStringAsync());
            Application = "/applications/" + (await application.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var panel = await office.PostAsJsonAsync("/api/panels", new { item = "midterm_review", subject = "中期评估", zone = "dalian", year = 2019, members = new[] { Expert } });
            Assert.True(panel.IsSuccessStatusCode, await panel.Content.ReadAsStringAsync());

            var cases = await office.GetFromJsonAsync<JsonElement>("/api/cases?year=2019");
            var firstCase = (cases.ValueKind == JsonValueKind.Array ? cases : cases.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value).EnumerateArray().First();
            Case = "/cases/" + firstCase.GetProperty("id").GetInt64();
            Investment = await FirstLinkAsync(office, "/investment", @"/investment/\d+");
            Policy = await FirstLinkAsync(office, "/policies", @"/policies/(?!manage)[^""?#/]+");
            News = await FirstLinkAsync(office, "/news", @"/news/\d+");
            Demand = await FirstLinkAsync(office, "/market/demands", @"/market/demands/\d+");
            RegistryItem = await FirstLinkAsync(office, "/registries/cluster", @"/registries/items/[^""?#]+");
        }

        private static async Task<string> FirstLinkAsync(HttpClient client, string list, string pattern)
        {
            var match = Regex.Match(await client.GetStringAsync(list), $"href=\"({pattern})\"");
            Assert.True(match.Success, $"{list} links to nothing like {pattern}");
            return match.Groups[1].Value;
        }

        /// <summary>A signed-in browser-like session of <paramref name="email"/> (a visitor's for ""), made on first use.</summary>
        public async Task<PageSession> SessionAsync(string email)
        {
            if (_sessions.TryGetValue(email, out var session)) return session;
            session = new PageSession(Server.Address);
            if (email.Length > 0) Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, Password)).StatusCode);
            _sessions[email] = session;
            return session;
        }

        public async Task DisposeAsync()
        {
            foreach (var session in _sessions.Values) session.Dispose();
            if (Server is not null) await Server.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}

internal static class UriPaths
{
    /// <summary>The path of a redirect's target, absolute or relative.</summary>
    public static string AbsolutePath(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}
