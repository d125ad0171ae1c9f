using Gaoxin.Data;
using Gaoxin.Data.Registries;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Registries;

/// <summary>/registries/clusters: every cluster's yearly sales revenue against the plan's 200亿 / 500亿 / 1000亿 lines.</summary>
public sealed class ClustersModel(GaoxinDb db) : PageModel
{
    /// <summary>The plan's revenue lines (亿元): clusters over 1000亿 (two by 2020), 500亿 and 200亿.</summary>
    public static readonly int[] Thresholds = [200, 500, 1000];

    public sealed record ClusterRow(RegistryItemRecord Item, string ZoneName, IReadOnlyDictionary<int, decimal> Revenue);

    public List<ClusterRow> Clusters { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public bool HasDemo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var items = await RegistryStore.ListAsync(db, "cluster", null, null, ct);
        var figures = (await RegistryStore.FiguresAsync(db, items.Select(i => i.Id).ToList(), ct)).Where(f => f.Measure == "revenue" && f.Approval == "approved").ToLookup(f => f.ItemId);
        var names = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        Clusters = items.Select(i => new ClusterRow(i, i.ZoneCode is { } z ? names.GetValueOrDefault(z, z) : "", figures[i.Id].ToDictionary(f => f.Year, f => f.Value)))
            .OrderByDescending(c => c.Revenue.Count == 0 ? -1 : c.Revenue[c.Revenue.Keys.Max()]).ThenBy(c => c.Item.Id, StringComparer.Ordinal).ToList();
        Years = Clusters.SelectMany(c => c.Revenue.Keys).Distinct().Order().ToList();
        HasDemo = Clusters.Any(c => c.Item.IsDemo);
    }

    /// <summary>How many clusters reach a line in a year.</summary>
    public int Reaching(int year, decimal line) => Clusters.Count(c => c.Revenue.TryGetValue(year, out var r) && r >= line);
}
