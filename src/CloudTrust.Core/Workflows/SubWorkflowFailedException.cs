namespace CloudTrust.Core.Workflows;

/// <summary>
/// Thrown into a parent workflow when a sub-workflow it called failed (its code threw, or it was terminated). The
/// parent can catch it and decide; <see cref="Failure"/> says what the child threw. On Azure Durable Functions this is
/// what <c>TaskFailedException</c> from <c>CallSubOrchestratorAsync</c> becomes (its <c>FailureDetails</c>).
/// </summary>
public sealed class SubWorkflowFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SubWorkflowFailedException"/> class.</summary>
    /// <param name="workflowName">The sub-workflow's registered name.</param>
    /// <param name="instanceId">The child instance's id.</param>
    /// <param name="failure">What the child threw.</param>
    public SubWorkflowFailedException(string workflowName, string instanceId, WorkflowFailure failure)
        : base($"sub-workflow '{workflowName}' (instance '{instanceId}') failed: {failure?.Message}")
    {
        ArgumentNullException.ThrowIfNull(failure);
        WorkflowName = workflowName;
        InstanceId = instanceId;
        Failure = failure;
    }

    /// <summary>Gets the sub-workflow's registered name.</summary>
    public string WorkflowName { get; }

    /// <summary>Gets the child instance's id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets what the child threw.</summary>
    public WorkflowFailure Failure { get; }
}
