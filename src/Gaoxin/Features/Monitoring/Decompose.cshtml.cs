using System.Globalization;
using Gaoxin.Core.Plans;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Plans;
using Gaoxin.Features.Accounts;
using Gaoxin.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring/targets/{id}/decompose: the office names who answers for a target and splits it over the zones.</summary>
public sealed class DecomposeModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public Target Target { get; private set; } = null!;
    public TargetDecompositionView View { get; private set; } = null!;
    public Dictionary<string, string> ElementNames { get; private set; } = [];
    public string? Notice { get; private set; }

    [BindProperty] public string? ResponsibleUnit { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Units { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Contacts { get; set; } = [];

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        Plan = (await PlanStore.GetAsync(db, PlanCommands.DefaultPlanId, ct))!;
        if (Plan.Targets.FirstOrDefault(t => t.Id == id) is not { } target) return false;
        Target = target;
        View = (await PlanTrackingStore.DecompositionsAsync(db, Plan, ct)).Single(v => v.TargetId == id);
        ElementNames = (await DataSetStore.GetAsync(db, ct)).Elements.Where(e => !e.ProvinceLevel && e.Group is null)
            .ToDictionary(e => e.Code, e => Shared.Text.T(e.Name, e.NameEn));
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        var office = User.Caller();
        if (!await LoadAsync(id, ct)) return NotFound();
        var zones = new Dictionary<string, (decimal, string?, string?)>();
        foreach (var zone in Plan.Zones)
        {
            var text = Values.GetValueOrDefault(zone.Code)?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                Notice = Shared.Text.T($"{zone.Name} 的目标值“{text}”不是非负数,未保存。", $"The value '{text}' for {zone.NameEn} is not a non-negative number; nothing saved.");
                return Page();
            }
            zones[zone.Code] = (value, Units.GetValueOrDefault(zone.Code), Contacts.GetValueOrDefault(zone.Code));
        }
        await PlanTrackingStore.SetOwnerAsync(db, Plan.Id, id, ResponsibleUnit, Contact, office.Name, clock, ct);
        await PlanTrackingStore.SetZoneTargetsAsync(db, Plan.Id, id, zones, office.Name, clock, ct);
        TempData["notice"] = Shared.Text.T("已保存。", "Saved.");
        return RedirectToPage(new { id });
    }

    /// <summary>Fills the zone targets in proportion to an element's approved figures of a year (not saved until the office saves).</summary>
    public async Task<IActionResult> OnPostProportionalAsync(string id, string element, int year, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var approved = (await ReportStore.ApprovedValuesAsync(db, year, ct)).Where(v => v.Value.Element == element).ToDictionary(v => v.Value.Unit, v => v.Value.Value);
        var basis = Plan.Zones.ToDictionary(z => z.Code, z => approved.TryGetValue(z.Code, out var v) ? v : (decimal?)null);
        var decimals = Target.Unit is "家" or "个" or "人" or "项" or "只" ? 0 : 2;
        if (PlanTrackingStore.Proportional(Target.Goal.Value, basis, decimals) is not { } split)
        {
            Notice = Shared.Text.T($"{year} 年并非每个高新区都有已批准的“{ElementNames.GetValueOrDefault(element, element)}”数据,无法按比例分解。",
                $"Not every zone has an approved '{element}' figure for {year}; cannot split proportionally.");
            return Page();
        }
        Values = split.ToDictionary(s => s.Key, s => (string?)Shared.Json.Normalize(s.Value).ToString(CultureInfo.InvariantCulture));
        Units = View.Zones.ToDictionary(z => z.ZoneCode, z => z.ResponsibleUnit);
        Contacts = View.Zones.ToDictionary(z => z.ZoneCode, z => z.Contact);
        ResponsibleUnit = View.ResponsibleUnit;
        Contact = View.Contact;
        Notice = Shared.Text.T($"已按 {year} 年“{ElementNames.GetValueOrDefault(element, element)}”占比填入,请核对后保存。", $"Filled in proportion to {element} in {year}; check and save.");
        return Page();
    }

    public string ValueOf(string zone) => Values.TryGetValue(zone, out var typed) ? typed ?? ""
        : View.Zones.FirstOrDefault(z => z.ZoneCode == zone) is { } z ? Gaoxin.Features.Shared.Json.Normalize(z.Value).ToString(CultureInfo.InvariantCulture) : "";

    public string? UnitOf(string zone) => Units.TryGetValue(zone, out var typed) ? typed : View.Zones.FirstOrDefault(z => z.ZoneCode == zone)?.ResponsibleUnit;

    public string? ContactOf(string zone) => Contacts.TryGetValue(zone, out var typed) ? typed : View.Zones.FirstOrDefault(z => z.ZoneCode == zone)?.Contact;
}
