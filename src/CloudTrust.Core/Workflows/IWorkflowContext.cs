using Microsoft.Extensions.Logging;

namespace CloudTrust.Core.Workflows;

/// <summary>
/// The host-neutral API every CloudTrust workflow is written against. Workflows never do I/O, read the
/// clock or random numbers, or hold secrets themselves: they ask this context, which journals every
/// answer so that a replay after a crash sees the same values.
/// </summary>
/// <remarks>
/// Two hosts implement it: the local SQLite engine (<c>CloudTrust.Engine</c>) and the Azure Durable
/// Functions adapter (<c>CloudTrust.Functions</c>), which wraps Microsoft.DurableTask's
/// <c>TaskOrchestrationContext</c> one-to-one:
/// <code>
/// IWorkflowContext                              Microsoft.DurableTask.TaskOrchestrationContext
/// --------------------------------------------  ------------------------------------------------------------
/// InstanceId                                    InstanceId
/// Name                                          Name (TaskName)
/// CurrentUtcDateTime                            CurrentUtcDateTime
/// IsReplaying                                   IsReplaying
/// CallActivityAsync&lt;T&gt;(name, input, retry)      CallActivityAsync&lt;T&gt;(name, input,
///                                                 TaskOptions.FromRetryPolicy(new RetryPolicy(maxAttempts,
///                                                 firstRetryInterval, backoffCoefficient, maxRetryInterval)))
///   failure: ActivityFailedException            TaskFailedException (FailureDetails.ErrorType / ErrorMessage)
/// CreateTimer(fireAt, token)                    CreateTimer(DateTime fireAt, CancellationToken)
/// WaitForExternalEvent&lt;T&gt;(name, timeout, token)  WaitForExternalEvent&lt;T&gt;(name, TimeSpan timeout)
///   timeout: ExternalEventTimeoutException      TaskCanceledException
/// SetCustomStatus(status)                       SetCustomStatus(object?)
/// NewGuid()                                     NewGuid() (name-based UUID from instance id and time)
/// CreateReplaySafeLogger(category)              CreateReplaySafeLogger(string categoryName)
/// CallSubWorkflowAsync&lt;T&gt;(name, input, id)      CallSubOrchestratorAsync&lt;T&gt;(name, input,
///                                                 new SubOrchestrationOptions(instanceId))
///   failure: SubWorkflowFailedException         TaskFailedException (FailureDetails of the child)
/// ContinueAsNew(input, preserveEvents)          ContinueAsNew(object? newInput, bool preserveUnprocessedEvents)
/// SendEvent(instanceId, name, payload)          SendEvent(string instanceId, string eventName, object eventData)
/// </code>
/// Checked against microsoft/durabletask-dotnet <c>src/Abstractions/TaskOrchestrationContext.cs</c> and
/// <c>src/Abstractions/RetryPolicy.cs</c>; the continue-as-new semantics follow "Eternal orchestrations"
/// (learn.microsoft.com/azure/durable-task/common/durable-task-eternal-orchestrations) and the reference page of
/// <c>TaskOrchestrationContext.ContinueAsNew(Object, Boolean)</c>.
/// </remarks>
public interface IWorkflowContext
{
    /// <summary>Gets the id of the running workflow instance.</summary>
    string InstanceId { get; }

    /// <summary>Gets the registered name of the running workflow.</summary>
    string Name { get; }

    /// <summary>Gets the replay-safe current time in UTC: the same value every replay sees at this point.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>Gets a value indicating whether the workflow is replaying journaled history.</summary>
    bool IsReplaying { get; }

    /// <summary>
    /// Calls an activity by name. The result is journaled before the workflow continues, so after a crash the
    /// activity is not run again.
    /// </summary>
    /// <typeparam name="TResult">The activity's output type.</typeparam>
    /// <param name="name">The activity's registered name.</param>
    /// <param name="input">A JSON-serialisable input; never a secret.</param>
    /// <param name="retry">How often to try again when the activity throws; <c>null</c> tries once.</param>
    /// <returns>The activity's output.</returns>
    /// <exception cref="ActivityFailedException">The activity failed on its last attempt.</exception>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null);

    /// <summary>Creates a durable timer that survives restarts; a timer due in the past fires at once.</summary>
    /// <param name="fireAt">When the timer fires, in UTC.</param>
    /// <param name="cancellationToken">Cancels the timer (the task then ends as cancelled).</param>
    /// <returns>A task that completes when the timer fires.</returns>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an external event. Events raised before the wait starts are buffered and delivered in
    /// arrival order.
    /// </summary>
    /// <typeparam name="T">The event payload type.</typeparam>
    /// <param name="eventName">The event's name (case-insensitive).</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The event payload.</returns>
    /// <exception cref="ExternalEventTimeoutException">No event arrived within <paramref name="timeout"/>.</exception>
    Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs another registered workflow as a child instance with the given id and waits for its output. The call is
    /// journaled like an activity: the child is started once (a replay or a restart finds it by its id and does not
    /// start it again) and its result is journaled in this workflow's history before this workflow sees it. The child
    /// is an ordinary instance with its own history, custom status and events; status queries read it by its id.
    /// </summary>
    /// <typeparam name="TResult">The child workflow's output type.</typeparam>
    /// <param name="name">The child workflow's registered name.</param>
    /// <param name="input">A JSON-serialisable input; never a secret.</param>
    /// <param name="instanceId">
    /// The child's instance id: deterministic (derived from <see cref="InstanceId"/>, for example the parent id and a
    /// ring), never random, so every replay names the same child.
    /// </param>
    /// <returns>The child's output (of its last execution, when it continued as new).</returns>
    /// <exception cref="SubWorkflowFailedException">The child failed or was terminated.</exception>
    Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId);

    /// <summary>
    /// Raises an external event on another instance (a child, for example) from within the workflow: fire and forget,
    /// journaled like a request, so a replay does not send it again. The event joins the target's buffered events like
    /// one raised by a client; an event sent to an instance that has finished or does not exist is dropped, as Durable
    /// drops it. Send only to an instance that exists already: on the local engine a child scheduled in the same step
    /// is created after the step is journaled, so an event sent to it then is dropped.
    /// </summary>
    /// <param name="instanceId">The target instance's id.</param>
    /// <param name="eventName">The event's name.</param>
    /// <param name="payload">A JSON-serialisable payload; never a secret.</param>
    void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>
    /// Ends the current execution of this workflow once its code returns and starts a new execution of the same
    /// instance (same id) with <paramref name="input"/> and a fresh, empty history — the way to loop for a long time
    /// without a history that grows. The value the code returns after calling this is ignored, and so are the results
    /// of tasks still pending (a timer not yet fired is dropped). The custom status stays until the new execution sets
    /// one. External events raised but not yet received are handed to the new execution when
    /// <paramref name="preserveUnprocessedEvents"/> is true, and dropped otherwise. A workflow that throws after calling
    /// this fails instead of continuing. Calling it again before returning replaces the input.
    /// </summary>
    /// <param name="input">The new execution's JSON-serialisable input; never a secret.</param>
    /// <param name="preserveUnprocessedEvents">Whether events not yet received carry over to the new execution.</param>
    void ContinueAsNew(object? input, bool preserveUnprocessedEvents = true);

    /// <summary>Sets the JSON-serialisable custom status that status queries show; never a secret.</summary>
    /// <param name="customStatus">The status object, or <c>null</c> to clear it.</param>
    void SetCustomStatus(object? customStatus);

    /// <summary>Returns a GUID that is the same on every replay of this point of the workflow.</summary>
    /// <returns>A deterministic GUID.</returns>
    Guid NewGuid();

    /// <summary>Creates a logger that writes nothing while the workflow replays.</summary>
    /// <param name="categoryName">The log category.</param>
    /// <returns>A replay-safe logger.</returns>
    ILogger CreateReplaySafeLogger(string categoryName);
}
