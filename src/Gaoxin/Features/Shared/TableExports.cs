using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Net.Http.Headers;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Shared;

/// <summary>
/// Every table a page shows can be downloaded as CSV or Excel, exactly as the page shows it. The page is asked for again with
/// <c>?export=csv</c> or <c>?export=xlsx</c> and <c>&amp;table=N</c> added to its own address: it renders as usual — the same
/// filters, the same access rules, the same language — and the N-th numbered table of that rendering becomes the file.
/// The numbers and the links are put on every <c>&lt;table&gt;</c> by <see cref="TableExportTagHelper"/>.
/// </summary>
public static partial class TableExports
{
    /// <summary>The attribute a page's table is numbered with, the number its export links ask for.</summary>
    public const string TableAttribute = "data-export-table";

    private const string CounterKey = "Gaoxin.TableExports.Counter";

    /// <summary>The next table number of this response (1, 2, …).</summary>
    internal static int NextTable(HttpContext context)
    {
        var next = (context.Items[CounterKey] as int? ?? 0) + 1;
        context.Items[CounterKey] = next;
        return next;
    }

    /// <summary>The page's own address with <c>export</c> and <c>table</c> set (any earlier ones replaced).</summary>
    public static string Link(HttpRequest request, string format, int table)
    {
        var query = request.Query.Where(q => q.Key is not ("export" or "table"))
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")))
            .Append("export=" + format).Append("table=" + table.ToString(CultureInfo.InvariantCulture));
        return request.PathBase + request.Path + "?" + string.Join("&", query);
    }

    /// <summary>
    /// Answers a page GET with <c>export=csv|xlsx</c>: the page renders (into memory) after authorisation, and its chosen table
    /// is written as the file. Anything but a rendered page (a redirect to sign in, a refusal, an error page) passes through
    /// unchanged, so an export is refused exactly as its page is.
    /// </summary>
    public static IApplicationBuilder UseTableExports(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var format = context.Request.Query["export"].ToString();
        if (!HttpMethods.IsGet(context.Request.Method) || format is not ("csv" or "xlsx")
            || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null)
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try { await next(context); }
        finally { context.Response.Body = original; }

        if (context.Response.StatusCode != StatusCodes.Status200OK || context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var number = int.TryParse(context.Request.Query["table"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var document = new HtmlParser().ParseDocument(html);
        if (document.QuerySelector($"table[{TableAttribute}='{number}']") is not IHtmlTableElement table)
        {
            // No such table on this page: not found, as any other address the site does not have.
            var cookies = context.Response.Headers.SetCookie;
            context.Response.Clear();
            context.Response.Headers.SetCookie = cookies;
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var grid = Read(table);
        var title = PageTitle(document);
        var several = document.QuerySelectorAll($"table[{TableAttribute}]").Length > 1;
        var caption = several ? Caption(table) : null;
        var today = context.RequestServices.GetRequiredService<TimeProvider>().GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = FileName(caption is { Length: > 0 } ? $"{title}-{caption}" : title) + "-" + today;

        byte[] bytes;
        string contentType;
        if (format == "csv")
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv(grid.Rows))];
            contentType = "text/csv; charset=utf-8";
        }
        else
        {
            bytes = Workbook(grid, SheetName(title));
            contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = "gaoxin-table-" + number.ToString(CultureInfo.InvariantCulture) + "-" + today + "." + format,
            FileNameStar = name + "." + format,
        }.ToString();
        await original.WriteAsync(bytes, context.RequestAborted);
    });

    /// <summary>A table's cells, row by row, as the page shows them; the first <see cref="Grid.HeaderRows"/> rows are its header.</summary>
    public sealed record Grid(IReadOnlyList<IReadOnlyList<string>> Rows, int HeaderRows);

    /// <summary>
    /// The table's rows (header, bodies, footer, in the order the browser shows them; not those of tables inside it) as a
    /// rectangle: a cell spanning several columns or rows fills the first and leaves the others empty.
    /// </summary>
    public static Grid Read(IHtmlTableElement table)
    {
        var rows = new List<List<string?>>();
        var pending = new Dictionary<int, int>(); // column → rows it is still covered by a rowspan from above
        var header = 0;
        var inHeader = true;
        foreach (var tr in table.Rows)
        {
            var row = new List<string?>();
            var column = 0;
            void SkipCovered()
            {
                while (pending.TryGetValue(column, out var left) && left > 0)
                {
                    pending[column] = left - 1;
                    while (row.Count <= column) row.Add(null);
                    row[column] = "";
                    column++;
                }
            }
            foreach (var cell in tr.Cells)
            {
                SkipCovered();
                while (row.Count <= column) row.Add(null);
                row[column] = CellText(cell);
                var span = Math.Clamp(cell.ColumnSpan, 1, 1000);
                var down = Math.Clamp(cell.RowSpan, 1, 1000);
                for (var c = 0; c < span; c++)
                {
                    while (row.Count <= column + c) row.Add(null);
                    if (c > 0) row[column + c] = "";
                    if (down > 1) pending[column + c] = down - 1;
                }
                column += span;
            }
            SkipCovered();
            // Rowspans reaching past this row's last cell still cover their columns.
            foreach (var (c, left) in pending.Where(p => p.Key >= column && p.Value > 0).ToList())
            {
                pending[c] = left - 1;
                while (row.Count <= c) row.Add(null);
                row[c] = "";
            }
            rows.Add(row);
            var isHeader = tr.ParentElement is IHtmlTableSectionElement { LocalName: "thead" }
                || (tr.Cells.Length > 0 && tr.Cells.All(c => c.LocalName == "th") && tr.ParentElement?.LocalName != "tfoot");
            if (inHeader && isHeader) header++;
            else inHeader = false;
        }
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var rectangle = rows.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, width).Select(i => i < r.Count ? r[i] ?? "" : "").ToList()).ToList();
        return new Grid(rectangle, header);
    }

    /// <summary>
    /// What a cell shows, as one line: its text without what a reader does not see (elements <c>hidden</c>,
    /// <c>aria-hidden="true"</c> or <c>visually-hidden</c>, scripts and styles), links and buttons as their text, a form control
    /// as its value (a list as its chosen entry), line breaks and blocks as spaces, runs of white space as one.
    /// </summary>
    public static string CellText(IElement cell)
    {
        var text = new StringBuilder();
        foreach (var child in cell.ChildNodes) Append(child, text);
        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static readonly HashSet<string> Blocks = ["div", "p", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "details", "summary", "table", "tr", "td", "th", "caption", "figure", "figcaption", "form", "fieldset", "legend", "blockquote", "pre"];

    private static void Append(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText t:
                text.Append(t.Data);
                return;
            case IElement e:
                if (Hidden(e)) return;
                switch (e.LocalName)
                {
                    case "br": text.Append(' '); return;
                    case "select":
                        var chosen = ((IHtmlSelectElement)e).Options.FirstOrDefault(o => o.IsSelected) ?? ((IHtmlSelectElement)e).Options.FirstOrDefault();
                        if (chosen is not null) text.Append(' ').Append(chosen.Text).Append(' ');
                        return;
                    case "input":
                        var type = (e.GetAttribute("type") ?? "text").ToLowerInvariant();
                        if (type is not ("hidden" or "checkbox" or "radio" or "file" or "image" or "password"))
                            text.Append(' ').Append(e.GetAttribute("value") ?? "").Append(' ');
                        return;
                    case "textarea": text.Append(' ').Append(e.TextContent).Append(' '); return;
                }
                var block = Blocks.Contains(e.LocalName);
                if (block) text.Append(' ');
                foreach (var child in e.ChildNodes) Append(child, text);
                if (block) text.Append(' ');
                return;
        }
    }

    private static bool Hidden(IElement e) =>
        e.LocalName is "script" or "style" or "template" or "noscript"
        || e.HasAttribute("hidden")
        || string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
        || e.ClassList.Contains("visually-hidden");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The page's own title (the part of <c>&lt;title&gt;</c> before the site's name).</summary>
    private static string PageTitle(IDocument document)
    {
        var title = Whitespace().Replace(document.Title ?? "", " ").Trim();
        var cut = title.LastIndexOf(" · ", StringComparison.Ordinal);
        title = cut > 0 ? title[..cut].Trim() : title;
        return title.Length > 0 ? title : T("表格", "Table");
    }

    private static string? Caption(IHtmlTableElement table) =>
        table.Caption is { } caption ? CellText(caption) : table.GetAttribute("aria-label");

    private static string FileName(string text)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '<', '>', '|', ':', '*', '?', '\\', '/']).ToHashSet();
        var name = new string(text.Select(c => invalid.Contains(c) || char.IsControl(c) ? '-' : c).ToArray()).Trim();
        return name.Length > 80 ? name[..80].Trim() : name;
    }

    /// <summary>An Excel sheet name: at most 31 characters, none of <c>[ ] : * ? / \</c>.</summary>
    private static string SheetName(string title)
    {
        var name = new string(title.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '-' : c).ToArray());
        name = (name.Length > 31 ? name[..31] : name).Trim('\'', ' ');
        return name.Length > 0 ? name : "Sheet1";
    }

    /// <summary>
    /// The cell as a number when it is one as written — digits with an optional sign, thousands separators and decimals, no
    /// leading zero (a code such as 0012 stays text) and no more digits than a spreadsheet keeps (15).
    /// </summary>
    public static bool TryNumber(string text, out double value)
    {
        value = 0;
        if (!NumberPattern().IsMatch(text)) return false;
        var plain = text.Replace(",", "", StringComparison.Ordinal).Replace('−', '-');
        if (plain.Count(char.IsAsciiDigit) > 15) return false;
        return double.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[-+−]?(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d*)(\.\d+)?$")]
    private static partial Regex NumberPattern();

    /// <summary>A percentage as written (<c>-12.5%</c>), as the fraction a spreadsheet holds (-0.125).</summary>
    public static bool TryPercent(string text, out double value)
    {
        value = 0;
        if (text.Length < 2 || text[^1] != '%' || !TryNumber(text[..^1], out var percent)) return false;
        value = percent / 100;
        return true;
    }

    /// <summary>A cell as the file holds it: a number as written; text that a spreadsheet would run as a formula behind an apostrophe.</summary>
    public static string FileText(string cell) => TryNumber(cell, out _) || TryPercent(cell, out _) ? cell : Gaoxin.Data.Collection.CellText.Neutralize(cell);

    /// <summary>RFC 4180: CRLF line ends; a field with a comma, a quote, a line break or outer spaces quoted, quotes doubled.</summary>
    public static string Csv(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(c =>
            {
                var field = FileText(c);
                return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '))
                    ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
            }));
            text.Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>One sheet: numbers (and percentages) as numbers, the header rows bold and frozen, columns as wide as their text.</summary>
    public static byte[] Workbook(Grid grid, string sheetName)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(sheetName);
        for (var r = 0; r < grid.Rows.Count; r++)
            for (var c = 0; c < grid.Rows[r].Count; c++)
            {
                var text = grid.Rows[r][c];
                if (text.Length == 0) continue;
                var cell = sheet.Cell(r + 1, c + 1);
                var percent = TryPercent(text, out var fraction);
                if (percent || TryNumber(text, out fraction))
                {
                    cell.SetValue(fraction);
                    var digits = percent ? text[..^1] : text;
                    var decimals = digits.Contains('.', StringComparison.Ordinal) ? digits.Length - digits.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                    // Shown as on the page: the same decimals, thousands separators and percent sign.
                    var format = (digits.Contains(',', StringComparison.Ordinal) ? "#,##0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : "") + (percent ? "%" : "");
                    cell.Style.NumberFormat.Format = digits.StartsWith('+') ? $"+{format};-{format};{format}" : format;
                }
                else cell.SetValue(FileText(text));
            }
        if (grid.HeaderRows > 0 && grid.Rows.Count > 0 && grid.Rows[0].Count > 0)
        {
            sheet.Range(1, 1, grid.HeaderRows, grid.Rows[0].Count).Style.Font.Bold = true;
            sheet.SheetView.FreezeRows(grid.HeaderRows);
        }
        // Widths from the text itself (a Chinese character counts two), not from font measurement, which needs a graphics library.
        for (var c = 0; c < (grid.Rows.Count == 0 ? 0 : grid.Rows[0].Count); c++)
            sheet.Column(c + 1).Width = Math.Clamp(grid.Rows.Take(500).Max(r => r[c].Sum(ch => ch > 0x2E7F ? 2 : 1)) + 2, 8, 60);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }
}

/// <summary>
/// Numbers every <c>&lt;table&gt;</c> of a page and puts “导出 CSV / 导出 Excel” links after it, named after the table's caption
/// so that each page's links are told apart. A table opts out with <c>export="off"</c> (a layout table, or a form's
/// fields); a page answering a form post shows none, since the posted form is not kept for a link to fetch again.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class TableExportTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    /// <summary><c>off</c>: the table is not data (layout, a form's fields) and gets no number and no links.</summary>
    [HtmlAttributeName("export")] public string? Export { get; set; }

    /// <summary>What the links name the table by where its caption alone repeats on the page (e.g. the section and the caption).</summary>
    [HtmlAttributeName("export-name")] public string? ExportName { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        if (string.Equals(Export, "off", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(http.Request.Method)) return;
        var number = TableExports.NextTable(http);
        output.Attributes.SetAttribute(TableExports.TableAttribute, number.ToString(CultureInfo.InvariantCulture));

        var content = await output.GetChildContentAsync();
        var name = ExportName is { Length: > 0 } given ? given : CaptionPattern().Match(content.GetContent()) is { Success: true } m
            ? WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(m.Groups[1].Value, " "), " ").Trim()) : "";
        if (name.Length == 0 && context.AllAttributes.TryGetAttribute("aria-label", out var label)) name = label.Value?.ToString() ?? "";
        // A table named by a heading: the links are named by their own text and that heading.
        var labelledBy = name.Length == 0 && context.AllAttributes.TryGetAttribute("aria-labelledby", out var by) ? by.Value?.ToString() : null;
        if (name.Length == 0 && labelledBy is null) name = T($"第 {number} 个表格", $"table {number}");
        // Links of two tables are never named alike: a repeated name gets the table's number.
        if (http.Items[NamesKey] is not HashSet<string> names) http.Items[NamesKey] = names = [];
        if (labelledBy is null && !names.Add(name)) name += T($"(第 {number} 个表格)", $" (table {number})");

        var csv = T("导出 CSV", "Export CSV");
        var excel = T("导出 Excel", "Export Excel");
        var colon = T("：", ": ");
        var links = new StringBuilder("<p class=\"table-exports no-print\">");
        foreach (var (format, text) in new[] { ("csv", csv), ("xlsx", excel) })
        {
            var id = $"table-{number}-{format}";
            links.Append("<a href=\"").Append(HtmlEncoder(TableExports.Link(http.Request, format, number)))
                .Append("\" id=\"").Append(id).Append("\" data-export=\"").Append(format).Append("\" download ")
                .Append(labelledBy is null ? $"aria-label=\"{HtmlEncoder(text + colon + name)}\"" : $"aria-labelledby=\"{id} {HtmlEncoder(labelledBy)}\"")
                .Append('>').Append(HtmlEncoder(text)).Append("</a>");
            if (format == "csv") links.Append(' ');
        }
        links.Append("</p>");
        output.PostElement.AppendHtml(links.ToString());
    }

    private const string NamesKey = "Gaoxin.TableExports.Names";

    private static string HtmlEncoder(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"<caption\b[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
