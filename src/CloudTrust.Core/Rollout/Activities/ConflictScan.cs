namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.FindConflicts"/>.</summary>
/// <param name="ProfileName">Our profile's name (our own policy is never a conflict).</param>
/// <param name="GroupIds">Every group the plan targets.</param>
public sealed record ConflictScanInput(string ProfileName, IReadOnlyList<Guid> GroupIds);

/// <summary>Output of <see cref="RolloutActivityNames.FindConflicts"/>.</summary>
/// <param name="Conflicts">The conflicting policies; empty when the rollout may go on.</param>
/// <param name="PoliciesExamined">How many policies were examined.</param>
public sealed record ConflictScanResult(IReadOnlyList<PolicyConflict> Conflicts, int PoliciesExamined);

/// <summary>Another policy that defeats cloud trust on a group the plan targets.</summary>
/// <param name="PolicyId">Its id.</param>
/// <param name="PolicyName">Its name.</param>
/// <param name="GroupIds">The plan groups it is assigned to.</param>
/// <param name="Reasons">Which settings conflict.</param>
public sealed record PolicyConflict(string PolicyId, string PolicyName, IReadOnlyList<Guid> GroupIds, IReadOnlyList<string> Reasons);
