using CloudTrust.Core.Rollout.Gate;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>The rollout's custom status: always the phase, ring, counts and gate verdict.</summary>
/// <param name="Phase">For example <c>preflight</c>, <c>verifying</c>, <c>paused</c>, <c>awaitingApproval</c>, <c>done</c>.</param>
/// <param name="Ring">The current ring's name, if any.</param>
/// <param name="RingNumber">The current ring, counting from 1 (0 before the first).</param>
/// <param name="RingCount">How many rings the plan has.</param>
/// <param name="Counts">The current ring's last counts.</param>
/// <param name="Verdict">The last gate verdict.</param>
/// <param name="Reasons">The gate's (or preflight's) reasons.</param>
/// <param name="WaitingFor">The events the rollout waits for, if any.</param>
public sealed record RolloutStatus(
    string Phase,
    string? Ring,
    int RingNumber,
    int RingCount,
    RingCounts? Counts,
    GateVerdict? Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> WaitingFor);
