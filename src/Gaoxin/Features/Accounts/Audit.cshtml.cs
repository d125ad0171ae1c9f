using System.Text;
using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Gaoxin.Data.Collection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Accounts;

/// <summary>
/// /admin/audit: the office reads the whole audit log — filtered by who, what, zone and days, newest first, a page at a
/// time — and downloads exactly the filtered rows as CSV (UTF-8 with a byte-order mark, so that Excel reads Chinese).
/// </summary>
public sealed class AuditModel(GaoxinDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true, Name = "what")] public string? What { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = new([], 0, 1, AuditLog.PageSize);
    public List<string> Actions { get; private set; } = [];
    public List<string> ZoneCodes { get; private set; } = [];

    public AuditFilter Filter => new(Trim(Who), Trim(What), Trim(Zone), From, To);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await AuditLog.PageAsync(db, Filter, PageNumber, ct);
        Actions = await AuditLog.ActionsAsync(db, ct);
        ZoneCodes = await Gaoxin.Features.Zones.ZoneChoices.CodesAsync(db, ct);
        ZoneNames = await Gaoxin.Data.Zones.ZoneRegistry.NamesAsync(db, z => T(z.Name, z.NameEn), ct);
        ZoneNames.TryAdd("liaoning", T("全省", "Province"));
        var set = await DataSetStore.GetAsync(db, ct);
        ElementNames = set.Elements.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => T(g.First().Name, g.First().NameEn));
    }

    /// <summary>Each data element's name in the chosen language, by code (an audit row of a figure names its element by code).</summary>
    public Dictionary<string, string> ElementNames { get; private set; } = [];

    /// <summary>Each zone's name in the chosen language, by code (the province's code stays as it is).</summary>
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    /// <summary>The filtered rows as CSV: a header, then one line per row, newest first.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { T("时间", "Time"), T("操作人", "Who"), T("操作", "What"), T("操作代码", "Action code"), T("方式", "Via"), T("高新区", "Zone"),
                T("年度", "Year"), T("对象", "Subject"), T("原值", "Old value"), T("新值", "New value"), T("说明", "Comment"), T("批次", "Batch") },
        };
        await foreach (var a in AuditLog.AllAsync(db, Filter, ct))
            rows.Add(Row(a));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(OpenCsv.Write(rows))).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "gaoxin-audit.csv");
    }

    /// <summary>The link to another page (or the CSV) of the same filter.</summary>
    public string Link(int? page = null, bool csv = false)
    {
        var query = new List<string>();
        if (csv) query.Add("handler=Csv");
        void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value.Trim())}"); }
        Add("who", Who);
        Add("what", What);
        Add("zone", Zone);
        Add("from", From?.ToString("yyyy-MM-dd"));
        Add("to", To?.ToString("yyyy-MM-dd"));
        if (page is > 1) query.Add($"p={page}");
        return "/admin/audit" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private static object?[] Row(AuditRecord a) =>
    [
        AccountText.Moment(a.At), a.Actor, AccountText.Action(a.Action), a.Action, a.Via, a.UnitCode, a.Year == 0 ? null : a.Year, a.ElementCode,
        a.OldValue, a.NewValue, AccountText.Comment(a.Action, a.Comment), a.BatchId,
    ];

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
