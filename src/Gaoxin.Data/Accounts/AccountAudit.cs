using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Accounts;

/// <summary>
/// What the audit log records about accounts: sign-ins (and failed ones and lockouts), and every change of an account,
/// its password and its tokens. A row names the account in <see cref="AuditRecord.ElementCode"/> and its zone in
/// <see cref="AuditRecord.UnitCode"/>; a token itself or a password never reaches the log.
/// </summary>
public static class AccountAudit
{
    public const string SignedIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "sign_in_locked_out";
    public const string Added = "user_added";
    public const string Changed = "user_changed";
    public const string Disabled = "user_disabled";
    public const string Enabled = "user_enabled";
    public const string Deleted = "user_deleted";
    public const string PasswordChanged = "user_password_changed";
    public const string PasswordChangeRefused = "user_password_change_refused";
    public const string PasswordReset = "user_password_reset";
    public const string TokenCreated = "user_token_created";
    public const string TokenRevoked = "user_token_revoked";

    /// <summary>How the change came: the pages, the command line.</summary>
    public const string ViaForm = "form";
    public const string ViaCli = "cli";

    /// <summary>The longest e-mail (as tried at sign-in) the log keeps.</summary>
    public const int MaxEmail = 256;

    /// <summary>Whether an action is about accounts (sign-ins, changes of accounts, passwords and tokens).</summary>
    public static bool IsAccountAction(string action) => action.StartsWith("user_", StringComparison.Ordinal) || action.StartsWith("sign_in", StringComparison.Ordinal);

    /// <summary>An audit row about the account <paramref name="email"/> (of zone <paramref name="zone"/>, if any).</summary>
    public static AuditRecord Record(DateTimeOffset at, string actor, string via, string? email, string? zone, string action, string? comment = null) => new()
    {
        At = at, Actor = Clip(actor), Via = via, UnitCode = zone ?? "", Year = at.Year, Action = action, ElementCode = email is null ? null : Clip(email),
        Comment = comment,
    };

    /// <summary>
    /// Records a sign-in attempt: who (the e-mail tried, whether or not it has an account), when, from which client address,
    /// and how it ended (<see cref="SignedIn"/>, <see cref="SignInFailed"/> or <see cref="LockedOut"/>).
    /// </summary>
    public static async Task SignInAsync(GaoxinDb db, string emailTried, string action, string? clientAddress, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var email = Clip(emailTried.Trim());
        var normalized = email.ToUpperInvariant();
        var zone = email.Length == 0 ? null
            : await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.ZoneCode).FirstOrDefaultAsync(cancellationToken);
        db.Audit.Add(Record(at, email.Length == 0 ? "?" : email, ViaForm, email, zone, action, clientAddress));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Clip(string text)
    {
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        return clean.Length <= MaxEmail ? clean : clean[..MaxEmail];
    }
}
