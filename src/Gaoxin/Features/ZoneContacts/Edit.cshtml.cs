using Gaoxin.Core.Portal;
using Gaoxin.Data;
using Gaoxin.Data.Portal;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.ZoneContacts;

/// <summary>/zones/{code}/contact: the office, or the zone's own operator, edits the contact shown on the zone's public page.</summary>
public sealed class EditModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public string Code { get; private set; } = "";
    public string ZoneName { get; private set; } = "";
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Website { get; set; }
    public IReadOnlyList<ZoneContactRules.Problem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        (Address, Phone, Email, Website) = await ZoneContactStore.GetAsync(db, code, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var outcome = await ZoneContactStore.SetAsync(db, code, new ZoneContact(Address, Phone, Email, Website), User.Caller(), clock, ct, via: "form");
        if (outcome.Refusal is not null) return outcome.Refusal == "forbidden" ? Forbid() : NotFound();
        if (outcome.Problems.Count > 0)
        {
            Problems = outcome.Problems;
            return Page();
        }
        return Redirect($"/zones/{code}#contact");
    }

    /// <summary>Null when the zone exists and the caller may edit it; else the refusal.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var zone = await db.Zones.FindAsync([code], ct);
        if (zone is null) return NotFound();
        if (!User.Caller().MayReport(code)) return Forbid();
        (Code, ZoneName) = (code, Shared.Text.T(zone.Name, zone.NameEn));
        return null;
    }

    /// <summary>The problem of a field, in the reader's language, or null.</summary>
    public string? ProblemOf(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Code switch
    {
        null => null,
        "bad_phone" => Shared.Text.T("电话只能包含数字、空格、+、-、括号。", "Digits, spaces, +, - and brackets only."),
        "bad_email" => Shared.Text.T("电子邮箱格式不正确。", "Not an email address."),
        "bad_website" => Shared.Text.T("网站须以 http:// 或 https:// 开头。", "A website starts with http:// or https://."),
        "too_long" => Shared.Text.T("内容过长。", "Too long."),
        _ => Shared.Text.T("内容含有不允许的字符。", "Holds a character that is not allowed."),
    };
}
