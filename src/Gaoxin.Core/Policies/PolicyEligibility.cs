namespace Gaoxin.Core.Policies;

/// <summary>The structured conditions of a policy: where it applies and to which kinds of enterprise.</summary>
/// <param name="Id">The policy's id.</param>
/// <param name="Zones">Zone codes it applies in; empty means province-wide.</param>
/// <param name="TargetTypes">
/// Enterprise type codes (<see cref="EnterpriseTypes"/>) it is aimed at; empty means the policy names no enterprise beneficiary
/// (a document addressed to the zones themselves), so no enterprise is told that it applies.
/// </param>
/// <param name="Status">Its status on the day asked about.</param>
public sealed record PolicyConditions(string Id, IReadOnlyList<string> Zones, IReadOnlyList<string> TargetTypes, PolicyStatus Status);

/// <summary>What is known of an enterprise: the zone it is in (null when it did not say) and the types it qualifies for.</summary>
/// <param name="Zone">Zone code, or null.</param>
/// <param name="Types">Enterprise type codes it qualifies for (<see cref="EnterpriseTypes"/>); <c>any</c> is implied.</param>
public sealed record EnterpriseFacts(string? Zone, IReadOnlySet<string> Types);

/// <summary>Why a policy applies to an enterprise.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="MatchedType">The enterprise type that met the policy's type condition (<c>any</c> when the policy is for any enterprise).</param>
/// <param name="MatchedZone">The zone that met the zone condition, or null when the policy is province-wide.</param>
public sealed record PolicyMatch(string PolicyId, string MatchedType, string? MatchedZone);

/// <summary>Which policies apply to an enterprise, and why.</summary>
public static class PolicyEligibility
{
    /// <summary>
    /// The policies of <paramref name="policies"/> that apply to the enterprise, in the given order, each with its reason. A policy
    /// applies when it is in force (or in force as amended), when it is province-wide or names the enterprise's zone, and when
    /// it is aimed at any enterprise or at a type the enterprise qualifies for. A zone policy never applies to an enterprise
    /// that gave no zone; a policy that names no enterprise beneficiary never applies.
    /// </summary>
    /// <param name="policies">The candidate policies with their conditions.</param>
    /// <param name="enterprise">The enterprise's facts.</param>
    public static IReadOnlyList<PolicyMatch> Apply(IEnumerable<PolicyConditions> policies, EnterpriseFacts enterprise)
    {
        var matches = new List<PolicyMatch>();
        foreach (var policy in policies)
        {
            if (policy.Status is not (PolicyStatus.InForce or PolicyStatus.Amended)) continue;
            string? zone = null;
            if (policy.Zones.Count > 0)
            {
                if (enterprise.Zone is null || !policy.Zones.Contains(enterprise.Zone)) continue;
                zone = enterprise.Zone;
            }
            // The most specific reason first: a type the enterprise qualifies for, before "any enterprise".
            var type = EnterpriseTypes.All.FirstOrDefault(t => t != EnterpriseTypes.Any && policy.TargetTypes.Contains(t) && enterprise.Types.Contains(t))
                ?? (policy.TargetTypes.Contains(EnterpriseTypes.Any) ? EnterpriseTypes.Any : null);
            if (type is null) continue;
            matches.Add(new PolicyMatch(policy.Id, type, zone));
        }
        return matches;
    }
}
