using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Rollout.Preview;

/// <summary>The other policies that defeat cloud trust on a group the plan targets (the rollout's preflight would stop on any).</summary>
/// <param name="Policies">The conflicting policies, with the plan groups they share and why they conflict.</param>
/// <param name="PoliciesExamined">How many policies other than ours were examined.</param>
public sealed record ConflictPreview(IReadOnlyList<PolicyConflict> Policies, int PoliciesExamined);
