using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Accounts;

/// <summary>
/// /admin/users: the office's list of accounts (role, zone, state, last sign-in) and its changes — create, change role and
/// zone, disable and enable, reset a password. The rules are those of <c>gaoxin users …</c> (<see cref="UserAccounts"/>);
/// every change is audited via <c>form</c>.
/// </summary>
public sealed class UsersModel(GaoxinDb db) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Role { get; set; } = Roles.ZoneOperator;
    [BindProperty] public string? Zone { get; set; }
    [BindProperty] public string? Password { get; set; }

    public List<AccountRow> Accounts { get; private set; } = [];
    public List<(string Code, string Name)> Zones { get; private set; } = [];

    /// <summary>What was done (shown after the redirect), or why it was refused.</summary>
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    /// <summary>The password the office gave or the page generated, shown once in the answer to the change.</summary>
    public string? ShownPassword { get; private set; }
    public string? ShownFor { get; private set; }

    public async Task OnGetAsync(string? done, string? email, CancellationToken ct)
    {
        Message = done is null ? null : Done(done, email ?? "");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        Email = Email.Trim();
        var zone = Role == Roles.ZoneOperator ? Blank(Zone) : null;
        var password = Blank(Password) ?? UserAccounts.GeneratePassword();
        var outcome = await UserAccounts.CreateAsync(HttpContext.RequestServices, Email, Role, zone, password, User.Caller().Name, ct, AccountAudit.ViaForm);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, ct);
        Message = Done("created", Email);
        (ShownPassword, ShownFor) = (password, Email);
        Email = "";
        Zone = null;
        Password = null;
        return await ShowOnceAsync(ct);
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var zone = Role == Roles.ZoneOperator ? Blank(Zone) : null;
        var outcome = await UserAccounts.ChangeAsync(HttpContext.RequestServices, Email, Role, zone, User.Caller().Name, ct, AccountAudit.ViaForm);
        return outcome.Succeeded ? After("changed") : await RefusedAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        // The office does not lock itself out: another office account disables this one.
        if (string.Equals(Email, User.Caller().Name, StringComparison.OrdinalIgnoreCase))
        {
            Errors.Add(T("不能停用自己的账号。", "You cannot disable your own account."));
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await UserAccounts.DisableAsync(HttpContext.RequestServices, Email, User.Caller().Name, ct, AccountAudit.ViaForm);
        return outcome.Succeeded ? After("disabled") : await RefusedAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var outcome = await UserAccounts.EnableAsync(HttpContext.RequestServices, Email, User.Caller().Name, ct, AccountAudit.ViaForm);
        return outcome.Succeeded ? After("enabled") : await RefusedAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var password = Blank(Password) ?? UserAccounts.GeneratePassword();
        var outcome = await UserAccounts.ResetPasswordAsync(HttpContext.RequestServices, Email, password, User.Caller().Name, ct, AccountAudit.ViaForm);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, ct);
        Message = Done("reset", Email);
        (ShownPassword, ShownFor) = (password, Email);
        Email = "";
        Password = null;
        return await ShowOnceAsync(ct);
    }

    public string ZoneName(string? code) =>
        code is null ? "" : Zones.FirstOrDefault(z => z.Code == code) is { Name: { } name } && name.Length > 0 ? name : code;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private RedirectToPageResult After(string done) => RedirectToPage(new { done, email = Email });

    private static string Done(string done, string email) => done switch
    {
        "created" => T($"已创建账号 {email}。", $"Account {email} created."),
        "changed" => T($"已修改 {email} 的角色或高新区,其现有登录已失效。", $"{email}'s role or zone changed; their sign-ins have ended."),
        "disabled" => T($"已停用 {email},其登录和接口令牌立即失效。", $"{email} is disabled; their sign-ins and API tokens stop working at once."),
        "enabled" => T($"已重新启用 {email}。", $"{email} is enabled again."),
        "reset" => T($"已重置 {email} 的密码,其现有登录已失效。", $"{email}'s password is reset; their sign-ins have ended."),
        _ => "",
    };

    private async Task<IActionResult> RefusedAsync(AccountOutcome outcome, CancellationToken ct)
    {
        var zones = outcome.Codes?.Contains("unknown_zone") == true ? await Gaoxin.Features.Zones.ZoneChoices.CodesAsync(db, ct) : null;
        if (outcome.Refusal == AccountRefusal.NotFound) Errors.Add(T("没有该账号。", "No such account."));
        else if (outcome.Refusal == AccountRefusal.Deleted) Errors.Add(T("该账号已删除。", "The account is deleted."));
        else foreach (var code in outcome.Codes is { Count: > 0 } codes ? codes : ["refused"]) Errors.Add(AccountText.Refusal(code, zones));
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> ShowOnceAsync(CancellationToken ct)
    {
        // The password is in this answer only: no browser or proxy may keep it.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await UserAccounts.ListAsync(db, ct);
        Zones = [.. (await db.Zones.AsNoTracking().Select(z => new { z.Code, z.Name, z.NameEn }).ToListAsync(ct))
            .OrderBy(z => z.Code, StringComparer.Ordinal).Select(z => (z.Code, IsEnglish ? z.NameEn : z.Name))];
    }
}
