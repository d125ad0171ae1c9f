using Gaoxin.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Accounts;

/// <summary>/account/password: any signed-in user changes their own password, giving the current one. Audited.</summary>
public sealed class PasswordModel(UserManager<GaoxinUser> users, SignInManager<GaoxinUser> signIn) : PageModel
{
    [BindProperty] public string Current { get; set; } = "";
    [BindProperty] public string New { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";

    /// <summary>Reasons the change was refused, by the field they concern (Current, New, Confirm).</summary>
    public Dictionary<string, List<string>> Errors { get; } = [];
    public bool Done { get; private set; }

    public void OnGet(bool done = false) => Done = done;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Current.Length == 0) Add(nameof(Current), "required");
        if (New.Length == 0) Add(nameof(New), "required");
        else if (New != Confirm) Add(nameof(Confirm), "confirm");
        if (Errors.Count > 0) return Page();
        var id = users.GetUserId(User);
        if (id is null) return Challenge();
        var outcome = await UserAccounts.ChangePasswordAsync(HttpContext.RequestServices, id, Current, New, ct);
        if (!outcome.Succeeded)
        {
            foreach (var code in outcome.Codes ?? ["refused"])
                Add(code is "wrong_password" or "PasswordMismatch" ? nameof(Current) : nameof(New), code);
            return Page();
        }
        // The new password gave the account a new security stamp: sign in again, so that this browser stays signed in.
        if (await users.FindByIdAsync(id) is { } user) await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { done = true });
    }

    private void Add(string field, string code)
    {
        if (!Errors.TryGetValue(field, out var list)) Errors[field] = list = [];
        list.Add(AccountText.Refusal(code));
    }
}
