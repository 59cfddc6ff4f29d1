namespace CloudTrust.Engine.Journal;

/// <summary>The kinds of entries in an instance's journal.</summary>
public enum HistoryEventKind
{
    /// <summary>The instance began executing; its timestamp is the workflow's first current time.</summary>
    ExecutionStarted,

    /// <summary>The workflow asked for an activity (name and input recorded).</summary>
    ActivityScheduled,

    /// <summary>An activity returned (output recorded).</summary>
    ActivityCompleted,

    /// <summary>An activity failed on its last attempt (failure recorded).</summary>
    ActivityFailed,

    /// <summary>The workflow created a durable timer (fire time recorded).</summary>
    TimerCreated,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>The workflow began waiting for an external event (name and deadline recorded).</summary>
    EventWaitStarted,

    /// <summary>An external event was delivered to a wait (payload recorded).</summary>
    EventReceived,

    /// <summary>A wait for an external event ran out of time.</summary>
    EventTimedOut,

    /// <summary>The workflow returned (output recorded).</summary>
    ExecutionCompleted,

    /// <summary>The workflow threw (failure recorded).</summary>
    ExecutionFailed,

    /// <summary>The workflow asked for a sub-workflow (name, child instance id and input recorded); the child is started after this is journaled.</summary>
    SubWorkflowScheduled,

    /// <summary>A sub-workflow completed (its output recorded).</summary>
    SubWorkflowCompleted,

    /// <summary>A sub-workflow failed or was terminated (its failure recorded).</summary>
    SubWorkflowFailed,

    /// <summary>
    /// The execution ended by continuing as new (the new input recorded): the last entry of an execution, which is then
    /// archived, and the instance starts again with an empty journal.
    /// </summary>
    ExecutionContinuedAsNew,

    /// <summary>
    /// The workflow raised an event on another instance (target id, event name and payload recorded); the event was put
    /// in the target's inbox in the same transaction, unless the target had finished. It has no answer.
    /// </summary>
    EventSent,
}

/// <summary>Helpers over <see cref="HistoryEventKind"/>.</summary>
public static class HistoryEventKindExtensions
{
    /// <summary>Returns whether the kind records something the workflow asked for (as opposed to an answer).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><c>true</c> for scheduled activities and sub-workflows, created timers, started waits and sent events.</returns>
    public static bool IsRequest(this HistoryEventKind kind)
        => kind is HistoryEventKind.ActivityScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.EventWaitStarted
            or HistoryEventKind.SubWorkflowScheduled or HistoryEventKind.EventSent;

    /// <summary>Returns whether the kind answers an earlier request.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><c>true</c> for activity and sub-workflow results, fired timers and received or timed-out events.</returns>
    public static bool IsAnswer(this HistoryEventKind kind)
        => kind is HistoryEventKind.ActivityCompleted or HistoryEventKind.ActivityFailed or HistoryEventKind.TimerFired
            or HistoryEventKind.EventReceived or HistoryEventKind.EventTimedOut
            or HistoryEventKind.SubWorkflowCompleted or HistoryEventKind.SubWorkflowFailed;
}
