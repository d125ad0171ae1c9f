using Gaoxin.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Accounts;

[EnableRateLimiting(LoginModel.RateLimit)]
public sealed class LoginModel(SignInManager<GaoxinUser> signIn) : PageModel
{
    public const string RateLimit = "login";

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/data");
        Message = result.IsLockedOut
            ? T("密码错误次数过多,账号已锁定,请 15 分钟后再试。", "Too many wrong passwords: the account is locked for 15 minutes.")
            : T("邮箱或密码不正确。", "Wrong e-mail or password.");
        return Page();
    }
}
