using Gaoxin.Core.Policies;
using Gaoxin.Data;
using Gaoxin.Data.Policies;
using Gaoxin.Data.Zones;

namespace Gaoxin.Features.Policies;

/// <summary>The public policies that apply to an enterprise after a self-check, with the zone it gave (optional) and the types it qualifies for.</summary>
public sealed record ApplicablePolicies(string? Zone, string? ZoneName, IReadOnlySet<string> Types, IReadOnlyList<(PublicPolicy Policy, PolicyMatch Match)> Items)
{
    /// <summary>Looks them up (<see cref="PolicyEligibility"/> over the public policies); an unknown zone counts as none given.</summary>
    public static async Task<ApplicablePolicies> FindAsync(GaoxinDb db, IReadOnlyList<ZoneSummary> zones, string? zone, IReadOnlySet<string> types, DateTimeOffset now,
        CancellationToken ct)
    {
        var known = zones.FirstOrDefault(z => z.Code == zone);
        var items = await PolicyStore.ApplicableAsync(db, new EnterpriseFacts(known?.Code, types), now, ct);
        return new ApplicablePolicies(known?.Code, known is null ? null : Shared.Text.T(known.Name, known.NameEn), types, items);
    }

    /// <summary>Why a policy applies, in the visitor's language.</summary>
    public string Reason(PolicyMatch match)
    {
        var type = match.MatchedType == EnterpriseTypes.Any
            ? Shared.Text.T("适用于任何企业", "for any enterprise")
            : Shared.Text.T($"适用于{EnterpriseTypes.NameZh(match.MatchedType)}", $"for {EnterpriseTypes.NameEn(match.MatchedType).ToLowerInvariant()}");
        var where = match.MatchedZone is null ? Shared.Text.T("全省适用", "province-wide") : Shared.Text.T($"适用于{ZoneName}", $"applies in {ZoneName}");
        return Shared.Text.T($"{type};{where}", $"{type}; {where}");
    }
}
