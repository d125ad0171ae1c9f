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
            var initial = parse.GetValue(password) ?? GeneratePassword();
            var refused = await UserAccounts.AddAsync(scope.ServiceProvider, parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(zone), initial, ct);
            if (refused is not null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Not created: {refused}");
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
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            var users = await (from u in db.Users.AsNoTracking()
                               join ur in db.UserRoles on u.Id equals ur.UserId into urs
                               from ur in urs.DefaultIfEmpty()
                               join r in db.Roles on ur.RoleId equals r.Id into rs
                               from r in rs.DefaultIfEmpty()
                               orderby u.Email
                               select new { u.Id, u.Email, Role = r != null ? r.Name : null, u.ZoneCode, u.LockoutEnd }).ToListAsync(ct);
            var deleted = (await db.UserClaims.AsNoTracking().Where(c => c.ClaimType == UserAccounts.DeletedClaim).Select(c => c.UserId).ToListAsync(ct)).ToHashSet();
            string State(string id, DateTimeOffset? lockoutEnd) =>
                deleted.Contains(id) ? "deleted" : lockoutEnd == UserAccounts.DisabledUntil ? "disabled" : "active";
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(listFormat) == "json")
                output.WriteLine(Json.Serialize(users.Select(u => new { email = u.Email, role = u.Role, zone = u.ZoneCode, state = State(u.Id, u.LockoutEnd) })));
            else
                TextTable.Write(output, ["email", "role", "zone", "state"],
                    users.Select(u => (IReadOnlyList<string>)[u.Email ?? "", u.Role ?? "", u.ZoneCode ?? "", State(u.Id, u.LockoutEnd)]));
            return 0;
        });

        var tokenEmail = new Option<string>("--email") { Description = "whose token", Required = true };
        var tokenName = new Option<string>("--name") { Description = "what the token is for", DefaultValueFactory = _ => "api" };
        var tokenExpires = new Option<DateOnly?>("--expires") { Description = "last day the token works (yyyy-MM-dd; default: one year from today)" };
        var token = new Command("token", "create a personal API token (shown once)") { tokenEmail, tokenName, tokenExpires };
        token.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            var user = await UserAccounts.FindAsync(db, parse.GetValue(tokenEmail)!, ct);
            if (user is null) return NoAccount(parse, parse.GetValue(tokenEmail)!);
            if (UserAccounts.IsDisabled(user))
            {
                parse.InvocationConfiguration.Error.WriteLine($"Not created: the account '{user.Email}' is disabled.");
                return Cli.InvalidInput;
            }
            var now = TimeProvider.System.GetUtcNow();
            DateTimeOffset? expires = parse.GetValue(tokenExpires) is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
            if (expires is { } e && e <= now)
            {
                parse.InvocationConfiguration.Error.WriteLine("Not created: --expires is in the past.");
                return Cli.InvalidInput;
            }
            parse.InvocationConfiguration.Output.WriteLine(await ApiTokens.CreateAsync(db, user.Id, parse.GetValue(tokenName)!, TimeProvider.System, ct, expires));
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

        return new Command("users", "accounts and API tokens") { add, list, change, disable, enable, delete, token, tokens, revoke };
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

    private static string GeneratePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');

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

/// <summary>The result of an account command: no refusal, or a typed refusal and its explanation.</summary>
public sealed record AccountOutcome(AccountRefusal? Refusal, string? Message)
{
    public static readonly AccountOutcome Done = new(null, null);
    public static AccountOutcome Refused(AccountRefusal refusal, string message) => new(refusal, message);
}

/// <summary>
/// Creating and managing accounts, for the CLI and the tests. Every change of an account gives it a new security stamp,
/// so its existing sign-ins end at the next request; every change is audited (via <c>cli</c>, action <c>user_…</c>).
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

    /// <summary>Disables an account: its cookies and tokens are refused from the next request on.</summary>
    public static Task<AccountOutcome> DisableAsync(IServiceProvider services, string email, string actor, CancellationToken cancellationToken) =>
        ChangeStateAsync(services, email, actor, "user_disabled", async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            return await users.SetLockoutEndDateAsync(user, DisabledUntil);
        }, cancellationToken);

    /// <summary>Enables a disabled account again (not a deleted one).</summary>
    public static Task<AccountOutcome> EnableAsync(IServiceProvider services, string email, string actor, CancellationToken cancellationToken) =>
        ChangeStateAsync(services, email, actor, "user_enabled", async (users, user) =>
        {
            await users.ResetAccessFailedCountAsync(user);
            return await users.SetLockoutEndDateAsync(user, null);
        }, cancellationToken);

    /// <summary>
    /// Deletes an account: disabled for good, its password removed and its tokens revoked. The record stays (marked
    /// deleted), so audit rows keep naming a real account and its e-mail cannot be taken by someone else.
    /// </summary>
    public static Task<AccountOutcome> DeleteAsync(IServiceProvider services, string email, string actor, CancellationToken cancellationToken) =>
        ChangeStateAsync(services, email, actor, "user_deleted", async (users, user) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await services.GetRequiredService<GaoxinDb>().ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DisabledUntil);
            await users.RemovePasswordAsync(user);
            return await users.AddClaimAsync(user, new System.Security.Claims.Claim(DeletedClaim, now.ToString("O", CultureInfo.InvariantCulture)));
        }, cancellationToken);

    /// <summary>Changes an account's role and zone; its existing sign-ins end.</summary>
    public static async Task<AccountOutcome> ChangeAsync(IServiceProvider services, string email, string role, string? zone, string actor,
        CancellationToken cancellationToken)
    {
        if (await RoleRefusalAsync(services.GetRequiredService<GaoxinDb>(), role, zone, cancellationToken) is { } refused)
            return AccountOutcome.Refused(AccountRefusal.InvalidInput, refused);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        return await ChangeStateAsync(services, email, actor, "user_changed", async (users, user) =>
        {
            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded) return removed;
            user.ZoneCode = zone;
            await users.AddToRoleAsync(user, role);
            return await users.UpdateAsync(user);
        }, cancellationToken, $"role {role}{(zone is null ? "" : $", zone {zone}")}");
    }

    /// <summary>Revokes one API token at once. Audited.</summary>
    public static async Task<AccountOutcome> RevokeTokenAsync(IServiceProvider services, long id, string actor, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GaoxinDb>();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null) return AccountOutcome.Refused(AccountRefusal.NotFound, $"no token {id}");
        if (token.RevokedAt is not null) return AccountOutcome.Done;
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == token.UserId, cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        token.RevokedAt = now;
        db.Audit.Add(AuditOf(now, actor, owner, "user_token_revoked", $"token {id} ({token.Name})"));
        await db.SaveChangesAsync(cancellationToken);
        return AccountOutcome.Done;
    }

    private static async Task<AccountOutcome> ChangeStateAsync(IServiceProvider services, string email, string actor, string action,
        Func<UserManager<GaoxinUser>, GaoxinUser, Task<IdentityResult>> change, CancellationToken cancellationToken, string? comment = null)
    {
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        var db = services.GetRequiredService<GaoxinDb>();
        var user = await users.FindByEmailAsync(email);
        if (user is null) return AccountOutcome.Refused(AccountRefusal.NotFound, $"no account '{email}'");
        if ((await users.GetClaimsAsync(user)).Any(c => c.Type == DeletedClaim))
            return AccountOutcome.Refused(AccountRefusal.Deleted, $"the account '{email}' is deleted");
        var result = await change(users, user);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) return AccountOutcome.Refused(AccountRefusal.InvalidInput, string.Join("; ", result.Errors.Select(e => e.Description)));
        db.Audit.Add(AuditOf(services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, user, action, comment));
        await db.SaveChangesAsync(cancellationToken);
        return AccountOutcome.Done;
    }

    private static AuditRecord AuditOf(DateTimeOffset now, string actor, GaoxinUser user, string action, string? comment) => new()
    {
        At = now, Actor = actor, Via = ReportStore.Via.Cli, UnitCode = user.ZoneCode ?? "", Year = 0, Action = action,
        ElementCode = user.Email, Comment = comment,
    };

    private static async Task<string?> RoleRefusalAsync(GaoxinDb db, string role, string? zone, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role)) return $"unknown role '{role}'";
        if (role == Roles.ZoneOperator && zone is null) return "a zone operator needs --zone";
        if (role != Roles.ZoneOperator && zone is not null) return "only zone operators are bound to a zone";
        if (await Zones.ZoneChoices.UnknownAsync(db, zone, cancellationToken) is { } unknownZone) return unknownZone;
        return null;
    }

    /// <summary>Creates an account with a role; returns null, or why it was refused.</summary>
    public static async Task<string?> AddAsync(IServiceProvider services, string email, string role, string? zone, string password, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GaoxinDb>();
        if (await RoleRefusalAsync(db, role, zone, cancellationToken) is { } refused) return refused;

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        var user = new GaoxinUser { UserName = email, Email = email, ZoneCode = zone, CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return string.Join("; ", created.Errors.Select(e => e.Description));
        await users.AddToRoleAsync(user, role);
        return null;
    }
}
