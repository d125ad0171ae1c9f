using Gaoxin.Core.Enterprises;
using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Enterprises;

/// <summary>/enterprises/gazelles?year=&amp;zone=&amp;rules=: the year's gazelles and unicorns with their routes, and the counts per zone. Office and zone operators only.</summary>
public sealed class GazellesModel(GaoxinDb db, EnterpriseRules rules) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Zone { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rules { get; set; }
    public string? OwnZone { get; private set; }
    public List<int> Years { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public IReadOnlyList<GazelleRuleSet> RuleSets => rules.All<GazelleRuleSet>();
    public GazelleClassifier? Classifier { get; private set; }
    public GazelleYear? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var who = User.Caller();
        var (_, own) = EnterpriseStore.Scope(who);
        OwnZone = own;
        if (own is not null) Zone = own;
        Years = await EnterpriseStore.YearsAsync(db, ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        Year ??= Years.Count > 0 ? Years[0] : null;
        // An unknown id falls back to each year's own rule set, as when none is named.
        var (choice, _) = rules.Gazelle(Rules);
        if (choice is null) Rules = null;
        choice ??= rules.Gazelle(null).Choice;
        if (Year is { } year && choice is not null)
        {
            Classifier = new GazelleClassifier(choice);
            Result = await Gazelles.IdentifyAsync(db, Classifier, year, string.IsNullOrEmpty(Zone) ? null : Zone, ct);
        }
        return Page();
    }

    public string ZoneName(string code) => ZoneNames.GetValueOrDefault(code, code);

    public IEnumerable<string> RouteLabels(uint routes) =>
        Classifier!.RouteIds(Result!.Year, routes).Select(id => GazelleMapping.RouteLabel(Classifier.RulesFor(Result.Year), id));

    public string RuleName(GazelleRuleSet set) => Shared.Text.T(set.Header.Name, set.Header.NameEn);
}
