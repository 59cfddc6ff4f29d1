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

    /// <summary>
    /// A person approves deleting the WHfB containers of one ring migrating from certificate trust; the payload is a
    /// <see cref="ContainerDeletionApproval"/> that must name that ring. <see cref="Approve"/> never stands in for it.
    /// </summary>
    public const string ApproveDeletion = "approveDeletion";
}
