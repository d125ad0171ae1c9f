using Gaoxin.Data;
using Gaoxin.Data.News;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.News;

/// <summary>/news: public news and notices, newest first (kind=news|notice).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage, VaryByQueryKeys = ["kind"])]
public sealed class IndexModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    public List<PublicNews> Items { get; private set; } = [];
    public Dictionary<string, ZoneSummary> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Kind is not ("news" or "notice")) Kind = null;
        Items = (await NewsStore.PublicAsync(db, clock.GetUtcNow(), ct)).Where(n => Kind is null || n.Kind == Kind).ToList();
        Zones = (await ZoneRegistry.ListAsync(db, ct)).ToDictionary(z => z.Code);
    }

    public string ZoneName(string? code) => code is null ? Shared.Text.T("全省", "Province-wide")
        : Zones.TryGetValue(code, out var z) ? Shared.Text.T(z.Name, z.NameEn) : code;
}
