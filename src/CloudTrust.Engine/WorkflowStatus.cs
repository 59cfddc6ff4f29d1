namespace CloudTrust.Engine;

/// <summary>Where a workflow instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Created, not yet picked up by an engine.</summary>
    Pending,

    /// <summary>Running, or has an activity in flight.</summary>
    Running,

    /// <summary>Idle until a durable timer fires or an external event arrives.</summary>
    Waiting,

    /// <summary>Paused by an operator; resumes from its journal.</summary>
    Suspended,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with a failure.</summary>
    Failed,

    /// <summary>Stopped by an operator.</summary>
    Terminated,
}

/// <summary>Helpers over <see cref="WorkflowStatus"/>.</summary>
public static class WorkflowStatusExtensions
{
    /// <summary>Returns whether the status is final: nothing will change the instance again.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>true</c> for completed, failed and terminated.</returns>
    public static bool IsFinal(this WorkflowStatus status)
        => status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;

    /// <summary>Returns whether an engine should run (or is running) the instance.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>true</c> for pending, running and waiting.</returns>
    public static bool IsActive(this WorkflowStatus status)
        => status is WorkflowStatus.Pending or WorkflowStatus.Running or WorkflowStatus.Waiting;
}
