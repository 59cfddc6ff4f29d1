using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Execution;
using CloudTrust.Engine.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Engine;

/// <summary>
/// The embedded durable engine: runs registered workflows with a journal in one SQLite file, so that a killed
/// process resumes every unfinished instance where it stopped and never repeats a journaled activity. Meant for
/// one machine (the CLI and the demo); Azure Durable Functions runs the same workflows at scale.
/// </summary>
public sealed partial class WorkflowEngine : IAsyncDisposable, IChildInstanceHost
{
    private const int MaxInstanceIdLength = 200;
    private readonly WorkflowRegistry registry;
    private readonly WorkflowEngineOptions options;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly SqliteJournal journal;
    private readonly ActivityInvoker invoker;
    private readonly ConcurrentDictionary<string, RunningInstance> running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource shutdown = new();
    private readonly string owner = ProcessIdentity.NewEngineOwner();
    private int disposed;

    /// <summary>Initializes a new instance of the <see cref="WorkflowEngine"/> class and opens (or creates) its journal.</summary>
    /// <param name="registry">The workflows and activities it can run.</param>
    /// <param name="options">Where the journal lives and how the engine behaves.</param>
    /// <param name="timeProvider">The clock for workflow time, timers and retry delays; the system clock when omitted.</param>
    /// <param name="loggerFactory">Where logs go.</param>
    public WorkflowEngine(WorkflowRegistry registry, WorkflowEngineOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        this.registry = registry;
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger<WorkflowEngine>();
        journal = new SqliteJournal(options.DatabasePath, options.BusyTimeout, options.AfterCommit, this.loggerFactory.CreateLogger<WorkflowEngine>(), options.LockedPatience);
        invoker = new ActivityInvoker(registry, time, this.loggerFactory.CreateLogger<ActivityInvoker>(), PayloadLimits.From(options));
    }

    /// <summary>
    /// Starts a workflow instance (or returns the existing one when the same id, workflow and input were started before).
    /// An instance that continued as new holds the input of its current execution, so starting it again takes that input.
    /// </summary>
    /// <param name="workflowName">The registered workflow name.</param>
    /// <param name="input">The input; serialized to JSON and journaled, so never a secret.</param>
    /// <param name="instanceId">The instance id; a new GUID when omitted.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="UnknownWorkflowException">No workflow has that name.</exception>
    /// <exception cref="InvalidWorkflowInputException">The input does not fit the workflow.</exception>
    /// <exception cref="PayloadTooLargeException">The input is over <see cref="WorkflowEngineOptions.MaxPayloadBytes"/>.</exception>
    /// <exception cref="InstanceConflictException">The id is taken by another workflow or input.</exception>
    public Task<string> StartAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default)
        => StartJsonAsync(workflowName, JsonSerializer.Serialize(input, EngineJson.Options), instanceId, cancellationToken);

    /// <summary>
    /// Starts a workflow instance only when no other instance of the same workflow is unfinished (pending, running,
    /// waiting or suspended) — the single-instance guarantee a schedule needs. The check and the insert are one
    /// transaction, so two processes cannot both start.
    /// </summary>
    /// <param name="workflowName">The registered workflow name.</param>
    /// <param name="input">The input.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="InstanceConflictException">Another instance of the workflow is unfinished.</exception>
    public Task<string> StartExclusiveAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default)
        => StartJsonAsync(workflowName, JsonSerializer.Serialize(input, EngineJson.Options), instanceId, cancellationToken, exclusive: true);

    /// <summary>Starts a workflow instance from input given as JSON text.</summary>
    /// <param name="workflowName">The registered workflow name.</param>
    /// <param name="inputJson">The input as JSON.</param>
    /// <param name="instanceId">The instance id; a new GUID when omitted.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    public Task<string> StartJsonAsync(string workflowName, string? inputJson, string? instanceId = null, CancellationToken cancellationToken = default)
        => StartJsonAsync(workflowName, inputJson, instanceId, cancellationToken, exclusive: false);

    private Task<string> StartJsonAsync(string workflowName, string? inputJson, string? instanceId, CancellationToken cancellationToken, bool exclusive)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        cancellationToken.ThrowIfCancellationRequested();
        var registration = registry.GetWorkflow(workflowName);
        registration.ValidateInput(inputJson);
        PayloadLimits.From(options).CheckPayload($"the input of workflow '{workflowName}'", inputJson);
        var id = instanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(id);

        var (instance, created) = journal.CreateInstance(id, workflowName, inputJson, time.GetUtcNow(), exclusive);
        if (!created && (instance.Name != workflowName || !JsonEquals(instance.Input, inputJson)))
        {
            throw new InstanceConflictException(
                $"instance '{id}' exists already as workflow '{instance.Name}' with a different input; choose another id");
        }

        if (created)
        {
            LogStarted(id, workflowName);
        }

        if (options.RunInstances && instance.Status.IsActive())
        {
            Launch(id);
        }

        return Task.FromResult(id);
    }

    /// <summary>Reads one instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The instance, or null when no instance has that id.</returns>
    public WorkflowInstance? GetInstance(string instanceId) => journal.GetInstance(instanceId);

    /// <summary>Lists instances, newest first.</summary>
    /// <param name="query">The filter; everything when omitted.</param>
    /// <returns>The matching instances.</returns>
    public IReadOnlyList<WorkflowInstance> ListInstances(WorkflowQuery? query = null) => journal.ListInstances(query ?? new WorkflowQuery());

    /// <summary>Reads an instance's journal, oldest entry first.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The journal entries.</returns>
    public IReadOnlyList<HistoryEvent> GetHistory(string instanceId) => journal.LoadHistory(instanceId);

    /// <summary>
    /// Reads every execution's journal of an instance, oldest first: those that ended by continuing as new (kept in
    /// the archive, never replayed), then the current one (<see cref="GetHistory"/>). Sequence numbers and task ids
    /// start again in each execution.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>One list of entries per execution; empty when the instance has none.</returns>
    public IReadOnlyList<IReadOnlyList<HistoryEvent>> GetExecutions(string instanceId)
    {
        var executions = new List<IReadOnlyList<HistoryEvent>>(journal.LoadArchivedExecutions(instanceId));
        var current = journal.LoadHistory(instanceId);
        if (current.Count > 0)
        {
            executions.Add(current);
        }

        return executions;
    }

    /// <summary>Sends an external event. It is buffered until the instance waits for it.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="payload">The payload; serialized to JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the event is stored.</returns>
    /// <exception cref="InstanceNotFoundException">No instance has that id.</exception>
    /// <exception cref="InstanceStateException">The instance has finished.</exception>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        cancellationToken.ThrowIfCancellationRequested();
        journal.EnqueueEvent(instanceId, eventName, JsonSerializer.Serialize(payload, EngineJson.Options), time.GetUtcNow());
        Wake(instanceId);
        return Task.CompletedTask;
    }

    /// <summary>Stops an unfinished instance for good.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why, for the record.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the instance is marked terminated.</returns>
    public Task TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        journal.Transition(instanceId, [WorkflowStatus.Pending, WorkflowStatus.Running, WorkflowStatus.Waiting, WorkflowStatus.Suspended], WorkflowStatus.Terminated, reason, time.GetUtcNow(), "terminate");
        Wake(instanceId);
        return Task.CompletedTask;
    }

    /// <summary>Pauses an active instance; it keeps its journal and continues on <see cref="ResumeAsync"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why, for the record.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the instance is marked suspended.</returns>
    public Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        journal.Transition(instanceId, [WorkflowStatus.Pending, WorkflowStatus.Running, WorkflowStatus.Waiting], WorkflowStatus.Suspended, reason, time.GetUtcNow(), "suspend");
        Wake(instanceId);
        return Task.CompletedTask;
    }

    /// <summary>Continues a suspended instance from its journal.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why, for the record.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the instance is marked running again.</returns>
    public async Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        journal.Transition(instanceId, [WorkflowStatus.Suspended], WorkflowStatus.Running, reason, time.GetUtcNow(), "resume");
        if (options.RunInstances)
        {
            // The executor that ran before the suspension may still be winding down: let it go first.
            if (running.TryGetValue(instanceId, out var previous))
            {
                await previous.Completion.WaitAsync(cancellationToken);
            }

            Launch(instanceId);
        }
    }

    /// <summary>
    /// Picks up every unfinished instance in the journal that no live process is running (after a crash or restart),
    /// of the workflows this engine has registered: a journal shared by the rollout and the rotation commands leaves
    /// each command the other's instances.
    /// </summary>
    /// <returns>How many instances this engine now runs.</returns>
    public int Recover()
    {
        if (!options.RunInstances)
        {
            return 0;
        }

        foreach (var id in journal.ActiveInstanceIds())
        {
            if (journal.GetInstance(id) is { } instance && registry.WorkflowNames.Contains(instance.Name))
            {
                Launch(id);
            }
        }

        return running.Count;
    }

    /// <summary>Waits until the instance reaches a final status, or is suspended.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The instance as it then is.</returns>
    public async Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var instance = journal.GetInstance(instanceId) ?? throw new InstanceNotFoundException($"no workflow instance has id '{instanceId}'");
            if (instance.Status.IsFinal() || instance.Status == WorkflowStatus.Suspended)
            {
                return instance;
            }

            if (running.TryGetValue(instanceId, out var run))
            {
                await Task.WhenAny(run.Completion, Task.Delay(options.PollInterval, TimeProvider.System, cancellationToken));
            }
            else
            {
                await Task.Delay(options.PollInterval, TimeProvider.System, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Waits until the instance's status satisfies <paramref name="condition"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="condition">The condition on the instance.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The instance as it then is.</returns>
    public async Task<WorkflowInstance> WaitUntilAsync(string instanceId, Func<WorkflowInstance, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            var instance = journal.GetInstance(instanceId) ?? throw new InstanceNotFoundException($"no workflow instance has id '{instanceId}'");
            if (condition(instance))
            {
                return instance;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>Stops running instances (they stay unfinished in the journal and resume on the next start) and closes the journal.</summary>
    /// <returns>A task that completes when every executor has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await shutdown.CancelAsync();
        foreach (var run in running.Values)
        {
            run.Wake.Set();
        }

        await Task.WhenAll(running.Values.Select(r => r.Completion));
        ProcessIdentity.Retire(owner);
        journal.Dispose();
        shutdown.Dispose();
    }

    internal (long Instances, long History, long Inbox) JournalCounts() => journal.Counts();

    /// <inheritdoc />
    WorkflowFailure? IChildInstanceHost.EnsureChild(string workflowName, string childInstanceId, string? inputJson)
    {
        try
        {
            var registration = registry.GetWorkflow(workflowName);
            ValidateInstanceId(childInstanceId);
            if (journal.GetInstance(childInstanceId) is null)
            {
                // Only a new child's input is checked: one that continued as new holds another input than it started with.
                registration.ValidateInput(inputJson);
            }

            var (instance, created) = journal.CreateInstance(childInstanceId, workflowName, inputJson, time.GetUtcNow());
            if (!created && instance.Name != workflowName)
            {
                throw new InstanceConflictException($"instance '{childInstanceId}' exists already as workflow '{instance.Name}'; a sub-workflow '{workflowName}' cannot take its id");
            }

            if (created)
            {
                LogStarted(childInstanceId, workflowName);
            }

            if (options.RunInstances && instance.Status.IsActive())
            {
                Launch(childInstanceId);
            }

            return null;
        }
        catch (Exception ex) when (ex is WorkflowEngineException or ArgumentException)
        {
            return WorkflowFailure.From(ex);
        }
    }

    /// <inheritdoc />
    Task? IChildInstanceHost.Stopped(string childInstanceId)
        => running.TryGetValue(childInstanceId, out var run) ? run.Completion : null;

    /// <inheritdoc />
    void IChildInstanceHost.EventDelivered(string instanceId) => Wake(instanceId);

    private void Launch(string instanceId)
    {
        if (shutdown.IsCancellationRequested || running.ContainsKey(instanceId))
        {
            return;
        }

        if (!journal.TryClaim(instanceId, owner, ProcessIdentity.IsAliveOwner))
        {
            return;
        }

        var instance = journal.GetInstance(instanceId)!;
        var registration = registry.GetWorkflow(instance.Name);
        var wake = new AsyncSignal();
        var executor = new InstanceExecutor(instance, registration, journal, owner, time, invoker, wake, options.PollInterval, this, loggerFactory, PayloadLimits.From(options));
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!running.TryAdd(instanceId, new RunningInstance(wake, completion.Task)))
        {
            journal.Release(instanceId, owner);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await executor.RunAsync(shutdown.Token);
            }
#pragma warning disable CA1031 // An executor must never take the engine down; the instance stays unfinished and is resumed later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogExecutorCrashed(ex, instanceId);
            }
            finally
            {
                journal.Release(instanceId, owner);
                running.TryRemove(instanceId, out _);
                wake.Dispose();
                completion.SetResult();
            }
        });
    }

    private void Wake(string instanceId)
    {
        if (running.TryGetValue(instanceId, out var run))
        {
            run.Wake.Set();
        }
    }

    private static void ValidateInstanceId(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxInstanceIdLength || id.Any(char.IsControl))
        {
            throw new ArgumentException($"instance id must be 1 to {MaxInstanceIdLength} printable characters", nameof(id));
        }
    }

    private static bool JsonEquals(string? a, string? b)
    {
        if (a == b)
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started instance {InstanceId} of {Workflow}")]
    private partial void LogStarted(string instanceId, string workflow);

    [LoggerMessage(Level = LogLevel.Error, Message = "The executor of instance {InstanceId} stopped unexpectedly; the instance resumes on the next start")]
    private partial void LogExecutorCrashed(Exception exception, string instanceId);

    private sealed record RunningInstance(AsyncSignal Wake, Task Completion);
}
