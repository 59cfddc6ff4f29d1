namespace CloudTrust.Core.Workflows;

/// <summary>Conveniences over <see cref="IWorkflowContext"/> that every host gets for free.</summary>
public static class WorkflowContextExtensions
{
    /// <summary>Creates a durable timer that fires <paramref name="delay"/> after the workflow's current time.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the timer.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public static Task CreateTimer(this IWorkflowContext context, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CreateTimer(context.CurrentUtcDateTime.Add(delay), cancellationToken);
    }

    /// <summary>Calls an activity that returns nothing of interest.</summary>
    /// <param name="context">The workflow context.</param>
    /// <param name="name">The activity's registered name.</param>
    /// <param name="input">The activity input.</param>
    /// <param name="retry">The retry policy.</param>
    /// <returns>A task that completes when the activity's result is journaled.</returns>
    public static Task CallActivityAsync(this IWorkflowContext context, string name, object? input = null, ActivityRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<object?>(name, input, retry);
    }
}
