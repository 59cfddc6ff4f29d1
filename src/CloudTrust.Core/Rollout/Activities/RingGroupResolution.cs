using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.ResolveRingGroups"/>: the plan's group display names, ring by ring.</summary>
/// <param name="RingGroupNames">Element i holds <c>rings[i].groupNames</c> (empty for a ring that names none), so errors carry the plan path.</param>
/// <param name="CreateMissing">The plan's <c>createMissingGroups</c>: create an assigned-membership security group for a name that has none.</param>
public sealed record ResolveRingGroupsInput(IReadOnlyList<IReadOnlyList<string>> RingGroupNames, bool CreateMissing);

/// <summary>Output of <see cref="RolloutActivityNames.ResolveRingGroups"/>.</summary>
/// <param name="GroupIds">Display name → group id for every name that resolved (or was created); feed it to <c>RolloutPlan.WithResolvedGroups</c>.</param>
/// <param name="Created">Names of the groups this call created.</param>
/// <param name="Errors">Plan errors, for example <c>rings[1].groupNames[0]: no Entra group named 'X'</c>; when any, nothing was created.</param>
public sealed record ResolveRingGroupsResult(IReadOnlyDictionary<string, Guid> GroupIds, IReadOnlyList<string> Created, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Gets whether every name resolved.</summary>
    public bool IsResolved => Errors.Count == 0;
}
