using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Registries;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Registries;

/// <summary>/registries/items/{id}: one item with its attributes, yearly figures and projects; its zone edits, the office approves.</summary>
public sealed class ItemModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public RegistryItemRecord Item { get; private set; } = null!;
    public List<RegistryFigureRecord> Figures { get; private set; } = [];
    public List<RegistryProjectRecord> Projects { get; private set; } = [];
    public Core.Collection.Principal? Who { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The item's change awaiting approval, when this reader may see it.</summary>
    public string? PendingChange { get; private set; }
    public string ZoneName { get; private set; } = "";
    public bool MayEdit => Who is { } w && (Item.ZoneCode is null ? w.IsAdmin : w.MayReport(Item.ZoneCode));
    public IReadOnlyList<string> FigureNames => RegistryFigures.ByType.GetValueOrDefault(Item.Type) ?? [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        Who = User.ToPrincipal();
        if (await RegistryStore.ViewAsync(db, Who, id, ct) is not { } view) return false;
        var item = Item = view.Item;
        Figures = view.Figures;
        Projects = view.Projects;
        PendingChange = view.PendingChange;
        var names = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        ZoneName = item.ZoneCode is { } z ? names.GetValueOrDefault(z, z) : Shared.Text.T("各高新区", "every zone");
        return true;
    }

    private async Task<IActionResult> AfterAsync(string id, string? refused, string done, CancellationToken ct)
    {
        if (refused == "forbidden") return Forbid();
        if (refused is null)
        {
            TempData["notice"] = done;
            return RedirectToPage(new { id });
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Notice = RegistryText.Refusal(refused);
        return Page();
    }

    private string Pending(Core.Collection.Principal who) =>
        who.IsAdmin ? Shared.Text.T("已保存。", "Saved.") : Shared.Text.T("已提交,省高新区办公室批准后生效。", "Submitted; it takes effect once the office approves it.");

    public async Task<IActionResult> OnPostEditAsync(string id, string? name, string? level, DateOnly? founded, DateOnly? accredited, decimal? amount,
        string? attributes, Dictionary<string, string?>? attr, CancellationToken ct)
    {
        var who = User.Caller();
        Dictionary<string, string>? parsed = null;
        if (attributes is not null || attr is { Count: > 0 })
        {
            // Named fields first; an emptied field removes the attribute.
            parsed = (attr ?? []).ToDictionary(a => a.Key, a => a.Value ?? "");
            foreach (var line in (attributes ?? "").Split(['\n', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (line.IndexOfAny(['=', '＝']) is > 0 and var eq) parsed[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        var refused = await RegistryStore.EditAsync(db, who, id, new RegistryStore.ItemChange(string.IsNullOrWhiteSpace(name) ? null : name,
            null, string.IsNullOrEmpty(level) ? null : level, founded, accredited, amount, null, parsed), clock, ct);
        return await AfterAsync(id, refused, Pending(who), ct);
    }

    public async Task<IActionResult> OnPostDecideChangeAsync(string id, bool approve, CancellationToken ct)
    {
        var who = User.Caller();
        return await AfterAsync(id, await RegistryStore.DecideChangeAsync(db, who, id, approve, clock, ct),
            approve ? Shared.Text.T("修改已批准。", "Change approved.") : Shared.Text.T("修改已驳回。", "Change rejected."), ct);
    }

    public async Task<IActionResult> OnPostFiguresAsync(string id, int year, Dictionary<string, string> figures, CancellationToken ct)
    {
        var who = User.Caller();
        var values = new Dictionary<string, decimal>();
        foreach (var (measure, text) in figures.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
        {
            if (!decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v))
                return await AfterAsync(id, "not_a_number", "", ct);
            values[measure] = v;
        }
        return await AfterAsync(id, await RegistryStore.SetFiguresAsync(db, who, id, year, values, clock, ct), Pending(who), ct);
    }

    public async Task<IActionResult> OnPostDecideFiguresAsync(string id, int year, bool approve, CancellationToken ct)
    {
        var who = User.Caller();
        return await AfterAsync(id, await RegistryStore.DecideFiguresAsync(db, who, id, year, approve, clock, ct), Shared.Text.T("已处理。", "Done."), ct);
    }

    public async Task<IActionResult> OnPostProjectAsync(string id, string name, DateOnly started, DateOnly? ended, string? result, CancellationToken ct)
    {
        var who = User.Caller();
        var (_, refused) = await RegistryStore.AddProjectAsync(db, who, id, name, started, ended, string.IsNullOrWhiteSpace(result) ? null : result, clock, ct);
        return await AfterAsync(id, refused, Pending(who), ct);
    }

    public async Task<IActionResult> OnPostDecideProjectAsync(string id, int projectId, bool approve, CancellationToken ct)
    {
        var who = User.Caller();
        return await AfterAsync(id, await RegistryStore.DecideProjectAsync(db, who, projectId, approve, clock, ct), Shared.Text.T("已处理。", "Done."), ct);
    }
}
