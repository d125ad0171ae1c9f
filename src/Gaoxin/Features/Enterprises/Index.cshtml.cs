using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Enterprises;

/// <summary>/enterprises: the enterprise registry by zone, year and high-tech status, 50 a page. Office and zone operators only.</summary>
public sealed class IndexModel(GaoxinDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hte { get; set; }
    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public string? OwnZone { get; private set; }
    public EnterprisePage Result { get; private set; } = new([], 0, 1, EnterpriseStore.PageSize);
    public List<int> Years { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];

    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.ToPrincipal() is not { } who) return Challenge();
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return Forbid();
        OwnZone = own;
        if (own is not null) Zone = own;
        bool? hte = Hte switch { "1" => true, "0" => false, _ => null };
        Result = await EnterpriseStore.ListAsync(db, string.IsNullOrEmpty(Zone) ? null : Zone, Year, hte, PageNumber, ct);
        Years = await EnterpriseStore.YearsAsync(db, ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return Page();
    }

    /// <summary>The link to another page of the same list.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["zone"] = Zone, ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["hte"] = Hte,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
