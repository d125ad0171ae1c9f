using Gaoxin.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Accounts;

[EnableRateLimiting(LoginModel.RateLimit)]
public sealed class LoginModel(SignInManager<GaoxinUser> signIn, Gaoxin.Data.GaoxinDb db, TimeProvider clock) : PageModel
{
    public const string RateLimit = "login";

    /// <summary>Sign-in attempts a client address may make a minute.</summary>
    public const int AttemptsPerMinute = 20;

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }

    public static string Failed => T("邮箱或密码不正确,或该账号因多次输错密码暂时锁定。", "Wrong e-mail or password, or the account is locked for a while after too many wrong passwords.");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        // Every attempt is audited: the e-mail tried, when, from which client address, and how it ended.
        await AccountAudit.SignInAsync(db, Email, result.Succeeded ? AccountAudit.SignedIn : result.IsLockedOut ? AccountAudit.LockedOut : AccountAudit.SignInFailed,
            HttpContext.Connection.RemoteIpAddress?.ToString(), clock.GetUtcNow(), HttpContext.RequestAborted);
        if (result.Succeeded)
            return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/data");
        // One answer for every failure — unknown e-mail, wrong password, locked or disabled account — so that the form does
        // not tell which e-mails have accounts.
        Message = Failed;
        return Page();
    }
}
