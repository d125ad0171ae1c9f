using System.Globalization;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Enterprises;
using Gaoxin.Data;
using Gaoxin.Data.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// What an upload of enterprise returns did: the import's outcome when it ran, or the rows refused before it (a zone
/// operator's file naming another zone). <see cref="Forbidden"/> when the uploader may not import at all.
/// </summary>
public sealed record EnterpriseUploadResult(bool Forbidden, EnterpriseImportOutcome? Outcome, IReadOnlyList<DataProblem> Problems, int ErrorCount)
{
    public bool Applied => Outcome is { Applied: true };
}

/// <summary>
/// An uploaded returns CSV (POST /api/enterprises/import and the form on /enterprises) through the CLI's own import,
/// <see cref="EnterpriseImport.ImportAsync"/>: same validation, all or nothing, same audit. The office may upload any
/// zone's rows; a zone operator only their own zone's, and a file with any row naming another zone is refused whole
/// before anything is written, each such row located at its <c>zone</c> column.
/// </summary>
public static class EnterpriseUpload
{
    public static Task<EnterpriseUploadResult> ImportAsync(GaoxinDb db, IFormFile file, Principal who, EnterpriseRules rules, string via,
        TimeProvider clock, CancellationToken ct) =>
        ImportAsync(db, file.OpenReadStream, Path.GetFileName(file.FileName) is { Length: > 0 } n ? n : "upload.csv", who, rules, via, clock, ct);

    /// <summary>
    /// The same for a file opened by <paramref name="open"/> (read twice for a zone operator: the zone check, then the
    /// import), reporting the import's progress to <paramref name="progress"/> (the background jobs).
    /// </summary>
    public static async Task<EnterpriseUploadResult> ImportAsync(GaoxinDb db, Func<Stream> open, string name, Principal who, EnterpriseRules rules,
        string via, TimeProvider clock, CancellationToken ct, Action<Data.Imports.ImportProgress>? progress = null)
    {
        var (allowed, own) = EnterpriseStore.Scope(who);
        if (!allowed) return new EnterpriseUploadResult(true, null, [], 0);
        if (own is not null)
        {
            await using var scan = open();
            var (problems, count) = await EnterpriseUploadScope.OtherZoneRowsAsync(db, scan, name, own, ct);
            if (count > 0) return new EnterpriseUploadResult(false, null, problems, count);
        }
        await using var stream = open();
        var outcome = await EnterpriseImport.ImportAsync(db, stream, name, who.Name, via, clock, ct, rules.GazelleCounting(), progress);
        return new EnterpriseUploadResult(false, outcome, outcome.Problems, outcome.ErrorCount);
    }
}

/// <summary>The certificate fields as typed (CLI options, JSON strings, form fields), read into dates with messages that name the field.</summary>
public static class CertificateInput
{
    /// <summary>
    /// Reads the issue date (required) and the expiry (optional, blank for the default); returns the refusal code
    /// (<c>issued_required</c>, <c>bad_date</c>) with the field and the text when a date is missing or unreadable.
    /// </summary>
    public static (DateOnly IssuedOn, DateOnly? ExpiresOn, (string Code, string Field, string? Value)? Error) Read(string? issuedOn, string? expiresOn,
        string issuedField = "issuedOn", string expiresField = "expiresOn")
    {
        if (string.IsNullOrWhiteSpace(issuedOn)) return (default, null, ("issued_required", issuedField, null));
        if (!TryDate(issuedOn, out var issued)) return (default, null, ("bad_date", issuedField, issuedOn.Trim()));
        if (string.IsNullOrWhiteSpace(expiresOn)) return (issued, null, null);
        if (!TryDate(expiresOn, out var expires)) return (default, null, ("bad_date", expiresField, expiresOn.Trim()));
        return (issued, expires, null);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// Why a certificate was refused, in Chinese or English: <paramref name="field"/> and <paramref name="value"/> name the
    /// date field and its text, or the credit code for <c>unknown_enterprise</c>.
    /// </summary>
    public static string Describe(string code, bool english, string? field = null, string? value = null) => code switch
    {
        "issued_required" => english ? $"{field}: enter the date the certificate was issued (yyyy-MM-dd)." : $"{field}:请填写发证日期(yyyy-MM-dd)。",
        "bad_date" => english ? $"{field}: \"{value}\" is not a date; write it as 2023-11-20." : $"{field}:“{value}”不是日期,请写作 2023-11-20。",
        "number_required" => english ? "The certificate number is empty; enter it as printed on the certificate." : "证书编号为空,请按证书所载填写。",
        "number_too_long" => english
            ? $"The certificate number is longer than {HteCertificates.MaxNumberLength} characters."
            : $"证书编号超过 {HteCertificates.MaxNumberLength} 个字符。",
        "expires_before_issued" => english
            ? "The expiry date is before the issue date; leave it blank for the usual three years."
            : "有效期截止日早于发证日期;留空则按发证之日起三年计。",
        "unknown_enterprise" => english
            ? $"No enterprise '{value}' in the registry; import its returns first."
            : $"企业名录中没有“{value}”,请先导入其年报。",
        "forbidden" => english
            ? "Only the office or the enterprise's own zone operators may enter its certificate."
            : "只有省高新区办公室或企业所在高新区的填报员可以录入其证书。",
        _ => code,
    };
}
