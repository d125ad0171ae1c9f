using Gaoxin.Core.Enterprises;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Enterprises;

/// <summary>The 科小评价 form as posted; blanks are null. Check boxes start unchecked so that an unchecked box posts false.</summary>
public sealed class TechSmeForm
{
    public string? RuleSet { get; set; }
    public bool ResidentEnterprise { get; set; }
    public int? Employees { get; set; }
    public int? StEmployees { get; set; }
    public decimal? SalesRevenue { get; set; }
    public decimal? TotalAssets { get; set; }
    public decimal? RdExpense { get; set; }
    public decimal? CostExpense { get; set; }
    public int? Class1Ip { get; set; }
    public int? Class2Ip { get; set; }
    public bool RestrictedIndustry { get; set; }
    public bool Violation { get; set; }
    public List<string> DirectQualifications { get; set; } = [];

    public TechSmeInput? ToInput(List<EnterpriseInputError> problems)
    {
        TValue Need<TValue>(TValue? value, string field) where TValue : struct
        {
            if (value is null) problems.Add(new EnterpriseInputError(field, "missing_field", T("请填写此项。", "Please fill this in.")));
            return value ?? default;
        }
        var count = problems.Count;
        var input = new TechSmeInput(ResidentEnterprise, Need(Employees, "employees"), Need(StEmployees, "stEmployees"),
            Need(SalesRevenue, "salesRevenue"), Need(TotalAssets, "totalAssets"), Need(RdExpense, "rdExpense"), CostExpense,
            Need(Class1Ip, "class1Ip"), Need(Class2Ip, "class2Ip"), RestrictedIndustry, Violation, DirectQualifications);
        return problems.Count > count ? null : input;
    }
}

/// <summary>/enterprises/tech-sme: 科技型中小企业评价 — conditions, the 100-point score, the direct routes. Anonymous; nothing is stored.</summary>
public sealed class TechSmeModel(EnterpriseRules rules, TimeProvider clock, Gaoxin.Data.GaoxinDb db) : PageModel
{
    [BindProperty] public TechSmeForm Form { get; set; } = new();

    /// <summary>The zone the enterprise gives (optional), to list the policies that apply to it with the result.</summary>
    [BindProperty] public string? Zone { get; set; }

    public IReadOnlyList<Gaoxin.Data.Zones.ZoneSummary> Zones { get; private set; } = [];

    /// <summary>The public policies that apply after the result (tech-based SME policies when it qualifies).</summary>
    public Policies.ApplicablePolicies? Policies { get; private set; }

    public TechSmeResult? Result { get; private set; }

    public List<EnterpriseInputError> Problems { get; } = [];

    public IReadOnlyList<TechSmeRuleSet> RuleSets => rules.All<TechSmeRuleSet>();

    public TechSmeRuleSet Rules => (Result is { } r ? rules.Catalog.Get<TechSmeRuleSet>(r.RuleSetId) : null)
        ?? rules.Pick<TechSmeRuleSet>(Form.RuleSet, Today).Rules ?? RuleSets[0];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>The rules that ended when none is in force today (a revision not transcribed yet), else null.</summary>
    public TechSmeRuleSet? EndedRules => rules.Catalog.Current<TechSmeRuleSet>(Today) is null ? rules.Catalog.EndedBefore<TechSmeRuleSet>(Today) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new TechSmeForm { ResidentEnterprise = true };
        Zones = await Gaoxin.Data.Zones.ZoneRegistry.ListAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Zones = await Gaoxin.Data.Zones.ZoneRegistry.ListAsync(db, ct);
        var page = Assess();
        if (Result is { } result)
        {
            IReadOnlySet<string> types = result.Eligible == Eligibility.Yes ? new HashSet<string> { Gaoxin.Core.Policies.EnterpriseTypes.TechSme } : new HashSet<string>();
            Policies = await Features.Policies.ApplicablePolicies.FindAsync(db, Zones, Zone, types, clock.GetUtcNow(), ct);
        }
        return page;
    }

    private IActionResult Assess()
    {
        foreach (var (key, _) in ModelState.Where(e => e.Value?.Errors.Count > 0))
        {
            var name = key.Replace("Form.", "", StringComparison.Ordinal);
            Problems.Add(new EnterpriseInputError(char.ToLowerInvariant(name[0]) + name[1..], "wrong_type", T("格式不正确。", "Not a valid value.")));
        }
        if (Problems.Count > 0) return Page();
        if (Form.ToInput(Problems) is not { } input) return Page();
        var outcome = EnterpriseChecks.TechSme(rules, input, Form.RuleSet, Today);
        Problems.AddRange(outcome.Errors);
        Result = outcome.Result;
        return Page();
    }

    public string? ProblemAt(string field) => Problems.FirstOrDefault(p => p.Field == field) is { } p ? EnterpriseFormText.Message(p) : null;
}
