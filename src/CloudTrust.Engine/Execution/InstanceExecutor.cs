using System.Text.Json;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Engine.Execution;

/// <summary>
/// Drives one workflow instance: replays its journal (checking the workflow asks for the same steps in the
/// same order), then runs live, journaling every request before acting on it and every answer before the
/// workflow sees it. Killing the process at any point loses at most work whose answer was not yet journaled.
/// A sub-workflow is journaled before its child instance is started (idempotently, by its id) and answered from the
/// child's final status; an execution that continues as new is archived and the next one runs in the same executor.
/// </summary>
internal sealed partial class InstanceExecutor
{
    private readonly string instanceId;
    private readonly string workflowName;
    private readonly IChildInstanceHost children;
    private readonly ILoggerFactory loggerFactory;
    private readonly List<Task<ActivityOutcome>> abandoned = [];
    private string? inputJson;
    private readonly WorkflowRegistration workflow;
    private readonly SqliteJournal journal;
    private readonly string owner;
    private readonly TimeProvider time;
    private readonly ActivityInvoker invoker;
    private readonly AsyncSignal wake;
    private readonly TimeSpan pollInterval;
    private readonly ILogger logger;
    private WorkflowSynchronizationContext sync = new();
    private EngineWorkflowContext context;
    private readonly Dictionary<int, Task<ActivityOutcome>> running = [];
    private readonly PayloadLimits limits;
    private Task<string?>? workflowTask;
    private int nextSequence;
    private WorkflowStatus lastStatus = WorkflowStatus.Pending;
    private bool continuedAsNew;

    public InstanceExecutor(
        WorkflowInstance instance,
        WorkflowRegistration workflow,
        SqliteJournal journal,
        string owner,
        TimeProvider time,
        ActivityInvoker invoker,
        AsyncSignal wake,
        TimeSpan pollInterval,
        IChildInstanceHost children,
        ILoggerFactory loggerFactory,
        PayloadLimits? limits = null)
    {
        this.limits = limits ?? PayloadLimits.None;
        instanceId = instance.InstanceId;
        inputJson = instance.Input;
        lastStatus = instance.Status;
        this.workflow = workflow;
        this.journal = journal;
        this.owner = owner;
        this.time = time;
        this.invoker = invoker;
        this.wake = wake;
        this.pollInterval = pollInterval;
        this.children = children;
        this.loggerFactory = loggerFactory;
        workflowName = instance.Name;
        logger = loggerFactory.CreateLogger<InstanceExecutor>();
        context = NewContext(instance.CustomStatus);
    }

    /// <summary>Runs the instance until it finishes, is halted by an operator, or <paramref name="cancellationToken"/> stops the engine.</summary>
    public async Task<WorkflowStatus?> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var status = await RunCoreAsync(stop.Token);
                if (!continuedAsNew)
                {
                    return status;
                }

                continuedAsNew = false;
                // The execution continued as new: what it left in flight is abandoned and the next one starts afresh.
                abandoned.AddRange(running.Values);
                running.Clear();
                workflowTask = null;
                context = NewContext(context.CustomStatusJson);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in running.Values.Concat(abandoned))
            {
                try
                {
                    await task;
                }
#pragma warning disable CA1031 // Work in flight is abandoned on stop; its answer was never journaled, so it runs again on resume.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }

    private async Task<WorkflowStatus?> RunCoreAsync(CancellationToken cancellationToken)
    {
        var history = journal.LoadHistory(instanceId);
        if (history.Count == 0)
        {
            var started = new HistoryEvent(0, HistoryEventKind.ExecutionStarted, null, null, null, time.GetUtcNow());
            if (!journal.Append(instanceId, owner, [started], new InstanceUpdate(started.Timestamp, WorkflowStatus.Running)))
            {
                return Halted();
            }

            history.Add(started);
            lastStatus = WorkflowStatus.Running;
        }
        else if (history[0].Kind != HistoryEventKind.ExecutionStarted)
        {
            return Fail(new InvalidOperationException($"journal of instance '{instanceId}' does not begin with ExecutionStarted"));
        }

        nextSequence = history.Count;
        context.CurrentUtcDateTime = history[0].Timestamp.UtcDateTime;
        context.IsReplaying = history.Count > 1;
        if (context.IsReplaying)
        {
            LogReplaying(instanceId, history.Count);
        }

        sync.Run(() => workflowTask = workflow.Invoke(context, inputJson));

        var mismatch = Replay(history);
        if (mismatch is not null)
        {
            // The usual cause is an upgrade between two runs of the same journal: the new code takes other steps.
            return Fail(new NonDeterministicWorkflowException($"{mismatch}; the journal was written by a workflow that took other steps (most likely another CloudTrust version): finish this run with the version that started it"));
        }

        context.IsReplaying = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (workflowTask!.IsCompleted)
            {
                return Finish();
            }

            if (!JournalNewRequests())
            {
                return Halted();
            }

            StartActivities(cancellationToken);
            StartChildren();
            var (answer, halted) = await NextAnswerAsync(cancellationToken);
            if (halted)
            {
                return Halted();
            }

            if (answer is not null)
            {
                context.CurrentUtcDateTime = answer.Timestamp.UtcDateTime;
                DeliverAndRun(answer);
            }
        }
    }

    /// <summary>Replays journaled entries; returns a description of the first mismatch, or null.</summary>
    private string? Replay(List<HistoryEvent> history)
    {
        for (var i = 1; i < history.Count; i++)
        {
            var recorded = history[i];
            if (recorded.Kind.IsRequest())
            {
                var asked = context.TakeUnmatched();
                if (asked is null)
                {
                    var instead = workflowTask!.IsCompleted ? "finished instead" : "asked for nothing";
                    return $"journal step {recorded.Sequence} of instance '{instanceId}' is {recorded.Describe()}, but the workflow {instead}";
                }

                if (asked.TaskId != recorded.TaskId || asked.Kind != recorded.Kind || !string.Equals(asked.Name, recorded.Name, StringComparison.Ordinal))
                {
                    return $"journal step {recorded.Sequence} of instance '{instanceId}' is {recorded.Describe()}, but the workflow asked for {asked.Describe()}";
                }

                if (asked is SubWorkflowRequest child && SubWorkflowRequest.ChildIdOf(recorded) is { } journaledChild && journaledChild != child.ChildInstanceId)
                {
                    return $"journal step {recorded.Sequence} of instance '{instanceId}' started child '{journaledChild}', but the workflow asked for child '{child.ChildInstanceId}'";
                }

                asked.Journaled = true;
            }
            else if (recorded.Kind.IsAnswer())
            {
                context.CurrentUtcDateTime = recorded.Timestamp.UtcDateTime;
                if (recorded.TaskId is { } taskId && context.Open.ContainsKey(taskId))
                {
                    DeliverAndRun(recorded);
                }
                else if (recorded.TaskId is not { } cancelledId || !context.WasCancelled(cancelledId))
                {
                    return $"journal step {recorded.Sequence} of instance '{instanceId}' answers {recorded.Describe()}, which the workflow never asked for";
                }
            }
        }

        return null;
    }

    private void DeliverAndRun(HistoryEvent answer)
    {
        if (answer.TaskId is { } taskId && context.Open.TryGetValue(taskId, out var request))
        {
            sync.Post(_ => context.Deliver(request, answer), null);
            sync.RunUntilIdle();
        }
    }

    /// <summary>Journals requests the workflow made since the last call, with the status and custom status.</summary>
    private bool JournalNewRequests()
    {
        var fresh = context.TakeAllUnmatched();
        var status = CurrentStatus();
        if (fresh.Count == 0 && !context.CustomStatusChanged && status == lastStatus)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var events = new List<HistoryEvent>(fresh.Count);
        foreach (var request in fresh)
        {
            events.Add(request.ToRequestEvent(nextSequence++, now));
        }

        var update = new InstanceUpdate(now, status, context.CustomStatusChanged, context.CustomStatusJson);
        var sent = fresh.OfType<EventSendRequest>().Select(r => r.Delivery).ToList();
        if (!journal.Append(instanceId, owner, events, update, sent))
        {
            return false;
        }

        foreach (var request in fresh)
        {
            request.Journaled = true;
        }

        foreach (var delivery in sent)
        {
            children.EventDelivered(delivery.InstanceId);
        }

        context.CustomStatusChanged = false;
        lastStatus = status;
        return true;
    }

    private WorkflowStatus CurrentStatus()
        => context.Open.Values.Any(r => r is ActivityRequest) || context.Open.Count == 0 ? WorkflowStatus.Running : WorkflowStatus.Waiting;

    private EngineWorkflowContext NewContext(string? customStatusJson)
    {
        sync = new WorkflowSynchronizationContext { Posted = wake.Set };
        var fresh = new EngineWorkflowContext(instanceId, workflowName, sync, loggerFactory, limits);
        fresh.RestoreCustomStatus(customStatusJson);
        return fresh;
    }

    /// <summary>
    /// Starts the child instance of every journaled sub-workflow request not yet started by this executor: new ones
    /// and, after a restart, those whose answer is not journaled yet. Starting is idempotent by the child's id, so a
    /// child that exists already (started before a crash) is taken up, never started twice.
    /// </summary>
    private void StartChildren()
    {
        foreach (var request in context.Open.Values)
        {
            if (request is SubWorkflowRequest child && child.Journaled && !child.Started)
            {
                child.Started = true;
                child.StartFailure = children.EnsureChild(child.Name, child.ChildInstanceId, child.InputJson);
            }
        }
    }

    /// <summary>The answer to a sub-workflow request once its child is final (or could not be started), else null.</summary>
    private HistoryEvent? ChildAnswer(SubWorkflowRequest request, DateTimeOffset now)
    {
        if (request.StartFailure is { } refused)
        {
            return new HistoryEvent(nextSequence, HistoryEventKind.SubWorkflowFailed, request.TaskId, request.Name, JsonSerializer.Serialize(refused, EngineJson.Options), now);
        }

        if (journal.GetInstance(request.ChildInstanceId) is not { } child || !child.Status.IsFinal())
        {
            return null;
        }

        return child.Status switch
        {
            WorkflowStatus.Completed => new HistoryEvent(nextSequence, HistoryEventKind.SubWorkflowCompleted, request.TaskId, request.Name, child.Output, now),
            WorkflowStatus.Failed => new HistoryEvent(nextSequence, HistoryEventKind.SubWorkflowFailed, request.TaskId, request.Name, JsonSerializer.Serialize(child.Failure ?? new WorkflowFailure("Unknown", "the child failed"), EngineJson.Options), now),
            _ => new HistoryEvent(nextSequence, HistoryEventKind.SubWorkflowFailed, request.TaskId, request.Name, JsonSerializer.Serialize(WorkflowFailure.From(new InstanceStateException($"instance '{child.InstanceId}' was terminated: {child.StatusReason ?? "no reason given"}")), EngineJson.Options), now),
        };
    }

    private void StartActivities(CancellationToken cancellationToken)
    {
        foreach (var request in context.Open.Values)
        {
            if (request is ActivityRequest activity && !activity.Started)
            {
                activity.Started = true;
                running[activity.TaskId] = Task.Run(() => invoker.InvokeAsync(instanceId, activity, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Waits for the next answer and journals it. Returns no answer when the workflow's own queue had work (a
    /// continuation of something else it awaited), and halted when an operator stopped the instance.
    /// </summary>
    private async Task<(HistoryEvent? Answer, bool Halted)> NextAnswerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (sync.HasWork)
            {
                sync.RunUntilIdle();
                return (null, false);
            }

            var now = time.GetUtcNow();
            var update = new InstanceUpdate(now);

            var finished = running.FirstOrDefault(kv => kv.Value.IsCompleted);
            if (finished.Value is not null)
            {
                running.Remove(finished.Key);
                var outcome = await finished.Value;
                var answer = outcome.Failure is null
                    ? new HistoryEvent(nextSequence, HistoryEventKind.ActivityCompleted, finished.Key, null, outcome.Output, now)
                    : new HistoryEvent(nextSequence, HistoryEventKind.ActivityFailed, finished.Key, null, JsonSerializer.Serialize(outcome.Failure, EngineJson.Options), now);
                return Answered(Journal(answer, update));
            }

            foreach (var child in context.Open.Values.OfType<SubWorkflowRequest>().Where(c => c.Started).OrderBy(c => c.TaskId))
            {
                if (ChildAnswer(child, now) is { } childAnswer)
                {
                    return Answered(Journal(childAnswer, update));
                }
            }

            var dueTimer = context.Open.Values.OfType<TimerRequest>().Where(t => t.FireAt <= now).OrderBy(t => t.FireAt).ThenBy(t => t.TaskId).FirstOrDefault();
            if (dueTimer is not null)
            {
                return Answered(Journal(new HistoryEvent(nextSequence, HistoryEventKind.TimerFired, dueTimer.TaskId, null, null, now), update));
            }

            foreach (var wait in context.Open.Values.OfType<EventWaitRequest>().OrderBy(w => w.TaskId))
            {
                var received = journal.TryConsumeEvent(instanceId, owner, wait.Name, wait.TaskId, nextSequence, now, update);
                if (received is not null)
                {
                    nextSequence++;
                    return (received, false);
                }

                if (wait.Deadline is { } deadline && deadline <= now)
                {
                    return Answered(Journal(new HistoryEvent(nextSequence, HistoryEventKind.EventTimedOut, wait.TaskId, wait.Name, null, now), update));
                }
            }

            if (journal.GetInstance(instanceId) is not { } current || !current.Status.IsActive())
            {
                return (null, true);
            }

            await WaitForWorkAsync(now, cancellationToken);
        }
    }

    private static (HistoryEvent? Answer, bool Halted) Answered(HistoryEvent? journaled) => (journaled, journaled is null);

    private HistoryEvent? Journal(HistoryEvent answer, InstanceUpdate update)
    {
        if (!journal.Append(instanceId, owner, [answer], update))
        {
            return null;
        }

        nextSequence++;
        return answer;
    }

    private async Task WaitForWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = new List<Task>(running.Values) { wake.WaitAsync(waitCts.Token) };
        waits.AddRange(context.Open.Values.OfType<SubWorkflowRequest>().Select(c => children.Stopped(c.ChildInstanceId)).OfType<Task>());
        var nextDue = context.Open.Values
            .Select(r => r switch { TimerRequest t => t.FireAt, EventWaitRequest { Deadline: { } d } => d, _ => (DateTimeOffset?)null })
            .Where(d => d is not null)
            .Min();
        if (nextDue is { } due)
        {
            waits.Add(Task.Delay(due - now, time, waitCts.Token));
        }

        // Events raised and operator commands from other processes arrive through the journal: look again now and then.
        waits.Add(Task.Delay(pollInterval, TimeProvider.System, waitCts.Token));
        await Task.WhenAny(waits);
        await waitCts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private WorkflowStatus? Finish()
    {
        var now = time.GetUtcNow();
        if (workflowTask!.IsCompletedSuccessfully && context.ContinuedAsNew is { } next)
        {
            var last = new HistoryEvent(nextSequence, HistoryEventKind.ExecutionContinuedAsNew, null, null, next.InputJson, now);
            var update = new InstanceUpdate(now, WorkflowStatus.Running, context.CustomStatusChanged, context.CustomStatusJson);
            if (!journal.ContinueAsNew(instanceId, owner, last, next.InputJson, next.PreserveUnprocessedEvents, update))
            {
                context.CancelContinueAsNew();
                return Halted();
            }

            inputJson = next.InputJson;
            lastStatus = WorkflowStatus.Running;
            continuedAsNew = true;
            LogContinuedAsNew(instanceId, context.Name, nextSequence + 1);
            return WorkflowStatus.Running;
        }

        if (workflowTask!.IsCompletedSuccessfully)
        {
            var output = workflowTask.Result;
            if (limits.PayloadProblem($"the output of workflow '{context.Name}'", output) is { } tooLarge)
            {
                return Fail(tooLarge);
            }

            var done = new HistoryEvent(nextSequence, HistoryEventKind.ExecutionCompleted, null, null, output, now);
            var update = new InstanceUpdate(now, WorkflowStatus.Completed, context.CustomStatusChanged, context.CustomStatusJson, Output: output);
            if (!journal.Append(instanceId, owner, [done], update))
            {
                return Halted();
            }

            LogCompleted(instanceId, context.Name);
            return WorkflowStatus.Completed;
        }

        var error = workflowTask.Exception?.InnerException ?? new TaskCanceledException("the workflow was cancelled");
        return Fail(error);
    }

    private WorkflowStatus? Fail(Exception error)
    {
        var now = time.GetUtcNow();
        var failure = WorkflowFailure.From(error);
        var failed = new HistoryEvent(nextSequence, HistoryEventKind.ExecutionFailed, null, null, JsonSerializer.Serialize(failure, EngineJson.Options), now);
        var update = new InstanceUpdate(now, WorkflowStatus.Failed, context.CustomStatusChanged, context.CustomStatusJson, Failure: failure);
        if (!journal.Append(instanceId, owner, [failed], update))
        {
            return Halted();
        }

        LogFailed(instanceId, context.Name, failure.ErrorType, failure.Message);
        return WorkflowStatus.Failed;
    }

    private WorkflowStatus? Halted()
    {
        var status = journal.GetInstance(instanceId)?.Status;
        LogHalted(instanceId, status);
        return status;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId}: replaying {Count} journal entries")]
    private partial void LogReplaying(string instanceId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} of {Workflow} continued as new after {Count} journal entries")]
    private partial void LogContinuedAsNew(string instanceId, string workflow, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} of {Workflow} completed")]
    private partial void LogCompleted(string instanceId, string workflow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} of {Workflow} failed: {ErrorType}: {Message}")]
    private partial void LogFailed(string instanceId, string workflow, string errorType, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} stopped running: it is {Status}")]
    private partial void LogHalted(string instanceId, WorkflowStatus? status);
}
