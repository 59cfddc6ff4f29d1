using System.Text.Json;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Engine.Execution;

/// <summary>
/// The local engine's <see cref="IWorkflowContext"/>: records what the workflow asks for, in order, and hands
/// back tasks the executor completes from the journal (replay) or from live work.
/// </summary>
internal sealed class EngineWorkflowContext(string instanceId, string name, SynchronizationContext workflowThread, ILoggerFactory loggerFactory, PayloadLimits limits) : IWorkflowContext
{
    private readonly Queue<WorkflowRequest> unmatched = new();
    private readonly Dictionary<int, WorkflowRequest> open = [];
    private readonly HashSet<int> cancelled = [];
    private int nextTaskId;
    private int guidCounter;

    public string InstanceId { get; } = instanceId;

    public string Name { get; } = name;

    public DateTime CurrentUtcDateTime { get; set; }

    public bool IsReplaying { get; set; }

    /// <summary>Gets the custom status JSON the workflow last set.</summary>
    public string? CustomStatusJson { get; private set; }

    /// <summary>Gets or sets a value indicating whether the custom status changed since it was last written.</summary>
    public bool CustomStatusChanged { get; set; }

    public IReadOnlyDictionary<int, WorkflowRequest> Open => open;

    /// <summary>Gets what the workflow asked for with <see cref="ContinueAsNew"/>, if it did.</summary>
    public ContinueAsNewRequest? ContinuedAsNew { get; private set; }

    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (string.Equals(instanceId, InstanceId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"a sub-workflow cannot have its parent's id '{instanceId}'", nameof(instanceId));
        }

        var request = new SubWorkflowRequest(nextTaskId++, name, instanceId, JsonSerializer.Serialize(input, EngineJson.Options));
        Register(request);
        var answer = await request.Answer.Task;
        if (answer.Kind == HistoryEventKind.SubWorkflowFailed)
        {
            var failure = JsonSerializer.Deserialize<WorkflowFailure>(answer.Payload!, EngineJson.Options)!;
            throw new SubWorkflowFailedException(name, instanceId, failure);
        }

        return answer.Payload is null ? default! : JsonSerializer.Deserialize<TResult>(answer.Payload, EngineJson.Options)!;
    }

    public void ContinueAsNew(object? input, bool preserveUnprocessedEvents = true)
        => ContinuedAsNew = new ContinueAsNewRequest(JsonSerializer.Serialize(input, EngineJson.Options), preserveUnprocessedEvents);

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var inputJson = JsonSerializer.Serialize(input, EngineJson.Options);
        limits.CheckPayload($"the input of activity '{name}'", inputJson);
        var request = new ActivityRequest(nextTaskId++, name, inputJson, retry ?? ActivityRetryPolicy.None);
        Register(request);
        var answer = await request.Answer.Task;
        if (answer.Kind == HistoryEventKind.ActivityFailed)
        {
            var failed = JsonSerializer.Deserialize<ActivityFailurePayload>(answer.Payload!, EngineJson.Options)!;
            throw new ActivityFailedException(name, failed.Attempts, failed.Failure);
        }

        return answer.Payload is null ? default! : JsonSerializer.Deserialize<TResult>(answer.Payload, EngineJson.Options)!;
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utc = fireAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(fireAt, DateTimeKind.Utc) : fireAt.ToUniversalTime();
        var request = new TimerRequest(nextTaskId++, new DateTimeOffset(utc));
        Register(request);
        CancelOn(request, cancellationToken);
        return request.Answer.Task;
    }

    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be zero or more, or infinite");
        }

        DateTimeOffset? deadline = timeout == Timeout.InfiniteTimeSpan ? null : new DateTimeOffset(CurrentUtcDateTime, TimeSpan.Zero) + timeout;
        var request = new EventWaitRequest(nextTaskId++, eventName, timeout, deadline);
        Register(request);
        CancelOn(request, cancellationToken);
        var answer = await request.Answer.Task;
        if (answer.Kind == HistoryEventKind.EventTimedOut)
        {
            throw new ExternalEventTimeoutException(eventName, timeout);
        }

        return answer.Payload is null ? default! : JsonSerializer.Deserialize<T>(answer.Payload, EngineJson.Options)!;
    }

    public void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var payloadJson = JsonSerializer.Serialize(payload, EngineJson.Options);
        limits.CheckPayload($"the payload of event '{eventName}' sent to '{instanceId}'", payloadJson);

        // Never open: nothing answers it. It is matched on replay like any request, and delivered when journaled.
        unmatched.Enqueue(new EventSendRequest(nextTaskId++, instanceId, eventName, payloadJson));
    }

    /// <summary>Takes the custom status the instance has in the journal (from before a restart or a continue-as-new) as unchanged.</summary>
    public void RestoreCustomStatus(string? json)
    {
        CustomStatusJson = json;
        CustomStatusChanged = false;
    }

    /// <summary>Forgets a continue-as-new that could not be journaled (the executor stops; a later run replays to it again).</summary>
    public void CancelContinueAsNew() => ContinuedAsNew = null;

    public void SetCustomStatus(object? customStatus)
    {
        var json = customStatus is null ? null : JsonSerializer.Serialize(customStatus, EngineJson.Options);
        limits.CheckStatus(Name, json);
        if (json != CustomStatusJson)
        {
            CustomStatusJson = json;
            CustomStatusChanged = true;
        }
    }

    public Guid NewGuid() => DeterministicGuid.Create($"{InstanceId}/{guidCounter++}");

    public ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), () => IsReplaying);

    /// <summary>Takes the oldest request the executor has not yet matched with the journal or journaled.</summary>
    public WorkflowRequest? TakeUnmatched() => unmatched.TryDequeue(out var request) ? request : null;

    /// <summary>Takes every request not yet matched or journaled.</summary>
    public List<WorkflowRequest> TakeAllUnmatched()
    {
        var list = new List<WorkflowRequest>(unmatched);
        unmatched.Clear();
        return list;
    }

    /// <summary>Returns whether the workflow cancelled the request with that task id.</summary>
    public bool WasCancelled(int taskId) => cancelled.Contains(taskId);

    /// <summary>Completes an open request with its journaled answer (on the workflow's own thread).</summary>
    public void Deliver(WorkflowRequest request, HistoryEvent answer)
    {
        open.Remove(request.TaskId);
        request.Answer.TrySetResult(answer);
    }

    private void Register(WorkflowRequest request)
    {
        open[request.TaskId] = request;
        unmatched.Enqueue(request);
    }

    private void CancelOn(WorkflowRequest request, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        // The token may be cancelled from any thread (CancelAsync runs callbacks on the thread pool): the
        // cancellation itself always runs on the workflow's own queue.
        cancellationToken.Register(() => workflowThread.Post(
            _ =>
            {
                if (open.Remove(request.TaskId))
                {
                    cancelled.Add(request.TaskId);
                    request.Answer.TrySetCanceled(cancellationToken);
                }
            },
            null));
    }
}

/// <summary>The journaled payload of a failed activity.</summary>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="Failure">What the last attempt threw.</param>
internal sealed record ActivityFailurePayload(int Attempts, WorkflowFailure Failure);

/// <summary>What a workflow asked for when it continued as new.</summary>
/// <param name="InputJson">The new execution's input as JSON.</param>
/// <param name="PreserveUnprocessedEvents">Whether events not yet received carry over.</param>
internal sealed record ContinueAsNewRequest(string? InputJson, bool PreserveUnprocessedEvents);
