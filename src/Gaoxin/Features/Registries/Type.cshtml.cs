using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Registries;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Registries;

/// <summary>/registries/{type}: one registry, filtered by zone, status and year.</summary>
public sealed class TypeModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public string Type { get; private set; } = "";
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    public List<RegistryItemRecord> Changes { get; private set; } = [];
    public List<string> ImportProblems { get; private set; } = [];
    public List<RegistryItemRecord> Items { get; private set; } = [];
    public List<RegistryItemRecord> Pending { get; private set; } = [];
    public Core.Collection.Principal? Who { get; private set; }
    public string? Notice { get; private set; }
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken ct) =>
        await LoadAsync(type, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(string type, CancellationToken ct)
    {
        if (!RegistrySeedParser.Types.Contains(type)) return false;
        Type = type;
        Who = User.ToPrincipal();
        if (Who is { IsAdmin: true }) Pending = await RegistryStore.PendingAsync(db, type, ct);
        else if (Who is { Zone: { } zone }) Pending = (await RegistryStore.PendingAsync(db, type, ct)).Where(i => i.ZoneCode == zone).ToList();
        Items = (await RegistryStore.ListAsync(db, type, string.IsNullOrEmpty(Zone) ? null : Zone, Year, ct))
            .Where(i => (string.IsNullOrEmpty(Status) || i.Status == Status) && (string.IsNullOrEmpty(Level) || i.Level == Level)).ToList();
        if (Who is { IsAdmin: true }) Changes = Items.Where(i => i.PendingChange is not null).ToList();
        else if (Who is { Zone: { } own }) Changes = Items.Where(i => i.PendingChange is not null && i.ZoneCode == own).ToList();
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return true;
    }

    private async Task<IActionResult> AfterAsync(string type, string? refused, string done, CancellationToken ct)
    {
        if (refused == "forbidden") return Forbid();
        if (refused is null)
        {
            TempData["notice"] = done;
            return RedirectToPage(new { type });
        }
        await LoadAsync(type, ct);
        Notice = RegistryText.Refusal(refused);
        return Page();
    }

    /// <summary>Set when an addition was refused for a similar existing name, so the form offers to confirm.</summary>
    public bool AskDistinct { get; private set; }

    public async Task<IActionResult> OnPostAddAsync(string type, string name, string zone, DateOnly founded, string? level, string? subtype, bool confirmDistinct, CancellationToken ct)
    {
        var who = User.Caller();
        var (_, refused) = await RegistryStore.AddAsync(db, who, type, string.IsNullOrEmpty(subtype) ? null : subtype, name, zone, string.IsNullOrEmpty(level) ? null : level,
            founded, null, null, clock, ct, confirmDistinct);
        AskDistinct = refused?.StartsWith("similar_name:", StringComparison.Ordinal) == true;
        return await AfterAsync(type, refused, who.IsAdmin ? Shared.Text.T("已添加。", "Added.") : Shared.Text.T("已提交,待省高新区办公室审核后计入名录。", "Submitted; it counts once the office approves it."), ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(string type, string id, bool approve, CancellationToken ct)
    {
        var who = User.Caller();
        var refused = await RegistryStore.DecideAsync(db, who, id, approve, clock, ct);
        return await AfterAsync(type, refused, approve ? Shared.Text.T("已批准。", "Approved.") : Shared.Text.T("已驳回。", "Rejected."), ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(string type, string id, DateOnly closed, CancellationToken ct)
    {
        var who = User.Caller();
        var refused = await RegistryStore.CloseAsync(db, who, id, closed, clock, ct);
        return await AfterAsync(type, refused, Shared.Text.T("已记录撤销。", "Closure recorded."), ct);
    }

    public async Task<IActionResult> OnPostImportAsync(string type, IFormFile? file, CancellationToken ct)
    {
        var who = User.Caller();
        if (file is null) return RedirectToPage(new { type });
        await using var stream = file.OpenReadStream();
        var (added, edited, problems) = await RegistryWorkbook.ImportAsync(db, who, type, file.FileName, stream, clock, ct);
        if (problems.Count == 0)
        {
            TempData["notice"] = Shared.Text.T($"已导入:新增 {added} 项,修改 {edited} 项。", $"Imported: {added} added, {edited} edited.");
            return RedirectToPage(new { type });
        }
        await LoadAsync(type, ct);
        ImportProblems = problems.Select(RegistryText.Problem).ToList();
        Notice = Shared.Text.T("文件有误,未导入任何内容。", "The file has errors; nothing was imported.");
        return Page();
    }
}
