using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Gaoxin.Data.Collection;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Accounts;

/// <summary><c>gaoxin users add|list|change|disable|enable|delete|token|tokens|revoke-token</c>: accounts of the office, the zones and enterprises.</summary>
public static class UserCommands
{
    public static Command Build()
    {
        var email = new Option<string>("--email") { Description = "the user's e-mail, also the login name", Required = true };
        var role = new Option<string>("--role") { Description = "admin | zone_operator | enterprise", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var zone = new Option<string>("--zone") { Description = "zone code (zone operators only)" };
        var password = new Option<string>("--password") { Description = "initial password (at least 10 characters); one is generated and printed when omitted" };
        var add = new Command("add", "create an account") { email, role, zone, password };
        add.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var initial = parse.GetValue(password) ?? UserAccounts.GeneratePassword();
            var outcome = await UserAccounts.CreateAsync(scope.ServiceProvider, parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(zone), initial, Cli.Actor, ct);
            if (!outcome.Succeeded)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Not created: {outcome.Message}");
                return Cli.InvalidInput;
            }
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Created {parse.GetValue(role)} {parse.GetValue(email)}{(parse.GetValue(zone) is { } z ? $" for zone {z}" : "")}.");
            if (parse.GetValue(password) is null) output.WriteLine($"Initial password: {initial}");
            return 0;
        });

        var listFormat = Cli.FormatOption();
        var list = new Command("list", "list the accounts") { listFormat };
        list.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var users = await UserAccounts.ListAsync(scope.ServiceProvider.GetRequiredService<GaoxinDb>(), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(listFormat) == "json")
                output.WriteLine(Json.Serialize(users.Select(u => new { email = u.Email, role = u.Role, zone = u.Zone, state = u.State })));
            else
                TextTable.Write(output, ["email", "role", "zone", "state"],
                    users.Select(u => (IReadOnlyList<string>)[u.Email, u.Role ?? "", u.Zone ?? "", u.State]));
            return 0;
        });

        var tokenEmail = new Option<string>("--email") { Description = "whose token", Required = true };
        var tokenName = new Option<string>("--name") { Description = "what the token is for", DefaultValueFactory = _ => "api" };
        var tokenExpires = new Option<DateOnly?>("--expires") { Description = "last day the token works (yyyy-MM-dd; default: one year from today)" };
        var token = new Command("token", "create a personal API token (shown once)") { tokenEmail, tokenName, tokenExpires };
        token.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var (created, outcome) = await UserAccounts.CreateTokenAsync(scope.ServiceProvider, parse.GetValue(tokenEmail)!, parse.GetValue(tokenName)!,
                parse.GetValue(tokenExpires), Cli.Actor, ct);
            if (created is null)
            {
                if (outcome.Refusal == AccountRefusal.NotFound) return NoAccount(parse, parse.GetValue(tokenEmail)!);
                parse.InvocationConfiguration.Error.WriteLine(outcome.Codes?.Contains("expired") == true ? "Not created: --expires is in the past." : $"Not created: {outcome.Message}.");
                return Cli.InvalidInput;
            }
            parse.InvocationConfiguration.Output.WriteLine(created);
            return 0;
        });

        var tokensEmail = new Option<string>("--email") { Description = "whose tokens", Required = true };
        var tokensFormat = Cli.FormatOption();
        var tokens = new Command("tokens", "list a user's API tokens (never the tokens themselves)") { tokensEmail, tokensFormat };
        tokens.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            var user = await UserAccounts.FindAsync(db, parse.GetValue(tokensEmail)!, ct);
            if (user is null) return NoAccount(parse, parse.GetValue(tokensEmail)!);
            var now = TimeProvider.System.GetUtcNow();
            var rows = (await ApiTokens.ListAsync(db, user.Id, ct)).Select(t => new
            {
                id = t.Id, name = t.Name, createdAt = t.CreatedAt, expiresAt = t.ExpiresAt, lastUsedAt = t.LastUsedAt, revokedAt = t.RevokedAt,
                state = t.RevokedAt is not null ? "revoked" : t.ExpiresAt is { } x && x <= now ? "expired" : "live",
            }).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(tokensFormat) == "json")
                output.WriteLine(Json.Serialize(rows));
            else
                TextTable.Write(output, ["id", "name", "state", "created", "expires", "last used"], rows.Select(r => (IReadOnlyList<string>)
                    [r.id.ToString(CultureInfo.InvariantCulture), r.name, r.state, Day(r.createdAt), Day(r.expiresAt), Day(r.lastUsedAt)]));
            return 0;
        });

        var revokeId = new Option<long>("--id") { Description = "the token's id, as `users tokens` lists it", Required = true };
        var revoke = new Command("revoke-token", "revoke an API token at once") { revokeId };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var outcome = await UserAccounts.RevokeTokenAsync(scope.ServiceProvider, parse.GetValue(revokeId), Cli.Actor, ct);
            return Report(parse, outcome, $"Revoked token {parse.GetValue(revokeId)}.");
        });

        Command StateVerb(string name, string description, Func<IServiceProvider, string, CancellationToken, Task<AccountOutcome>> act, string done)
        {
            var who = new Option<string>("--email") { Description = "the account", Required = true };
            var verb = new Command(name, description) { who };
            verb.SetAction(async (parse, ct) =>
            {
                await using var scope = await OpenAsync(parse, ct);
                return Report(parse, await act(scope.ServiceProvider, parse.GetValue(who)!, ct), $"{done} {parse.GetValue(who)}.");
            });
            return verb;
        }
        var disable = StateVerb("disable", "disable an account: its sign-ins and tokens stop working at once",
            (sp, e, ct) => UserAccounts.DisableAsync(sp, e, Cli.Actor, ct), "Disabled");
        var enable = StateVerb("enable", "enable a disabled account again", (sp, e, ct) => UserAccounts.EnableAsync(sp, e, Cli.Actor, ct), "Enabled");
        var delete = StateVerb("delete", "delete an account: disabled for good, password and tokens removed; its audit trail is kept",
            (sp, e, ct) => UserAccounts.DeleteAsync(sp, e, Cli.Actor, ct), "Deleted");

        var changeEmail = new Option<string>("--email") { Description = "the account", Required = true };
        var changeRole = new Option<string>("--role") { Description = "admin | zone_operator | enterprise", Required = true };
        changeRole.AcceptOnlyFromAmong([.. Roles.All]);
        var changeZone = new Option<string>("--zone") { Description = "zone code (zone operators only)" };
        var change = new Command("change", "change an account's role and zone; its existing sign-ins end") { changeEmail, changeRole, changeZone };
        change.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var outcome = await UserAccounts.ChangeAsync(scope.ServiceProvider, parse.GetValue(changeEmail)!, parse.GetValue(changeRole)!,
                parse.GetValue(changeZone), Cli.Actor, ct);
            return Report(parse, outcome, $"{parse.GetValue(changeEmail)} is now {parse.GetValue(changeRole)}{(parse.GetValue(changeZone) is { } z ? $" for zone {z}" : "")}.");
        });

        var resetEmail = new Option<string>("--email") { Description = "the account", Required = true };
        var resetPassword = new Option<string>("--password") { Description = "the new password (at least 10 characters); one is generated and printed when omitted" };
        var reset = new Command("reset-password", "set a new password for an account; its existing sign-ins end") { resetEmail, resetPassword };
        reset.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var chosen = parse.GetValue(resetPassword) ?? UserAccounts.GeneratePassword();
            var outcome = await UserAccounts.ResetPasswordAsync(scope.ServiceProvider, parse.GetValue(resetEmail)!, chosen, Cli.Actor, ct);
            var code = Report(parse, outcome, $"Password of {parse.GetValue(resetEmail)} reset.");
            if (code == 0 && parse.GetValue(resetPassword) is null) parse.InvocationConfiguration.Output.WriteLine($"New password: {chosen}");
            return code;
        });

        return new Command("users", "accounts and API tokens") { add, list, change, disable, enable, delete, token, tokens, revoke, reset };
    }

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static int NoAccount(ParseResult parse, string email)
    {
        parse.InvocationConfiguration.Error.WriteLine($"No account '{email}'.");
        return Cli.NotFound;
    }

    private static int Report(ParseResult parse, AccountOutcome outcome, string done)
    {
        if (outcome.Refusal is null)
        {
            parse.InvocationConfiguration.Output.WriteLine(done);
            return 0;
        }
        parse.InvocationConfiguration.Error.WriteLine($"Refused: {outcome.Message}");
        return outcome.Refusal == AccountRefusal.NotFound ? Cli.NotFound : Cli.InvalidInput;
    }

    /// <summary>A service scope with the store (initialised) and Identity, for CLI verbs that manage accounts.</summary>
    public static async Task<AsyncServiceScope> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var location = Cli.Location(parse);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        if (location.Provider == DatabaseProvider.Sqlite)
            services.AddDbContext<GaoxinDb, SqliteGaoxinDb>(o => GaoxinDatabase.Configure(o, location));
        else
            services.AddDbContext<GaoxinDb, PostgresGaoxinDb>(o => GaoxinDatabase.Configure(o, location));
        services.AddGaoxinIdentityCore();
        var scope = services.BuildServiceProvider().CreateAsyncScope();
        await GaoxinDatabase.InitializeAsync(scope.ServiceProvider.GetRequiredService<GaoxinDb>(), GaoxinDatabase.BundleDirectory, TimeProvider.System, cancellationToken);
        return scope;
    }
}

/// <summary>Why an account command was refused.</summary>
public enum AccountRefusal { NotFound, InvalidInput, Deleted }

/// <summary>
/// The result of an account command: no refusal, or a typed refusal and its explanation. <see cref="Codes"/> names each
/// reason (Identity's error codes, such as <c>PasswordTooShort</c>, or the platform's: <c>unknown_role</c>,
/// <c>unknown_zone</c>, <c>zone_required</c>, <c>zone_not_allowed</c>, <c>wrong_password</c>, <c>disabled</c>,
/// <c>expired</c>) so that pages can say it in the reader's language.
/// </summary>
public sealed record AccountOutcome(AccountRefusal? Refusal, string? Message, IReadOnlyList<string>? Codes = null)
{
    public static readonly AccountOutcome Done = new(null, null);
    public static AccountOutcome Refused(AccountRefusal refusal, string message, params string[] codes) => new(refusal, message, codes);
    public static AccountOutcome Refused(IdentityResult result) =>
        new(AccountRefusal.InvalidInput, string.Join("; ", result.Errors.Select(e => e.Description)), [.. result.Errors.Select(e => e.Code)]);
    public bool Succeeded => Refusal is null;
}

/// <summary>An account as the office's list shows it.</summary>
public sealed record AccountRow(string Id, string Email, string? Role, string? Zone, string State, DateTimeOffset? LastSignIn, DateTimeOffset CreatedAt);

/// <summary>
/// Creating and managing accounts, for the CLI, the pages and the tests: the one place of the rules. Every change of an
/// account gives it a new security stamp, so its existing sign-ins end at the next request; every change is audited
/// (via <c>cli</c> or <c>form</c>, actions <see cref="AccountAudit"/>).
/// </summary>
public static class UserAccounts
{
    /// <summary>The lockout end that marks an account as disabled (rather than locked for a while after wrong passwords).</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    /// <summary>The user claim that marks a deleted account: the record stays so that the audit trail still names it.</summary>
    public const string DeletedClaim = "gaoxin:deleted";

    /// <summary>Whether the account is disabled or deleted.</summary>
    public static bool IsDisabled(GaoxinUser user) => user.LockoutEnd == DisabledUntil;

    /// <summary>The account with this e-mail, or null.</summary>
    public static Task<GaoxinUser?> FindAsync(GaoxinDb db, string email, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken);

    /// <summary>A random initial password (16 characters), shown once.</summary>
    public static string GeneratePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');

    /// <summary>Every account by e-mail: role, zone, state (active, disabled, deleted) and last successful sign-in.</summary>
    public static async Task<List<AccountRow>> ListAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var users = await (from u in db.Users.AsNoTracking()
                           join ur in db.UserRoles on u.Id equals ur.UserId into urs
                           from ur in urs.DefaultIfEmpty()
                           join r in db.Roles on ur.RoleId equals r.Id into rs
                           from r in rs.DefaultIfEmpty()
                           orderby u.Email
                           select new { u.Id, u.Email, Role = r != null ? r.Name : null, u.ZoneCode, u.LockoutEnd, u.CreatedAt }).ToListAsync(cancellationToken);
        var deleted = (await db.UserClaims.AsNoTracking().Where(c => c.ClaimType == DeletedClaim).Select(c => c.UserId).ToListAsync(cancellationToken)).ToHashSet();
        // The last sign-in of each account: its latest sign_in row (the log keeps the e-mail in ElementCode).
        var lastIds = await db.Audit.AsNoTracking().Where(a => a.Action == AccountAudit.SignedIn && a.ElementCode != null)
            .GroupBy(a => a.ElementCode!).Select(g => g.Max(a => a.Id)).ToListAsync(cancellationToken);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in lastIds.Chunk(500))
            foreach (var a in await db.Audit.AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.ElementCode, a.At }).ToListAsync(cancellationToken))
                last[a.ElementCode!] = a.At;
        return [.. users.Select(u => new AccountRow(u.Id, u.Email ?? "", u.Role, u.ZoneCode,
            deleted.Contains(u.Id) ? "deleted" : u.LockoutEnd == DisabledUntil ? "disabled" : "active",
            u.Email is { } e && last.TryGetValue(e, out var at) ? at : null, u.CreatedAt))];
    }

    /// <summary>Disables an account: its cookies and tokens are refused from the next request on.</summary>
    public static Task<AccountOutcome> DisableAsync(IServiceProvider services, string email, string actor, CancellationToken cancellationToken, string via = AccountAudit.ViaCli) =>
        ChangeStateAsync(services, email, actor, AccountAudit.Disabled, async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            return await users.SetLockoutEndDateAsync(user, DisabledUntil);
        }, cancellationToken, via);

    /// <summary>Enables a disabled account again (not a deleted one).</summary>
    public static Task<AccountOutcome> EnableAsync(IServiceProvider services, string email, string actor, CancellationToken cancellationToken, string via = AccountAudit.ViaCli) =>
        ChangeStateAsync(services, email, actor, AccountAudit.Enabled, async (users, user) =>
        {
            await users.ResetAccessFailedCountAsync(user);
            return await users.SetLockoutEndDateAsync(user, null);
        }, cancellationToken, via);

    /// <summary>
    /// Deletes an account: disabled for good, its password removed and its tokens revoked. The record stays (marked
    /// deleted), so audit rows keep naming a real account and its e-mail cannot be taken by someone else.
    /// </summary>
    public static Task<AccountOutcome> DeleteAsync(IServiceProvider services, string email, string actor, CancellationToken cancellationToken, string via = AccountAudit.ViaCli) =>
        ChangeStateAsync(services, email, actor, AccountAudit.Deleted, async (users, user) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await services.GetRequiredService<GaoxinDb>().ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DisabledUntil);
            await users.RemovePasswordAsync(user);
            return await users.AddClaimAsync(user, new System.Security.Claims.Claim(DeletedClaim, now.ToString("O", CultureInfo.InvariantCulture)));
        }, cancellationToken, via);

    /// <summary>Changes an account's role and zone; its existing sign-ins end.</summary>
    public static async Task<AccountOutcome> ChangeAsync(IServiceProvider services, string email, string role, string? zone, string actor,
        CancellationToken cancellationToken, string via = AccountAudit.ViaCli)
    {
        if (await RoleRefusalAsync(services.GetRequiredService<GaoxinDb>(), role, zone, cancellationToken) is { } refused) return refused;
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        return await ChangeStateAsync(services, email, actor, AccountAudit.Changed, async (users, user) =>
        {
            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded) return removed;
            user.ZoneCode = zone;
            await users.AddToRoleAsync(user, role);
            return await users.UpdateAsync(user);
        }, cancellationToken, via, $"role {role}{(zone is null ? "" : $", zone {zone}")}");
    }

    /// <summary>
    /// The office sets a new password for an account (checked by Identity's rules first, so a refused one leaves the old
    /// password in place); its sign-ins end. Audited, never the password.
    /// </summary>
    public static async Task<AccountOutcome> ResetPasswordAsync(IServiceProvider services, string email, string password, string actor,
        CancellationToken cancellationToken, string via = AccountAudit.ViaCli)
    {
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        if (await users.FindByEmailAsync(email) is { } found && await PasswordRefusalAsync(users, found, password) is { } refused) return refused;
        return await ChangeStateAsync(services, email, actor, AccountAudit.PasswordReset, async (users, user) =>
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded) return removed;
            var added = await users.AddPasswordAsync(user, password);
            if (added.Succeeded) await users.ResetAccessFailedCountAsync(user);
            return added;
        }, cancellationToken, via);
    }

    /// <summary>
    /// A signed-in user changes their own password, giving the current one; Identity's rules judge the new one. Audited
    /// either way (a refusal for a wrong current password too), never the passwords.
    /// </summary>
    public static async Task<AccountOutcome> ChangePasswordAsync(IServiceProvider services, string userId, string current, string password,
        CancellationToken cancellationToken, string via = AccountAudit.ViaForm)
    {
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        var db = services.GetRequiredService<GaoxinDb>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || IsDisabled(user)) return AccountOutcome.Refused(AccountRefusal.NotFound, "no such account", "disabled");
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        AccountOutcome outcome;
        if (!await users.CheckPasswordAsync(user, current))
            outcome = AccountOutcome.Refused(AccountRefusal.InvalidInput, "the current password is wrong", "wrong_password");
        else if (await PasswordRefusalAsync(users, user, password) is { } refused)
            outcome = refused;
        else
        {
            var changed = await users.ChangePasswordAsync(user, current, password);
            outcome = changed.Succeeded ? AccountOutcome.Done : AccountOutcome.Refused(changed);
        }
        db.Audit.Add(AccountAudit.Record(now, user.Email ?? user.Id, via, user.Email, user.ZoneCode,
            outcome.Succeeded ? AccountAudit.PasswordChanged : AccountAudit.PasswordChangeRefused,
            outcome.Succeeded ? null : string.Join(", ", outcome.Codes ?? [])));
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Creates a personal API token for an account that is not disabled, lasting to the end of <paramref name="lastDay"/>
    /// (UTC; a year when null). Audited (its name and expiry, never the token). Returns the token, shown once.
    /// </summary>
    public static async Task<(string? Token, AccountOutcome Outcome)> CreateTokenAsync(IServiceProvider services, string email, string name, DateOnly? lastDay,
        string actor, CancellationToken cancellationToken, string via = AccountAudit.ViaCli)
    {
        var db = services.GetRequiredService<GaoxinDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = await FindAsync(db, email, cancellationToken);
        if (user is null) return (null, AccountOutcome.Refused(AccountRefusal.NotFound, $"no account '{email}'"));
        if (IsDisabled(user)) return (null, AccountOutcome.Refused(AccountRefusal.InvalidInput, $"the account '{user.Email}' is disabled", "disabled"));
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = lastDay is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        if (expires is { } e && e <= now) return (null, AccountOutcome.Refused(AccountRefusal.InvalidInput, "the last day is in the past", "expired"));
        name = name.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, 100)] : "api";
        var expiry = expires ?? now + ApiTokens.DefaultLifetime;
        // Added before the token, so that both are saved together.
        db.Audit.Add(AccountAudit.Record(now, actor, via, user.Email, user.ZoneCode, AccountAudit.TokenCreated,
            $"token \"{name}\", expires {expiry.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        return (await ApiTokens.CreateAsync(db, user.Id, name, clock, cancellationToken, expiry), AccountOutcome.Done);
    }

    /// <summary>
    /// Revokes one API token at once (of <paramref name="ownerId"/> only, when given: a user revokes their own). Audited.
    /// </summary>
    public static async Task<AccountOutcome> RevokeTokenAsync(IServiceProvider services, long id, string actor, CancellationToken cancellationToken,
        string? ownerId = null, string via = AccountAudit.ViaCli)
    {
        var db = services.GetRequiredService<GaoxinDb>();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null || (ownerId is not null && token.UserId != ownerId)) return AccountOutcome.Refused(AccountRefusal.NotFound, $"no token {id}");
        if (token.RevokedAt is not null) return AccountOutcome.Done;
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == token.UserId, cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        token.RevokedAt = now;
        db.Audit.Add(AccountAudit.Record(now, actor, via, owner.Email, owner.ZoneCode, AccountAudit.TokenRevoked, $"token {id} ({token.Name})"));
        await db.SaveChangesAsync(cancellationToken);
        return AccountOutcome.Done;
    }

    private static async Task<AccountOutcome> ChangeStateAsync(IServiceProvider services, string email, string actor, string action,
        Func<UserManager<GaoxinUser>, GaoxinUser, Task<IdentityResult>> change, CancellationToken cancellationToken, string via, string? comment = null)
    {
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        var db = services.GetRequiredService<GaoxinDb>();
        var user = await users.FindByEmailAsync(email);
        if (user is null) return AccountOutcome.Refused(AccountRefusal.NotFound, $"no account '{email}'");
        if ((await users.GetClaimsAsync(user)).Any(c => c.Type == DeletedClaim))
            return AccountOutcome.Refused(AccountRefusal.Deleted, $"the account '{email}' is deleted");
        var result = await change(users, user);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) return AccountOutcome.Refused(result);
        db.Audit.Add(AccountAudit.Record(services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, via, user.Email, user.ZoneCode, action, comment));
        await db.SaveChangesAsync(cancellationToken);
        return AccountOutcome.Done;
    }

    private static async Task<AccountOutcome?> PasswordRefusalAsync(UserManager<GaoxinUser> users, GaoxinUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } result) errors.AddRange(result.Errors);
        return errors.Count == 0 ? null : AccountOutcome.Refused(IdentityResult.Failed([.. errors]));
    }

    private static async Task<AccountOutcome?> RoleRefusalAsync(GaoxinDb db, string role, string? zone, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
            return AccountOutcome.Refused(AccountRefusal.InvalidInput, $"unknown role '{role}' (one of: {string.Join(", ", Roles.All)})", "unknown_role");
        if (role == Roles.ZoneOperator && zone is null) return AccountOutcome.Refused(AccountRefusal.InvalidInput, "a zone operator needs --zone", "zone_required");
        if (role != Roles.ZoneOperator && zone is not null) return AccountOutcome.Refused(AccountRefusal.InvalidInput, "only zone operators are bound to a zone", "zone_not_allowed");
        if (await Zones.ZoneChoices.UnknownAsync(db, zone, cancellationToken) is { } unknownZone)
            return AccountOutcome.Refused(AccountRefusal.InvalidInput, unknownZone, "unknown_zone");
        return null;
    }

    /// <summary>Creates an account with a role; returns null, or why it was refused.</summary>
    public static async Task<string?> AddAsync(IServiceProvider services, string email, string role, string? zone, string password, CancellationToken cancellationToken) =>
        (await CreateAsync(services, email, role, zone, password, Cli.Actor, cancellationToken)).Message;

    /// <summary>Creates an account with a role (and a zone for a zone operator). Audited, never the password.</summary>
    public static async Task<AccountOutcome> CreateAsync(IServiceProvider services, string email, string role, string? zone, string password, string actor,
        CancellationToken cancellationToken, string via = AccountAudit.ViaCli)
    {
        var db = services.GetRequiredService<GaoxinDb>();
        if (await RoleRefusalAsync(db, role, zone, cancellationToken) is { } refused) return refused;

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = new GaoxinUser { UserName = email, Email = email, ZoneCode = zone, CreatedAt = now };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return AccountOutcome.Refused(created);
        await users.AddToRoleAsync(user, role);
        db.Audit.Add(AccountAudit.Record(now, actor, via, user.Email, zone, AccountAudit.Added, $"role {role}{(zone is null ? "" : $", zone {zone}")}"));
        await db.SaveChangesAsync(cancellationToken);
        return AccountOutcome.Done;
    }
}
