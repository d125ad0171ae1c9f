using Gaoxin.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.OpenData;

/// <summary>/open-data: every open dataset with its formats and data dictionary, the API's terms and limits.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Hosting.WebApp.StoreVersionedPage)]
public sealed class IndexModel(GaoxinDb db, OpenDataLimits limits) : PageModel
{
    public OpenDataLimits Limits => limits;
    public IReadOnlyList<Core.Collection.DataElement> Indicators { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Indicators = (await Data.Collection.DataSetStore.GetAsync(db, ct)).Elements;
}
