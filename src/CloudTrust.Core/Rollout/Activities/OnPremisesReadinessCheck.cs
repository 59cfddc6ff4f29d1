using CloudTrust.Core.Rollout.Preview;

namespace CloudTrust.Core.Rollout.Activities;

/// <summary>Input of <see cref="RolloutActivityNames.CheckOnPremisesReadiness"/>.</summary>
/// <param name="Domains">The plan's AD DNS domains.</param>
/// <param name="Rings">Each ring's name and groups, in plan order.</param>
/// <param name="MaxNamedPerRing">How many denied users the result names per ring (the rest are counted).</param>
public sealed record OnPremisesReadinessInput(IReadOnlyList<string> Domains, IReadOnlyList<RingGroupsRef> Rings, int MaxNamedPerRing);

/// <summary>A ring as the on-premises readiness check needs it.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="GroupIds">Its groups.</param>
public sealed record RingGroupsRef(string Ring, IReadOnlyList<Guid> GroupIds);

/// <summary>Output of <see cref="RolloutActivityNames.CheckOnPremisesReadiness"/>.</summary>
/// <param name="Checked">False when the host has no agent to ask (nothing was read; nothing blocks).</param>
/// <param name="Readiness">What the agent read: domain controllers per site, and per ring the denied users (at most the input's bound named, with their count).</param>
public sealed record OnPremisesReadinessResult(bool Checked, OnPremisesPreview? Readiness);
