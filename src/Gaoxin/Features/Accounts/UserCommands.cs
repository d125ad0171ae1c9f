using System.CommandLine;
using System.Security.Cryptography;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Gaoxin.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Accounts;

/// <summary><c>gaoxin users add|list|token</c>: accounts of the office, the zones and enterprises.</summary>
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
                               select new { u.Email, Role = r != null ? r.Name : null, u.ZoneCode, u.LockoutEnd }).ToListAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(listFormat) == "json")
                output.WriteLine(Json.Serialize(users.Select(u => new { email = u.Email, role = u.Role, zone = u.ZoneCode })));
            else
                TextTable.Write(output, ["email", "role", "zone"], users.Select(u => (IReadOnlyList<string>)[u.Email ?? "", u.Role ?? "", u.ZoneCode ?? ""]));
            return 0;
        });

        var tokenEmail = new Option<string>("--email") { Description = "whose token", Required = true };
        var tokenName = new Option<string>("--name") { Description = "what the token is for", DefaultValueFactory = _ => "api" };
        var token = new Command("token", "create a personal API token (shown once)") { tokenEmail, tokenName };
        token.SetAction(async (parse, ct) =>
        {
            await using var scope = await OpenAsync(parse, ct);
            var db = scope.ServiceProvider.GetRequiredService<GaoxinDb>();
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == parse.GetValue(tokenEmail)!.ToUpperInvariant(), ct);
            if (user is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"No account '{parse.GetValue(tokenEmail)}'.");
                return Cli.NotFound;
            }
            parse.InvocationConfiguration.Output.WriteLine(await ApiTokens.CreateAsync(db, user.Id, parse.GetValue(tokenName)!, TimeProvider.System, ct));
            return 0;
        });

        return new Command("users", "accounts and API tokens") { add, list, token };
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

/// <summary>Creating accounts, for the CLI and the tests.</summary>
public static class UserAccounts
{
    /// <summary>Creates an account with a role; returns null, or why it was refused.</summary>
    public static async Task<string?> AddAsync(IServiceProvider services, string email, string role, string? zone, string password, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GaoxinDb>();
        if (!Roles.All.Contains(role)) return $"unknown role '{role}'";
        if (role == Roles.ZoneOperator && zone is null) return "a zone operator needs --zone";
        if (role != Roles.ZoneOperator && zone is not null) return "only zone operators are bound to a zone";
        if (zone is not null && !await db.Zones.AnyAsync(z => z.Code == zone, cancellationToken)) return $"no zone '{zone}'";

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
