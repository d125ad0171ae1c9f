using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Accounts;

/// <summary>
/// /account/tokens: any signed-in user lists their own personal API tokens, creates one (shown once, on this answer only)
/// and revokes one. Creating and revoking are audited; the token itself is never stored or logged.
/// </summary>
public sealed class TokensModel(GaoxinDb db, UserManager<GaoxinUser> users, TimeProvider clock) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public DateOnly? LastDay { get; set; }

    public List<ApiTokenRecord> Tokens { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The token just created: shown once, in this answer, never again.</summary>
    public string? Created { get; private set; }
    public string? Error { get; private set; }
    public bool Revoked { get; private set; }

    public async Task OnGetAsync(bool revoked, CancellationToken ct)
    {
        Revoked = revoked;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var who = User.Caller();
        var (token, outcome) = await UserAccounts.CreateTokenAsync(HttpContext.RequestServices, who.Name, Name, LastDay, who.Name, ct, AccountAudit.ViaForm);
        if (token is null) Error = AccountText.Refusal(outcome.Codes?.FirstOrDefault() ?? "refused");
        else
        {
            Created = token;
            Name = "";
            LastDay = null;
        }
        // The token is in this answer only: no browser or proxy may keep it.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var owner = users.GetUserId(User);
        var outcome = await UserAccounts.RevokeTokenAsync(HttpContext.RequestServices, id, User.Caller().Name, ct, owner ?? "", AccountAudit.ViaForm);
        return outcome.Refusal == AccountRefusal.NotFound ? NotFound() : RedirectToPage(new { revoked = true });
    }

    public string State(ApiTokenRecord t) =>
        t.RevokedAt is not null ? Shared.Text.T("已吊销", "Revoked") : t.ExpiresAt is { } x && x <= Now ? Shared.Text.T("已过期", "Expired") : Shared.Text.T("有效", "Live");

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Tokens = users.GetUserId(User) is { } id ? await ApiTokens.ListAsync(db, id, ct) : [];
    }
}
