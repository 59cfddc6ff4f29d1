namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>How a rollout ended.</summary>
public enum RolloutOutcome
{
    /// <summary>Every ring passed its gate (or a person resumed it).</summary>
    Completed,

    /// <summary>The plan is invalid; nothing was read or written.</summary>
    InvalidPlan,

    /// <summary>Preflight found conflicts or unhealthy Kerberos servers; nothing was written.</summary>
    Blocked,

    /// <summary>A person aborted the rollout.</summary>
    Aborted,
}
