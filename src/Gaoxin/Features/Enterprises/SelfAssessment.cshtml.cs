using Gaoxin.Core.Enterprises;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Enterprises;

/// <summary>One row of the form's IP item table; a row without a class is left out. Check boxes post true only when ticked.</summary>
public sealed class HteIpItemForm
{
    public string? Name { get; set; }
    public string? Class { get; set; }
    public bool SelfDeveloped { get; set; }
    public bool UsedBefore { get; set; }
    public bool JointlyOwned { get; set; }
    public bool DesignatedOwner { get; set; }
}

/// <summary>The 高企自评 form as posted; blanks are null. Yearly figures are three columns, oldest first; a younger enterprise leaves the first ones blank.</summary>
public sealed class HteForm
{
    public string? RuleSet { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public string? Domain { get; set; }
    public bool MajorIncident { get; set; }
    public int? IpClass1 { get; set; }
    public int? IpClass2 { get; set; }
    public int? IpSelfDeveloped { get; set; }

    /// <summary>Rows of the IP item table (optional); when any row is filled the counts may be left blank.</summary>
    public List<HteIpItemForm> IpItems { get; set; } = [];

    /// <summary>Rows the IP item table shows.</summary>
    public const int IpItemRows = 8;
    public int? Employees { get; set; }
    public int? StEmployees { get; set; }
    public decimal?[] SalesRevenue { get; set; } = new decimal?[3];
    public decimal?[] RdExpense { get; set; } = new decimal?[3];
    public decimal?[] NetAssets { get; set; } = new decimal?[3];
    public decimal? RdExpenseDomestic { get; set; }
    public decimal? HighTechRevenue { get; set; }
    public decimal? TotalRevenue { get; set; }
    public string? TechAdvancement { get; set; }
    public string? CoreSupport { get; set; }
    public string? IpAcquisition { get; set; }
    public bool Standards { get; set; }
    public int? Conversions { get; set; }
    public int? RdSystem { get; set; }
    public int? RdInstitution { get; set; }
    public int? ConversionIncentives { get; set; }
    public int? Talent { get; set; }

    /// <summary>A worked example (the reference enterprise of the rule tests): the verdict is "depends", 63–78 points.</summary>
    public static HteForm Example() => new()
    {
        RegisteredOn = new DateOnly(2018, 3, 1), AssessedOn = new DateOnly(2021, 6, 30), Domain = "electronic_information",
        IpClass1 = 1, IpClass2 = 6, IpSelfDeveloped = 7, Employees = 200, StEmployees = 40,
        SalesRevenue = [4000m, 5000m, 6000m], RdExpense = [200m, 250m, 300m], NetAssets = [1000m, 1200m, 1500m],
        RdExpenseDomestic = 600m, HighTechRevenue = 4800m, TotalRevenue = 6000m,
        TechAdvancement = "B", CoreSupport = "B", IpAcquisition = "", Standards = false, Conversions = 12,
        RdSystem = 5, RdInstitution = 5, ConversionIncentives = 3, Talent = 3,
    };

    /// <summary>The figures, or null with a <c>missing_field</c> problem (by JSON path) for each blank that is needed.</summary>
    public HteInput? ToInput(List<EnterpriseInputError> problems)
    {
        TValue Need<TValue>(TValue? value, string field) where TValue : struct
        {
            if (value is null) problems.Add(new EnterpriseInputError(field, "missing_field", T("请填写此项。", "Please fill this in.")));
            return value ?? default;
        }
        string Letter(string? value, string field)
        {
            if (string.IsNullOrEmpty(value)) problems.Add(new EnterpriseInputError(field, "missing_field", T("请选择一项。", "Please choose one.")));
            return value ?? "";
        }
        var count = problems.Count;
        // Item by item (工作指引: which items may be counted), the counts follow from the rows unless typed in as well.
        var items = IpItems.Where(i => !string.IsNullOrEmpty(i.Class))
            .Select(i => new HteIpItem(string.IsNullOrWhiteSpace(i.Name) ? null : i.Name.Trim(), i.Class == "I" ? HteIpClass.I : HteIpClass.II,
                i.SelfDeveloped, i.UsedBefore, i.JointlyOwned, i.JointlyOwned && i.DesignatedOwner))
            .ToList();
        HteIp ip;
        if (items.Count > 0)
        {
            var of = HteIp.Of(items);
            ip = new HteIp(IpClass1 ?? of.Class1, IpClass2 ?? of.Class2, IpSelfDeveloped ?? of.SelfDeveloped, items);
        }
        else ip = new HteIp(Need(IpClass1, "ip.class1"), Need(IpClass2, "ip.class2"), Need(IpSelfDeveloped, "ip.selfDeveloped"));
        var input = new HteInput(
            Need(RegisteredOn, "registeredOn"), Need(AssessedOn, "assessedOn"), string.IsNullOrEmpty(Domain) ? null : Domain,
            ip,
            Need(Employees, "employees"), Need(StEmployees, "stEmployees"),
            Years(SalesRevenue), Years(RdExpense), Need(RdExpenseDomestic, "rdExpenseDomestic"), Need(HighTechRevenue, "highTechRevenue"),
            Need(TotalRevenue, "totalRevenue"), Years(NetAssets),
            new HteInnovation(Letter(TechAdvancement, "innovation.techAdvancement"), Letter(CoreSupport, "innovation.coreSupport"),
                string.IsNullOrEmpty(IpAcquisition) ? null : IpAcquisition, Standards, Need(Conversions, "innovation.conversions"),
                new HteRdManagement(Need(RdSystem, "innovation.rdManagement.system"), Need(RdInstitution, "innovation.rdManagement.institution"),
                    Need(ConversionIncentives, "innovation.rdManagement.conversionIncentives"), Need(Talent, "innovation.rdManagement.talent"))),
            MajorIncident);
        if (Years(SalesRevenue).Count == 0)
            problems.Add(new EnterpriseInputError("salesRevenue", "missing_field", T("至少填写最近一年的销售收入。", "Give at least last year's sales revenue.")));
        return problems.Count > count ? null : input;
    }

    private static List<decimal> Years(decimal?[] values) => [.. values.Where(v => v is not null).Select(v => v!.Value)];
}

/// <summary>/enterprises/self-assessment: 高企自评 — a form, and on submit the verdict explained. Anonymous; nothing is stored.</summary>
public sealed class SelfAssessmentModel(EnterpriseRules rules, TimeProvider clock, Gaoxin.Data.GaoxinDb db) : PageModel
{
    [BindProperty] public HteForm Form { get; set; } = new();

    /// <summary>The zone the enterprise gives (optional), to list the policies that apply to it with the result.</summary>
    [BindProperty] public string? Zone { get; set; }

    public IReadOnlyList<Gaoxin.Data.Zones.ZoneSummary> Zones { get; private set; } = [];

    /// <summary>The public policies that apply after the result (high-tech enterprise policies when every condition holds).</summary>
    public Policies.ApplicablePolicies? Policies { get; private set; }

    public HteAssessmentResult? Result { get; private set; }

    /// <summary>The reserve pool's own answer on the result (null when eligible), worded.</summary>
    public PoolHint? Pool { get; private set; }

    public List<EnterpriseInputError> Problems { get; } = [];

    public IReadOnlyList<HteRuleSet> RuleSets => rules.All<HteRuleSet>();

    /// <summary>The rule set of the result, else the one in force on the form's date (for the domain list and the item maxima).</summary>
    public HteRuleSet Rules => (Result is { } r ? rules.Catalog.Get<HteRuleSet>(r.RuleSetId) : null)
        ?? rules.Pick<HteRuleSet>(Form.RuleSet, Form.AssessedOn ?? Today).Rules ?? RuleSets[0];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task OnGetAsync(bool example = false, CancellationToken ct = default)
    {
        Form = example ? HteForm.Example() : new HteForm { AssessedOn = Today };
        Zones = await Gaoxin.Data.Zones.ZoneRegistry.ListAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Zones = await Gaoxin.Data.Zones.ZoneRegistry.ListAsync(db, ct);
        var page = Assess();
        if (Result is { } result)
        {
            IReadOnlySet<string> types = result.Eligible == Eligibility.Yes ? new HashSet<string> { Gaoxin.Core.Policies.EnterpriseTypes.HighTech } : new HashSet<string>();
            Policies = await Features.Policies.ApplicablePolicies.FindAsync(db, Zones, Zone, types, clock.GetUtcNow(), ct);
        }
        return page;
    }

    private IActionResult Assess()
    {
        // Binding problems (a value that is not a number or a date) are reported like missing fields.
        foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0))
            Problems.Add(new EnterpriseInputError(FieldOf(key), "wrong_type", T("格式不正确。", "Not a valid value.")));
        if (Problems.Count > 0) return Page();
        if (Form.ToInput(Problems) is not { } input) return Page();
        var outcome = EnterpriseChecks.Hte(rules, input, Form.RuleSet);
        Problems.AddRange(outcome.Errors);
        Result = outcome.Result;
        Pool = Result is null ? null : EnterpriseChecks.Pool(rules, Result);
        return Page();
    }

    /// <summary>The problem on a field (by JSON path), in the visitor's language, or null.</summary>
    public string? ProblemAt(string field) => Problems.FirstOrDefault(p => p.Field == field) is { } p ? EnterpriseFormText.Message(p) : null;

    // "Form.SalesRevenue[0]" → "salesRevenue"; "Form.IpClass1" → "ip.class1"; "Form.IpItems[2].Class" → "ip.items".
    private static string FieldOf(string key)
    {
        var name = key.Replace("Form.", "", StringComparison.Ordinal);
        if (name.StartsWith("IpItems", StringComparison.Ordinal)) return "ip.items";
        if (name.IndexOf('[') is > 0 and var at) name = name[..at];
        return EnterpriseFormText.HteFields.TryGetValue(name, out var path) ? path : name;
    }

    /// <summary>The Chinese or English name of a domain code or name.</summary>
    public string DomainName(string domain) =>
        Rules.Domains.FirstOrDefault(d => d.Code == domain || d.Name == domain) is { } d ? T(d.Name, d.NameEn) : domain;
}
