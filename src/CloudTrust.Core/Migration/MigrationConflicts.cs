using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;

namespace CloudTrust.Core.Migration;

/// <summary>
/// Which conflicts the preflight scan found that a migration does not already deal with. A certificate-trust policy
/// is a conflict on a ring that stays on it; on a ring migrating from certificate trust the migration takes the
/// ring's groups out of its assignment list before cloud trust is assigned, so it no longer blocks.
/// </summary>
public static class MigrationConflicts
{
    /// <summary>Returns the conflicts that still block the rollout.</summary>
    /// <param name="conflicts">What the conflict scan found over every group of the plan.</param>
    /// <param name="analyses">Each ring's analysis, whose certificate-trust assignments its migration removes.</param>
    /// <returns>The conflicts left.</returns>
    public static IReadOnlyList<PolicyConflict> Outstanding(IReadOnlyList<PolicyConflict> conflicts, IReadOnlyList<RingAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(analyses);
        var removed = analyses.SelectMany(a => a.CertificateTrust.Policies)
            .SelectMany(p => p.GroupIds.Select(g => (Policy: p.SourceId.ToUpperInvariant(), Group: g)))
            .ToHashSet();
        return [.. conflicts.Where(c => !(c.Reasons.All(r => r == PolicyConflictRules.CertificateTrustReason)
            && c.GroupIds.All(g => removed.Contains((c.PolicyId.ToUpperInvariant(), g)))))];
    }
}
