using System.Text.Json;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Engine.Execution;

/// <summary>Something a workflow asked its context for and now awaits: an activity, a sub-workflow, a timer or an event.</summary>
internal abstract class WorkflowRequest(int taskId)
{
    public int TaskId { get; } = taskId;

    public abstract HistoryEventKind Kind { get; }

    public abstract string? Name { get; }

    /// <summary>Gets or sets a value indicating whether the request is in the journal already.</summary>
    public bool Journaled { get; set; }

    /// <summary>Gets or sets a value indicating whether live work for it (an activity run) has started.</summary>
    public bool Started { get; set; }

    public TaskCompletionSource<HistoryEvent> Answer { get; } = new();

    public abstract string? RequestPayload { get; }

    public HistoryEvent ToRequestEvent(int sequence, DateTimeOffset now)
        => new(sequence, Kind, TaskId, Name, RequestPayload, now);

    public string Describe() => Name is null ? $"{Kind} (task {TaskId})" : $"{Kind} '{Name}' (task {TaskId})";
}

/// <summary>An activity call.</summary>
internal sealed class ActivityRequest(int taskId, string name, string? inputJson, ActivityRetryPolicy retry) : WorkflowRequest(taskId)
{
    public override HistoryEventKind Kind => HistoryEventKind.ActivityScheduled;

    public override string Name { get; } = name;

    public string? InputJson { get; } = inputJson;

    public ActivityRetryPolicy Retry { get; } = retry;

    public override string? RequestPayload => InputJson;
}

/// <summary>A durable timer.</summary>
internal sealed class TimerRequest(int taskId, DateTimeOffset fireAt) : WorkflowRequest(taskId)
{
    public override HistoryEventKind Kind => HistoryEventKind.TimerCreated;

    public override string? Name => null;

    public DateTimeOffset FireAt { get; } = fireAt;

    public override string? RequestPayload => $"\"{FireAt.UtcDateTime:O}\"";
}

/// <summary>A wait for an external event, with an optional deadline.</summary>
internal sealed class EventWaitRequest(int taskId, string eventName, TimeSpan timeout, DateTimeOffset? deadline) : WorkflowRequest(taskId)
{
    public override HistoryEventKind Kind => HistoryEventKind.EventWaitStarted;

    public override string Name { get; } = eventName;

    public TimeSpan Timeout { get; } = timeout;

    public DateTimeOffset? Deadline { get; } = deadline;

    public override string? RequestPayload => Deadline is { } d ? $"\"{d.UtcDateTime:O}\"" : null;
}

/// <summary>An event raised on another instance: journaled, never answered (fire and forget, as Durable's SendEvent).</summary>
internal sealed class EventSendRequest(int taskId, string targetInstanceId, string eventName, string? payloadJson) : WorkflowRequest(taskId)
{
    public override HistoryEventKind Kind => HistoryEventKind.EventSent;

    public override string Name { get; } = eventName;

    public string TargetInstanceId { get; } = targetInstanceId;

    public string? PayloadJson { get; } = payloadJson;

    public override string? RequestPayload => JsonSerializer.Serialize(new EventDelivery(TargetInstanceId, Name, PayloadJson), EngineJson.Options);

    /// <summary>Gets the delivery the journal makes in the transaction that journals this request.</summary>
    public EventDelivery Delivery => new(TargetInstanceId, Name, PayloadJson);
}

/// <summary>A sub-workflow call: the child's workflow name, its deterministic instance id and its input.</summary>
internal sealed class SubWorkflowRequest(int taskId, string name, string childInstanceId, string? inputJson) : WorkflowRequest(taskId)
{
    public override HistoryEventKind Kind => HistoryEventKind.SubWorkflowScheduled;

    public override string Name { get; } = name;

    public string ChildInstanceId { get; } = childInstanceId;

    public string? InputJson { get; } = inputJson;

    /// <summary>Gets or sets why the child could not be started (unknown workflow, bad input, id taken), if so.</summary>
    public WorkflowFailure? StartFailure { get; set; }

    public override string? RequestPayload => JsonSerializer.Serialize(new SubWorkflowSchedule(ChildInstanceId, InputJson), EngineJson.Options);

    /// <summary>Reads the child's id from a journaled <see cref="HistoryEventKind.SubWorkflowScheduled"/> entry.</summary>
    public static string? ChildIdOf(HistoryEvent scheduled)
        => scheduled.Payload is null ? null : JsonSerializer.Deserialize<SubWorkflowSchedule>(scheduled.Payload, EngineJson.Options)?.InstanceId;
}

/// <summary>The journaled payload of a scheduled sub-workflow.</summary>
/// <param name="InstanceId">The child's instance id.</param>
/// <param name="Input">The child's input as JSON text.</param>
internal sealed record SubWorkflowSchedule(string InstanceId, string? Input);
