using System.Security.Claims;
using System.Text.Encodings.Web;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gaoxin.Features.Accounts;

/// <summary>Identity for pages (cookie) and personal tokens for the API, shared by the server and the CLI.</summary>
public static class AccountSetup
{
    /// <summary>The claim that binds a zone operator to a zone.</summary>
    public const string ZoneClaim = "gaoxin:zone";

    /// <summary>The API's authentication scheme: <c>Authorization: Bearer gx_…</c>.</summary>
    public const string TokenScheme = "ApiToken";

    /// <summary>Identity's user store and password rules (both hosts).</summary>
    public static IdentityBuilder AddGaoxinIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<GaoxinUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GaoxinDb>()
            .AddClaimsPrincipalFactory<ZoneClaimsFactory>();

    /// <summary>Cookie sign-in for pages and the token scheme for the API (server only).</summary>
    public static void AddGaoxinAuthentication(this IServiceCollection services)
    {
        services.AddIdentity<GaoxinUser, IdentityRole>(ConfigureIdentity)
            .AddEntityFrameworkStores<GaoxinDb>()
            .AddClaimsPrincipalFactory<ZoneClaimsFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "gaoxin.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Every signed-in request checks the account: a disabled or deleted user, or one whose role or zone changed,
            // has a new security stamp, so the old cookie stops working at once.
            o.Events.OnValidatePrincipal = ValidateCookieAsync;
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(TokenScheme, null);
        services.AddSingleton<TokenUsage>();
        services.AddHostedService<TokenUsageWriter>();
    }

    /// <summary>Rejects a sign-in cookie whose account is gone, disabled, or has changed since it was issued.</summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<GaoxinUser>>();
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal is { } principal ? users.GetUserId(principal) : null;
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is not null && user.SecurityStamp is { } stamp && stamp == context.Principal!.FindFirstValue(stampClaim) && !UserAccounts.IsDisabled(user))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// An API call whose bearer token is unknown, revoked or expired, or belongs to a disabled account, is answered 401
    /// rather than served as an anonymous visitor.
    /// </summary>
    public static IApplicationBuilder UseRejectedTokens(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !(await context.AuthenticateAsync(TokenScheme)).Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 401, Title = "The token is unknown, revoked or expired, or its account is disabled." },
            });
            return;
        }
        await next(context);
    });

    private static void ConfigureIdentity(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = 10;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireDigit = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }

    /// <summary>
    /// The principal of an API call's personal token (<c>Authorization: Bearer gx_…</c>), or null. The API never looks at
    /// the sign-in cookie, so no page can be made to call it on a user's behalf.
    /// </summary>
    public static async Task<Principal?> TokenPrincipalAsync(this HttpContext context)
    {
        var result = await context.AuthenticateAsync(TokenScheme);
        return result.Succeeded ? result.Principal.ToPrincipal() : null;
    }

    /// <summary>The acting principal of a signed-in user, or null for an anonymous visitor.</summary>
    public static Principal? ToPrincipal(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        return new Principal(user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "?", role, user.FindFirstValue(ZoneClaim));
    }
}

/// <summary>Adds the zone a user reports for to their sign-in.</summary>
public sealed class ZoneClaimsFactory(UserManager<GaoxinUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<GaoxinUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GaoxinUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.ZoneCode is { } zone) identity.AddClaim(new Claim(AccountSetup.ZoneClaim, zone));
        if (user.Email is { } email) identity.AddClaim(new Claim(ClaimTypes.Email, email));
        return identity;
    }
}

/// <summary>Authenticates API calls by a personal token: <c>Authorization: Bearer gx_…</c>.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    GaoxinDb db, IUserClaimsPrincipalFactory<GaoxinUser> claims, TimeProvider clock, TokenUsage usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        // Reads only: the time of use goes to TokenUsage and is written in the background.
        var found = await ApiTokens.FindAsync(db, header["Bearer ".Length..].Trim(), clock, usage, Context.RequestAborted);
        if (found is not { User: var user } || (user.LockoutEnd is { } end && end > clock.GetUtcNow())) return AuthenticateResult.Fail("invalid token");
        var principal = await claims.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}

/// <summary>
/// Writes when tokens were last used, at most once a minute and off the request path; a busy or unreachable store only
/// postpones the write to the next round (and the last round at shutdown).
/// </summary>
public sealed partial class TokenUsageWriter(IServiceScopeFactory scopes, TokenUsage usage, ILogger<TokenUsageWriter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, stoppingToken);
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (usage.Pending == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await usage.FlushAsync(scope.ServiceProvider.GetRequiredService<GaoxinDb>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPostponed(logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Token last-use times not written yet, will retry: {Reason}")]
    private static partial void LogPostponed(ILogger logger, string reason);
}
