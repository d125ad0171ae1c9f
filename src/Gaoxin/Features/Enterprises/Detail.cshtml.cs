using Gaoxin.Data;
using Gaoxin.Data.Enterprises;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// /enterprises/{creditCode}: one enterprise, its certificate and its returns by year, and the form to enter its high-tech
/// enterprise certificate (the office for any enterprise, a zone operator for their own zone's).
/// </summary>
public sealed class DetailModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    public EnterpriseDetail Detail { get; private set; } = null!;
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);
    public HteCertificate Certificate => HteCertificate.Of(Detail.Enterprise);
    /// <summary>May the signed-in user enter this enterprise's certificate?</summary>
    public bool MayCertify { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The refused form's fields, shown again as typed.</summary>
    public (string? Number, string? IssuedOn, string? ExpiresOn)? Typed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        var who = User.Caller();
        return await LoadAsync(who, creditCode, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Core.Collection.Principal who, string creditCode, CancellationToken ct)
    {
        var (_, own) = EnterpriseStore.Scope(who);
        if (await EnterpriseStore.GetAsync(db, creditCode, own, ct) is not { } detail) return false;
        Detail = detail;
        MayCertify = ReservePoolStore.MayAct(who, detail.Enterprise.ZoneCode);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        return true;
    }

    public async Task<IActionResult> OnPostCertificateAsync(string creditCode, string? number, string? issuedOn, string? expiresOn, CancellationToken ct)
    {
        var who = User.Caller();
        var (_, own) = EnterpriseStore.Scope(who);
        if (await EnterpriseStore.GetAsync(db, creditCode, own, ct) is null) return NotFound();
        var (issued, expires, bad) = CertificateInput.Read(issuedOn, expiresOn, Shared.Text.T("发证日期", "Issued on"), Shared.Text.T("有效期至", "Expires on"));
        string? refusal;
        if (bad is { } b) refusal = CertificateInput.Describe(b.Code, Shared.Text.IsEnglish, b.Field, b.Value);
        else
        {
            var outcome = await HteCertificates.SetAsync(db, who, creditCode, number, issued, expires, Data.Collection.ReportStore.Via.Form, clock, ct);
            if (outcome.Error == "forbidden") return Forbid();
            if (outcome.Done)
            {
                TempData["notice"] = Shared.Text.T(
                    $"已录入高新技术企业证书 {outcome.New!.Number},有效期至 {outcome.New.ExpiresOn:yyyy-MM-dd}。",
                    $"High-tech enterprise certificate {outcome.New!.Number} entered; valid until {outcome.New.ExpiresOn:yyyy-MM-dd}.");
                return RedirectToPage(new { creditCode = creditCode.Trim().ToUpperInvariant() });
            }
            refusal = CertificateInput.Describe(outcome.Error!, Shared.Text.IsEnglish, value: creditCode);
        }
        if (!await LoadAsync(who, creditCode, ct)) return NotFound();
        Notice = refusal;
        Typed = (number, issuedOn, expiresOn);
        return Page();
    }
}
