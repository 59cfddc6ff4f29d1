namespace CloudTrust.Core.Rollout.Plan;

/// <summary>What a readiness finding does to the rollout: stop it before anything is assigned, or go on and say so.</summary>
public enum FindingSeverity
{
    /// <summary>The rollout is blocked in preflight; nothing is assigned.</summary>
    Block,

    /// <summary>The rollout goes on; the finding is named in its status and report.</summary>
    Warn,
}
