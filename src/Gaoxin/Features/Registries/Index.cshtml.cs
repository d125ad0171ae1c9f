using Gaoxin.Core.Registries;
using Gaoxin.Data;
using Gaoxin.Data.Registries;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Registries;

public sealed class IndexModel(GaoxinDb db) : PageModel
{
    public List<(string Type, int Count)> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await RegistryStore.CountsAsync(db, ct);
        Counts = RegistrySeedParser.Types.Select(t => (t, counts.GetValueOrDefault(t))).ToList();
    }
}
