using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.AssignGroups"/>: groups to add to and remove from the assignment list.</summary>
/// <param name="Mode">Settings catalog or custom OMA-URI.</param>
/// <param name="PolicyId">Our profile's id.</param>
/// <param name="Add">Groups to add (already present ones are left alone).</param>
/// <param name="Remove">Groups to remove (rollback); groups added by hand are never in this list.</param>
public sealed record AssignGroupsInput(ProfileMode Mode, string PolicyId, IReadOnlyList<Guid> Add, IReadOnlyList<Guid> Remove);

/// <summary>Output of <see cref="RolloutActivityNames.AssignGroups"/>.</summary>
/// <param name="Assigned">The whole assignment list after the call.</param>
/// <param name="Added">Groups this call actually added.</param>
/// <param name="Removed">Groups this call actually removed.</param>
public sealed record AssignGroupsResult(IReadOnlyList<Guid> Assigned, IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed);
