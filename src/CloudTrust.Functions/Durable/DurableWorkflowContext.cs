using CloudTrust.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Functions.Durable;

/// <summary>
/// Runs a Core workflow under Durable Functions: each <see cref="IWorkflowContext"/> member forwards to the one
/// <see cref="TaskOrchestrationContext"/> member the mapping table in <see cref="IWorkflowContext"/> names.
/// Checked against microsoft/durabletask-dotnet src/Abstractions: TaskOrchestrationContext.cs (CallActivityAsync,
/// CreateTimer(DateTime, CancellationToken), WaitForExternalEvent(name, TimeSpan) throwing TaskCanceledException on
/// timeout, CreateReplaySafeLogger(string categoryName): there is no overload taking an ILogger; the factory behind it is the
/// function's own, FunctionsOrchestrationContext.LoggerFactory in azure-functions-durable-extension), RetryPolicy.cs, TaskOptions.cs (FromRetryPolicy),
/// TaskFailedException.cs (FailureDetails), CallSubOrchestratorAsync with SubOrchestrationOptions(instanceId:) (TaskOptions.cs) and
/// ContinueAsNew(newInput, preserveUnprocessedEvents). Activities are called by function name (<see cref="Api.FunctionNames.FunctionFor"/>).
/// </summary>
/// <param name="inner">The Durable Task orchestration context.</param>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext inner) : IWorkflowContext
{
    public string InstanceId => inner.InstanceId;

    public string Name => inner.Name.Name;

    public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
    {
        var options = retry is null || retry.MaxAttempts == 1
            ? null
            : TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstRetryDelay, retry.BackoffCoefficient, retry.MaxRetryDelay));
        try
        {
            return await inner.CallActivityAsync<TResult>(Api.FunctionNames.FunctionFor(name), input, options);
        }
        catch (TaskFailedException ex)
        {
            throw new ActivityFailedException(name, retry?.MaxAttempts ?? 1, ToFailure(ex.FailureDetails));
        }
    }

    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId)
    {
        try
        {
            return await inner.CallSubOrchestratorAsync<TResult>(name, input, new SubOrchestrationOptions(instanceId: instanceId));
        }
        catch (TaskFailedException ex)
        {
            throw new SubWorkflowFailedException(name, instanceId, ToFailure(ex.FailureDetails));
        }
    }

    public void ContinueAsNew(object? input, bool preserveUnprocessedEvents = true) => inner.ContinueAsNew(input, preserveUnprocessedEvents);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await inner.WaitForExternalEvent<T>(eventName, cancellationToken);
        }

        try
        {
            return await inner.WaitForExternalEvent<T>(eventName, timeout);
        }
        catch (TaskCanceledException)
        {
            throw new ExternalEventTimeoutException(eventName, timeout);
        }
    }

    // Durable journals the send as an orchestrator action (EventSent) and drops an event to a finished instance.
    public void SendEvent(string instanceId, string eventName, object? payload) => inner.SendEvent(instanceId, eventName, payload!);

    public void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public Guid NewGuid() => inner.NewGuid();

    public ILogger CreateReplaySafeLogger(string categoryName) => inner.CreateReplaySafeLogger(categoryName);

    private static WorkflowFailure ToFailure(TaskFailureDetails details)
        => new(details.ErrorType, details.ErrorMessage, details.InnerFailure is { } inner ? ToFailure(inner) : null);
}
