using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine.Execution;

/// <summary>What an executor needs from its engine to run sub-workflows: start a child by its id, hear when it stops, and wake an instance it sent an event.</summary>
internal interface IChildInstanceHost
{
    /// <summary>
    /// Creates the child instance unless one has that id already (then takes it up as it is: it may have continued as
    /// new with another input), and runs it when it is active. Returns why it cannot, or null.
    /// </summary>
    WorkflowFailure? EnsureChild(string workflowName, string childInstanceId, string? inputJson);

    /// <summary>Returns a task that completes when the child's executor in this engine stops, or null when none runs it here.</summary>
    Task? Stopped(string childInstanceId);

    /// <summary>Tells the executor of an instance this engine runs that an event was put in its inbox (no-op otherwise).</summary>
    void EventDelivered(string instanceId);
}
