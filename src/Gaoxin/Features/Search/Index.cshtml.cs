using Gaoxin.Data;
using Gaoxin.Data.Search;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Search;

/// <summary>
/// /search?q=…: the portal's search as a page, its filters a GET form, readable without scripts. Not output-cached: what it
/// shows depends on the clock too (an item's release and expiry), not only on the store.
/// </summary>
public sealed class IndexModel(GaoxinDb db, ReadCache cache, SearchIndex index) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    // Read from the query string itself: "page" is also the route value naming the Razor page.
    public string? PageNumber => Request.Query["page"].FirstOrDefault();

    public SearchQuery? Query { get; private set; }
    public SearchResults Results { get; private set; } = SearchResults.None;
    public string? Problem { get; private set; }
    public IReadOnlyDictionary<string, string> ZoneNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => T(z.Name, z.NameEn), ct);
        if (string.IsNullOrWhiteSpace(Q)) return;
        var (query, refused) = SearchApi.Read(Q, Type, Zone, From, To, PageNumber);
        if (query is null)
        {
            Problem = refused!.Value.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Query = query;
        Results = await index.SearchAsync(db, await cache.VersionAsync(ct), query, ct);
    }

    /// <summary>The name of a type, as the filter and the hits show it.</summary>
    public static string TypeName(string type) => type switch
    {
        "policy" => T("政策", "Policies"),
        "news" => T("新闻", "News"),
        "zone" => T("高新区", "Zones"),
        "registry" => T("名录", "Registry items"),
        "project" => T("招商项目", "Investment projects"),
        "market" => T("技术市场", "Technology market"),
        _ => type,
    };

    /// <summary>The address of another page of the same search.</summary>
    public string PageLink(int page) => "/search" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["type"] = Type, ["zone"] = Zone, ["from"] = From, ["to"] = To, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
