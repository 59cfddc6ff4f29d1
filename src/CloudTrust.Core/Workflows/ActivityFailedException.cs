namespace CloudTrust.Core.Workflows;

/// <summary>
/// Thrown into a workflow when an activity failed on its last attempt. The workflow can catch it and decide
/// (pause, report, compensate); <see cref="Failure"/> says what the activity threw.
/// </summary>
public sealed class ActivityFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ActivityFailedException"/> class.</summary>
    /// <param name="activityName">The activity that failed.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="failure">What the last attempt threw.</param>
    public ActivityFailedException(string activityName, int attempts, WorkflowFailure failure)
        : base($"activity '{activityName}' failed after {attempts} attempt(s): {failure.Message}")
    {
        ActivityName = activityName;
        Attempts = attempts;
        Failure = failure;
    }

    /// <summary>Gets the activity that failed.</summary>
    public string ActivityName { get; }

    /// <summary>Gets how many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>Gets what the last attempt threw.</summary>
    public WorkflowFailure Failure { get; }
}
