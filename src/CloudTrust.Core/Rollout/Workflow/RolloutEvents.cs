namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>The external events the rollout workflow waits for.</summary>
public static class RolloutEvents
{
    /// <summary>A person approves going on to the next ring.</summary>
    public const string Approve = "approve";

    /// <summary>A person resumes a rollout paused by a failed gate (accepting the ring as it is).</summary>
    public const string Resume = "resume";

    /// <summary>A person stops the rollout (and, when asked, its assignments are rolled back).</summary>
    public const string Abort = "abort";
}
