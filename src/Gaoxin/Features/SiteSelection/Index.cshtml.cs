using Gaoxin.Core.SiteSelection;
using Gaoxin.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.SiteSelection;

/// <summary>
/// 企业选址: a GET form (works without JavaScript) and the ranked zones with the reasons of their scores. Not output-cached:
/// the land need counts published projects, which expire by the clock, not by a write.
/// </summary>
public sealed class IndexModel(GaoxinDb db, IndustryCatalog catalog, TimeProvider clock) : PageModel
{
    public IndustryCatalog Catalog => catalog;

    public string Industry { get; private set; } = "";
    public IReadOnlyList<string> Needs { get; private set; } = [];
    public string Size { get; private set; } = "";
    public IReadOnlyDictionary<string, string> WeightInputs { get; private set; } = new Dictionary<string, string>();
    public SiteQuery.Refusal? Refused { get; private set; }
    public SiteQuery? Query { get; private set; }
    public SiteSelectionResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Request.Query;
        Industry = q["industry"].ToString();
        Size = q["size"].ToString();
        var weights = SiteWeights.Parts.ToDictionary(p => p, p => (string?)q["w." + p].ToString());
        WeightInputs = SiteWeights.Parts.ToDictionary(p => p, p => string.IsNullOrWhiteSpace(weights[p]) ? catalog.Weights.Of(p).ToString(System.Globalization.CultureInfo.InvariantCulture) : weights[p]!);
        Needs = q["needs"].SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (!q.ContainsKey("industry")) return;
        (Query, Refused) = SiteQuery.Parse(Industry, q["needs"].ToArray(), Size, weights, catalog);
        if (Refused is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Result = await Query!.RankAsync(db, catalog, clock.GetUtcNow(), ct);
    }

    public static string PartName(string part) => part switch
    {
        "industry" => Shared.Text.T("主导产业", "Leading industries"),
        "cluster" => Shared.Text.T("产业集群", "Clusters"),
        "carriers" => Shared.Text.T("载体与平台", "Carriers and platforms"),
        "needs" => Shared.Text.T("需求匹配", "Needs"),
        "scale" => Shared.Text.T("规模", "Scale"),
        _ => part,
    };

    public static string NeedName(string need) => need switch
    {
        SiteNeeds.Land => Shared.Text.T("土地", "Land"),
        SiteNeeds.Talent => Shared.Text.T("人才", "Talent"),
        SiteNeeds.Finance => Shared.Text.T("金融", "Finance"),
        SiteNeeds.Incubation => Shared.Text.T("孵化", "Incubation"),
        SiteNeeds.Export => Shared.Text.T("出口", "Export"),
        _ => need,
    };
}
