using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>
/// Input of <see cref="RolloutActivityNames.ResolveRingGroups"/>: the plan's group display names and group ids, ring by
/// ring. Names resolve to ids; ids are checked to exist, so a mistyped id is a plan error before anything is written.
/// </summary>
/// <param name="RingGroupNames">Element i holds <c>rings[i].groupNames</c> (empty for a ring that names none), so errors carry the plan path.</param>
/// <param name="CreateMissing">The plan's <c>createMissingGroups</c>: create an assigned-membership security group for a name that has none.</param>
/// <param name="RingGroupIds">Element i holds <c>rings[i].groupIds</c>; null when only names are resolved.</param>
public sealed record ResolveRingGroupsInput(IReadOnlyList<IReadOnlyList<string>> RingGroupNames, bool CreateMissing, IReadOnlyList<IReadOnlyList<Guid>>? RingGroupIds = null)
{
    /// <summary>The input that resolves a plan's names and checks its ids, as the rollout's preflight and <c>cloudtrust plan</c> both do.</summary>
    /// <param name="plan">A plan read by <c>RolloutPlanReader</c>, before its names are resolved.</param>
    /// <returns>The input.</returns>
    public static ResolveRingGroupsInput For(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ResolveRingGroupsInput(
            [.. plan.Rings.Select(r => (IReadOnlyList<string>)(r.GroupNames ?? []))],
            plan.CreateMissingGroups,
            [.. plan.Rings.Select(r => r.GroupIds)]);
    }
}

/// <summary>Output of <see cref="RolloutActivityNames.ResolveRingGroups"/>.</summary>
/// <param name="GroupIds">Display name → group id for every name that resolved (or was created); feed it to <c>RolloutPlan.WithResolvedGroups</c>.</param>
/// <param name="Created">Names of the groups this call created.</param>
/// <param name="Errors">Plan errors, for example <c>rings[1].groupNames[0]: no Entra group named 'X'</c> or <c>rings[0].groupIds[1]: no Entra group has id …</c>; when any, nothing was created.</param>
public sealed record ResolveRingGroupsResult(IReadOnlyDictionary<string, Guid> GroupIds, IReadOnlyList<string> Created, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Gets whether every name resolved and every id exists.</summary>
    public bool IsResolved => Errors.Count == 0;
}
