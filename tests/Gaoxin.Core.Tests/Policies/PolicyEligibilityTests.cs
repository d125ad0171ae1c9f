using Gaoxin.Core.Policies;

namespace Gaoxin.Core.Tests.Policies;

/// <summary>Which policies apply to an enterprise, worked out by hand from each policy's stated conditions.</summary>
public class PolicyEligibilityTests
{
    private static PolicyConditions P(string id, string[] zones, string[] types, PolicyStatus status = PolicyStatus.InForce) => new(id, zones, types, status);

    // The plan's own items with the conditions it states: 高新技术企业所得税减免 for high-tech enterprises, the 普惠性政策 for any
    // enterprise, 营口's zone policy in 营口 only, and a provincial document that names no enterprise beneficiary.
    private static readonly PolicyConditions[] Library =
    [
        P("hte-tax", [], ["hte"]),
        P("rd-deduction", [], ["any"]),
        P("yingkou-zone", ["yingkou"], ["any"]),
        P("upgrading-measures", [], []),
        P("sme-subsidy", [], ["tech_sme"]),
        P("shenda", ["shenyang", "dalian"], ["hte", "gazelle"]),
        P("old-hte", [], ["hte"], PolicyStatus.Expired),
        P("future-hte", [], ["hte"], PolicyStatus.NotYetInForce),
        P("amended-any", [], ["any"], PolicyStatus.Amended),
    ];

    private static IReadOnlyList<PolicyMatch> For(string? zone, params string[] types) => PolicyEligibility.Apply(Library, new EnterpriseFacts(zone, types.ToHashSet()));

    [Fact]
    public void A_high_tech_enterprise_in_Shenyang_gets_the_hte_tax_policy_and_the_province_wide_ones_but_not_Yingkous_zone_policy()
    {
        Assert.Equal(
            [new PolicyMatch("hte-tax", "hte", null), new PolicyMatch("rd-deduction", "any", null), new PolicyMatch("shenda", "hte", "shenyang"),
             new PolicyMatch("amended-any", "any", null)],
            For("shenyang", "hte"));
    }

    [Fact]
    public void An_enterprise_in_Yingkou_that_qualifies_as_nothing_gets_the_any_enterprise_policies_there_and_province_wide()
    {
        Assert.Equal(["rd-deduction", "yingkou-zone", "amended-any"], For("yingkou").Select(m => m.PolicyId));
        Assert.Equal("yingkou", For("yingkou").Single(m => m.PolicyId == "yingkou-zone").MatchedZone);
    }

    [Fact]
    public void Without_a_zone_no_zone_policy_applies()
    {
        Assert.Equal(["hte-tax", "rd-deduction", "amended-any"], For(null, "hte").Select(m => m.PolicyId));
    }

    [Fact]
    public void A_policy_naming_no_beneficiary_expired_or_not_yet_in_force_never_applies()
    {
        var all = For("shenyang", "hte", "tech_sme", "gazelle", "hte_reserve").Select(m => m.PolicyId).ToList();
        Assert.DoesNotContain("upgrading-measures", all);
        Assert.DoesNotContain("old-hte", all);
        Assert.DoesNotContain("future-hte", all);
        Assert.Contains("sme-subsidy", all);
    }

    [Fact]
    public void The_reason_is_the_specific_type_before_any_enterprise()
    {
        var both = PolicyEligibility.Apply([P("x", [], ["any", "gazelle"])], new EnterpriseFacts(null, new HashSet<string> { "gazelle" }));
        Assert.Equal("gazelle", both.Single().MatchedType);
    }

    [Theory]
    [InlineData(null, null, null, "2020-01-01", PolicyStatus.InForce)]
    [InlineData("2020-01-01", "2020-12-31", null, "2020-12-31", PolicyStatus.InForce)] // the last day still counts
    [InlineData("2020-01-01", "2020-12-31", null, "2021-01-01", PolicyStatus.Expired)]
    [InlineData("2021-01-01", null, null, "2020-12-31", PolicyStatus.NotYetInForce)]
    [InlineData(null, null, "辽政发〔2019〕1号", "2020-01-01", PolicyStatus.Amended)]
    [InlineData(null, "2019-12-31", "辽政发〔2019〕1号", "2020-01-01", PolicyStatus.Expired)] // expiry wins over amendment
    public void Status_is_derived_from_the_dates_and_the_amending_document(string? from, string? until, string? amendedBy, string today, PolicyStatus expected)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, PolicyValidity.StatusOn(D(from), D(until), amendedBy, D(today)!.Value));
    }

    [Fact]
    public void Uploaded_files_are_judged_by_their_first_bytes()
    {
        Assert.Equal("image/png", UploadedFileTypes.ImageType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal("image/jpeg", UploadedFileTypes.ImageType([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal("image/gif", UploadedFileTypes.ImageType("GIF89a.."u8));
        Assert.Equal("image/webp", UploadedFileTypes.ImageType("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Null(UploadedFileTypes.ImageType("<html><script>alert(1)</script>"u8));
        Assert.Null(UploadedFileTypes.ImageType("RIFF\0\0\0\0WAVE"u8));
        Assert.Equal("application/pdf", UploadedFileTypes.AttachmentType("a.pdf", "%PDF-1.7"u8));
        Assert.Null(UploadedFileTypes.AttachmentType("a.docx", "%PDF-1.7"u8));
        Assert.Null(UploadedFileTypes.AttachmentType("a.pdf", "<html>"u8));
        Assert.Null(UploadedFileTypes.AttachmentType("a.exe", [0x50, 0x4B, 0x03, 0x04]));
    }
}
