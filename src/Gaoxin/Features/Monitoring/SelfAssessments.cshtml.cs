using Gaoxin.Data;
using Gaoxin.Data.Monitoring;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Monitoring;

/// <summary>/monitoring/reports/self-assessments/{year}: the office reads the zones' self-assessments sent to it and returns or accepts each.</summary>
public sealed class SelfAssessmentsModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public List<SelfAssessmentRecord> Sent { get; private set; } = [];
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public int Year { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sent = await MonitoringReportStore.SentSelfAssessmentsAsync(db, Year, ct);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
    }

    public Task<IActionResult> OnPostReturnAsync(string zone, int version, string? comment, CancellationToken ct) => StepAsync(zone, version, "return", comment, ct);

    public Task<IActionResult> OnPostAcceptAsync(string zone, int version, CancellationToken ct) => StepAsync(zone, version, "accept", null, ct);

    private async Task<IActionResult> StepAsync(string zone, int version, string action, string? comment, CancellationToken ct)
    {
        var (_, refused) = await MonitoringReportStore.SelfAssessmentStepAsync(db, zone, Year, action, version, null, comment, User.Caller(), "form", clock, ct);
        TempData["notice"] = refused is null ? MonitoringReportText.State(action == "return" ? "returned" : "accepted") : MonitoringReportText.Refusal(refused);
        return Redirect($"/monitoring/reports/self-assessments/{Year}#sa-{zone}");
    }
}
