using Gaoxin.Core.Applications;
using Gaoxin.Core.Collection;
using Gaoxin.Data;
using Gaoxin.Data.Applications;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Applications;

/// <summary>What the application form posts: the kind, the zone, the applicant, the proposed zone's names, and typed figures by element.</summary>
public sealed class ApplicationForm
{
    public string? Kind { get; set; }
    public string? Zone { get; set; }
    public int? Year { get; set; }
    public string? Applicant { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public string? City { get; set; }
    public string? County { get; set; }
    public Dictionary<string, decimal?> Figures { get; set; } = [];
}

/// <summary>
/// /applications: applications for status (the office: all; a zone's operator: their zone's; experts: all) and the form to
/// record one (the office for a county or city; a zone's operator for their own zone's proposal for national level).
/// </summary>
public sealed class IndexModel(GaoxinDb db, Checklists checklists, TimeProvider clock) : PageModel
{
    public List<ApplicationView> Applications { get; private set; } = [];
    public Checklists Checklists => checklists;
    public Dictionary<string, DataElement> Elements { get; private set; } = [];
    public List<ZoneSummary> Zones { get; private set; } = [];
    public Principal Who { get; private set; } = null!;
    public string? Message { get; private set; }

    [BindProperty] public ApplicationForm Form { get; set; } = new();

    private async Task LoadAsync(CancellationToken ct)
    {
        Who = User.Caller();
        Applications = await ApplicationStore.ListAsync(db, Who, null, null, ct);
        Elements = (await DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code);
        Zones = (await ZoneRegistry.ListAsync(db, ct)).Where(z => Who.IsAdmin || z.Code == Who.Zone).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var (id, refused) = await ApplicationStore.SubmitAsync(db, User.Caller(), new ApplicationInput(Form.Kind, Form.Zone, Form.Year, Form.Applicant,
            Form.Name, Form.NameEn, Form.City, Form.County, Form.Figures), checklists.All, "form", clock, ct);
        if (refused is null) return Redirect($"/applications/{id}");
        if (refused is "forbidden") return Forbid();
        Message = ApplicationsText.Refusal(refused);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The elements the checklists read, in order (each once).</summary>
    public IEnumerable<string> FormElements => checklists.All.SelectMany(c => c.Conditions).Select(c => c.Element).Distinct();
}
