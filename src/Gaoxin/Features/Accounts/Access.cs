using System.Security.Claims;
using Gaoxin.Core.Collection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Gaoxin.Features.Accounts;

/// <summary>
/// Who may reach which route, declared once: named policies put on the API's route groups and on the page folders.
/// Which zone a zone operator may see or change is decided with the data, in the stores; the policies decide the role.
/// A route that declares nothing needs a signed-in user (the fallback policy).
/// </summary>
public static class Access
{
    /// <summary>The provincial office (role <c>admin</c>).</summary>
    public const string Office = "office";

    /// <summary>The office, or a zone operator bound to a zone: those who report and keep a zone's data.</summary>
    public const string ZoneStaff = "zone-staff";

    /// <summary>Any signed-in account, whatever its role.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Anyone reads (GET/HEAD); the office alone posts.</summary>
    public const string OfficeWrites = "office-writes";

    /// <summary>Anyone reads (GET/HEAD); the office or a zone's operator posts (which zone: the stores decide).</summary>
    public const string ZoneStaffWrites = "zone-staff-writes";

    /// <summary>An expert of the office's review panels (role <c>expert</c>).</summary>
    public const string Expert = "expert";

    /// <summary>The office or an expert: those who see expert panels (which panels: the store).</summary>
    public const string OfficeOrExpert = "office-or-expert";

    public static bool IsExpert(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Expert);

    public static bool IsOffice(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);

    public static bool IsZoneStaff(ClaimsPrincipal user) =>
        IsOffice(user) || (user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.ZoneOperator) && user.HasClaim(c => c.Type == AccountSetup.ZoneClaim));

    private static bool IsRead(object? resource) =>
        resource is HttpContext context && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));

    /// <summary>The policies, the fallback for undeclared routes, and the API's refusals as problem+json.</summary>
    public static void AddGaoxinAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Office, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsOffice(c.User)))
            .AddPolicy(ZoneStaff, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsZoneStaff(c.User)))
            .AddPolicy(OfficeWrites, p => p.RequireAssertion(c => IsRead(c.Resource) || IsOffice(c.User)))
            .AddPolicy(ZoneStaffWrites, p => p.RequireAssertion(c => IsRead(c.Resource) || IsZoneStaff(c.User)))
            .AddPolicy(Expert, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsExpert(c.User)))
            .AddPolicy(OfficeOrExpert, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsOffice(c.User) || IsExpert(c.User)))
            // Deny by default: a route added without a declared rule is closed to anonymous visitors.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusals>();
    }

    /// <summary>
    /// Page folders and pages (the folders under <c>Features/</c>): public reading folders, folders whose writes need a
    /// role, and folders closed to all but zone staff.
    /// </summary>
    public static void PageConventions(PageConventionCollection pages)
    {
        pages.AllowAnonymousToFolder("/Home");
        pages.AllowAnonymousToFolder("/Zones");
        pages.AllowAnonymousToFolder("/Plans");
        pages.AllowAnonymousToFolder("/OpenData");
        pages.AuthorizeFolder("/ZoneContacts", ZoneStaff);
        // Signing in and out is open to all; a signed-in account's own password and tokens for it; the users and the audit log for the office.
        pages.AllowAnonymousToPage("/Accounts/Login");
        pages.AllowAnonymousToPage("/Accounts/Logout");
        pages.AllowAnonymousToPage("/Accounts/Denied");
        pages.AuthorizePage("/Accounts/Password", SignedIn);
        pages.AuthorizePage("/Accounts/Tokens", SignedIn);
        pages.AuthorizePage("/Accounts/Users", Office);
        pages.AuthorizePage("/Accounts/Audit", Office);
        pages.AllowAnonymousToFolder("/Search");
        pages.AuthorizeFolder("/Monitoring", OfficeWrites);
        pages.AuthorizePage("/Monitoring/Decompose", Office);
        pages.AuthorizePage("/Monitoring/SelfAssessments", Office);
        pages.AuthorizeFolder("/ZoneReports", ZoneStaff);
        pages.AuthorizeFolder("/Evaluation", OfficeWrites);
        pages.AuthorizeFolder("/Registries", ZoneStaffWrites);
        pages.AuthorizeFolder("/Collection", ZoneStaffWrites);
        pages.AuthorizeFolder("/Enterprises", ZoneStaff);
        // The enterprise self-checks store nothing and are open to everyone, their form posts included.
        pages.AllowAnonymousToPage("/Enterprises/SelfAssessment");
        pages.AllowAnonymousToPage("/Enterprises/TechSme");
        // Investment projects: public reading; the management page for zone staff (which zone: the store). Site selection: public.
        pages.AuthorizeFolder("/Investment", ZoneStaffWrites);
        pages.AuthorizePage("/Investment/Manage", ZoneStaff);
        pages.AllowAnonymousToFolder("/SiteSelection");
        // Policy library and news: the public list and detail pages are open; management pages need the office or a zone's operator.
        pages.AuthorizeFolder("/Policies", ZoneStaff);
        pages.AllowAnonymousToPage("/Policies/Index");
        pages.AllowAnonymousToPage("/Policies/Detail");
        // Technology market: public reading (contacts shown to signed-in users only, decided by the pages); posting and managing
        // for any signed-in user (whose profiles: the store); the institutions' edits for the office.
        pages.AllowAnonymousToPage("/Market/Index");
        pages.AllowAnonymousToPage("/Market/List");
        pages.AllowAnonymousToPage("/Market/Detail");
        pages.AuthorizePage("/Market/Manage", SignedIn);
        pages.AuthorizePage("/Market/Edit", SignedIn);
        pages.AuthorizePage("/Market/Institutions", OfficeWrites);
        pages.AuthorizeFolder("/News", ZoneStaff);
        pages.AllowAnonymousToPage("/News/Index");
        pages.AllowAnonymousToPage("/News/Detail");
        // Technology market: brokering and contracts for zone staff (which zone: the stores); the yearly transfer report is
        // public for the province's total, its zones' sections decided in the page. Keep /Market/Deals out of any anonymous
        // folder rule: an anonymous rule on /Market would open it.
        pages.AuthorizeFolder("/Market/Deals", ZoneStaff);
        pages.AllowAnonymousToFolder("/Market/Report");
        // Rectification and appeals: zone staff (which zone, and whose step: the store).
        pages.AuthorizeFolder("/Cases", ZoneStaff);
        // Applications for status: the office, zone staff (their own zone's proposals) and experts read (which: the store); panels for the office; experts score.
        pages.AuthorizeFolder("/Applications", SignedIn);
        pages.AuthorizePage("/Applications/Panels", Office);
        pages.AuthorizeFolder("/Experts", Expert);
        // Notifications: each signed-in account's own inbox; the reporting calendar for zone staff (the office runs reminders).
        pages.AuthorizeFolder("/Notices", SignedIn);
        pages.AuthorizePage("/Notices/Calendar", ZoneStaff);
    }

    /// <summary>An API route (or group) for <paramref name="policy"/>, judged on the personal token only: the API never reads cookies.</summary>
    public static TBuilder RequireApi<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute(policy) { AuthenticationSchemes = AccountSetup.TokenScheme });

    /// <summary>The signed-in user of a page or download whose policy requires one (see <see cref="CallerAsync"/>).</summary>
    public static Principal Caller(this ClaimsPrincipal user) =>
        user.ToPrincipal() ?? throw new InvalidOperationException("This page needs a signed-in user but declares no policy that requires one.");

    /// <summary>
    /// The caller of an API route whose policy requires a token. Only reached once the policy let the request in, so a
    /// missing principal means the route lost its policy: an error, never an anonymous write.
    /// </summary>
    public static async Task<Principal> CallerAsync(this HttpContext context) =>
        await context.TokenPrincipalAsync()
        ?? throw new InvalidOperationException($"{context.Request.Method} {context.Request.Path} needs a token but declares no policy that requires one.");
}

/// <summary>
/// Refusals of the policies in one place: on the API a 401 (no or no valid token) or 403 (the role may not) problem+json
/// with a <c>code</c>; on pages the sign-in page or the denied page, as the cookie scheme does.
/// </summary>
public sealed class AccessRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _pages = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!(result.Challenged || result.Forbidden) || !context.Request.Path.StartsWithSegments("/api"))
        {
            await _pages.HandleAsync(next, context, policy, result);
            return;
        }
        var challenged = result.Challenged;
        if (challenged) context.Response.Headers.WWWAuthenticate = "Bearer";
        await Gaoxin.Features.Shared.Problems.WriteAsync(context,
            Gaoxin.Features.Shared.Problems.ForStatus(challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden));
    }
}
