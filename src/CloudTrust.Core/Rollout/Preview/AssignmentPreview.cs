using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Preview;

/// <summary>How the profile's assignment list would change, ring by ring, and what on it would be kept as it is.</summary>
/// <param name="Rings">Per ring, in rollout order: groups to add and groups already assigned.</param>
/// <param name="HandAddedGroups">Groups assigned now that the plan does not name; the rollout keeps them.</param>
/// <param name="OtherTargets">Non-group targets assigned now (for example <c>allDevicesAssignmentTarget</c>, exclusions); kept.</param>
public sealed record AssignmentPreview(IReadOnlyList<RingAssignmentPreview> Rings, IReadOnlyList<Guid> HandAddedGroups, IReadOnlyList<string> OtherTargets)
{
    /// <summary>Works out the per-ring changes from the plan and the groups assigned now (none when the profile does not exist yet).</summary>
    /// <param name="rings">The plan's rings.</param>
    /// <param name="assignedGroups">The groups the profile is assigned to now.</param>
    /// <param name="otherTargets">The profile's non-group targets now.</param>
    /// <returns>The preview.</returns>
    public static AssignmentPreview For(IReadOnlyList<RolloutRing> rings, IReadOnlyCollection<Guid> assignedGroups, IReadOnlyList<string> otherTargets)
    {
        ArgumentNullException.ThrowIfNull(rings);
        ArgumentNullException.ThrowIfNull(assignedGroups);
        var assigned = assignedGroups.ToHashSet();
        var planned = rings.SelectMany(r => r.GroupIds).ToHashSet();
        var perRing = rings
            .Select(r => new RingAssignmentPreview(r.Name, [.. r.GroupIds.Where(g => !assigned.Contains(g))], [.. r.GroupIds.Where(assigned.Contains)]))
            .ToList();
        return new AssignmentPreview(perRing, [.. assignedGroups.Where(g => !planned.Contains(g)).Distinct().Order()], otherTargets);
    }
}

/// <summary>One ring's assignment change.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="GroupsToAdd">Groups the rollout would add when it reaches this ring.</param>
/// <param name="AlreadyAssigned">Groups of this ring the profile is already assigned to.</param>
public sealed record RingAssignmentPreview(string Ring, IReadOnlyList<Guid> GroupsToAdd, IReadOnlyList<Guid> AlreadyAssigned);
