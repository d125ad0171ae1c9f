using System.Text.Json;
using Gaoxin.Core.Collection;
using Gaoxin.Data.Collection;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Enterprises;

/// <summary>A high-tech enterprise certificate (高新技术企业证书) as entered: number, day issued, day it expires.</summary>
public sealed record HteCertificate(string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn)
{
    /// <summary>Valid on <paramref name="today"/>: it has an expiry and has not passed it.</summary>
    public bool ValidOn(DateOnly today) => ExpiresOn is { } expires && expires >= today;

    public static HteCertificate Of(EnterpriseRecord e) => new(e.HteCertificateNumber, e.HteCertifiedOn, e.HteExpiresOn);
}

/// <summary>What entering a certificate did: null <paramref name="Error"/> when it was stored, with the old and new certificate.</summary>
/// <param name="Error"><c>unknown_enterprise</c>, <c>forbidden</c>, <c>number_required</c>, <c>number_too_long</c>, <c>expires_before_issued</c>.</param>
/// <param name="Message">What went wrong, in English.</param>
public sealed record CertificateOutcome(string? Error, string? Message, HteCertificate? Old, HteCertificate? New)
{
    public bool Done => Error is null;

    public static CertificateOutcome Refused(string code, string message) => new(code, message, null, null);
}

/// <summary>
/// Enters an enterprise's high-tech enterprise certificate (<c>gaoxin enterprises certify</c>, PUT
/// /api/enterprises/{creditCode}/certificate, the form on /enterprises/{creditCode}). The certificate is the registry's, not
/// the yearly return's, so imports never touch it. The office enters any enterprise's, a zone operator their own zone's;
/// each entry is audited with the old and the new certificate.
/// </summary>
public static class HteCertificates
{
    /// <summary>How an entry is recorded in the audit.</summary>
    public const string AuditAction = "hte_certificate_set";

    /// <summary>A certificate is valid for three years from the day it is issued (《高新技术企业认定管理办法》第十二条).</summary>
    public const int ValidYears = 3;

    /// <summary>The longest certificate number the store keeps.</summary>
    public const int MaxNumberLength = 64;

    /// <summary>The expiry a certificate issued on <paramref name="issuedOn"/> has when none is given.</summary>
    public static DateOnly DefaultExpiry(DateOnly issuedOn) => issuedOn.AddYears(ValidYears);

    /// <summary>
    /// Stores the certificate of <paramref name="creditCode"/>: <paramref name="expiresOn"/> defaults to
    /// <see cref="DefaultExpiry"/>; a blank number, or an expiry before the issue day, is refused.
    /// </summary>
    public static async Task<CertificateOutcome> SetAsync(GaoxinDb db, Principal who, string creditCode, string? number, DateOnly issuedOn,
        DateOnly? expiresOn, string via, TimeProvider clock, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null) return CertificateOutcome.Refused("unknown_enterprise", $"No enterprise '{code}' in the registry (import its returns first).");
        if (!ReservePoolStore.MayAct(who, enterprise.ZoneCode))
            return CertificateOutcome.Refused("forbidden", "Only the office or the enterprise's zone operators may enter its certificate.");
        var trimmed = number?.Trim() ?? "";
        if (trimmed.Length == 0) return CertificateOutcome.Refused("number_required", "The certificate number is empty.");
        if (trimmed.Length > MaxNumberLength)
            return CertificateOutcome.Refused("number_too_long", $"The certificate number is longer than {MaxNumberLength} characters.");
        var expires = expiresOn ?? DefaultExpiry(issuedOn);
        if (expires < issuedOn)
            return CertificateOutcome.Refused("expires_before_issued", $"The expiry {expires:yyyy-MM-dd} is before the issue date {issuedOn:yyyy-MM-dd}.");

        var old = HteCertificate.Of(enterprise);
        var updated = new HteCertificate(trimmed, issuedOn, expires);
        enterprise.HteCertificateNumber = trimmed;
        enterprise.HteCertifiedOn = issuedOn;
        enterprise.HteExpiresOn = expires;
        db.Audit.Add(new AuditRecord
        {
            At = clock.GetUtcNow(), Actor = who.Name, Via = via, UnitCode = enterprise.ZoneCode, Year = issuedOn.Year, Action = AuditAction,
            ElementCode = code, Comment = $"{Describe(old)} → {Describe(updated)}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new CertificateOutcome(null, null, old, updated);
    }

    /// <summary>A certificate as the audit keeps it: <c>{"number":…,"issuedOn":"yyyy-MM-dd","expiresOn":"yyyy-MM-dd"}</c>.</summary>
    public static string Describe(HteCertificate c) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["number"] = c.Number, ["issuedOn"] = c.IssuedOn?.ToString("yyyy-MM-dd"), ["expiresOn"] = c.ExpiresOn?.ToString("yyyy-MM-dd"),
    }, AuditJson);

    /// <summary>The data element the recognitions fill: certificates issued in the year (家).</summary>
    public const string RecognisedElement = "hte_certified";

    /// <summary>
    /// The certificates issued in each year, per zone (see <see cref="Core.Enterprises.HteRecognitions"/>), as values of
    /// <see cref="RecognisedElement"/> when the data set has it. Once any certificate is recorded every zone gets its figure,
    /// zeros included; before that there are none, and the targets they feed say “no data” rather than zero.
    /// </summary>
    public static async Task<List<DataValue>> ValuesAsync(GaoxinDb db, DataSetDefinition set, IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        if (years.Count == 0 || !set.Elements.Any(e => e.Code == RecognisedElement && !e.ProvinceLevel)) return [];
        var certificates = (await db.Enterprises.AsNoTracking().Where(e => e.HteCertifiedOn != null)
            .Select(e => new { e.ZoneCode, e.HteCertifiedOn }).ToListAsync(cancellationToken))
            .Select(e => (e.ZoneCode, e.HteCertifiedOn!.Value)).ToList();
        if (certificates.Count == 0) return [];
        var zones = await db.Zones.AsNoTracking().Select(z => z.Code).ToListAsync(cancellationToken);
        return Core.Enterprises.HteRecognitions.Count(certificates, zones, years)
            .Select(c => new DataValue(c.Key.Zone, c.Key.Year, RecognisedElement, c.Value)).ToList();
    }

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
