using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Tests.Shared.Durable;

/// <summary>
/// The context an orchestrator function receives in the isolated worker: the real worker's context wrapped as
/// azure-functions-durable-extension src/Worker.Extensions.DurableTask/FunctionsOrchestrationContext.cs wraps it
/// (commit a7c6d69). Everything forwards to the real context except <see cref="GetInput{T}"/>, which reads as the
/// extension reads: the input arrives as the orchestrator's declared input type, or else as a JsonElement that is
/// deserialized with the worker's <c>IOptions&lt;JsonSerializerOptions&gt;</c> (FunctionsOrchestrationContext.InputConverter.cs).
/// That second path is how KeyRotation's input failed in Azure on "$.mode".
/// </summary>
public sealed class FunctionsOrchestrationContextDouble(TaskOrchestrationContext inner, JsonSerializerOptions workerJson, ILoggerFactory loggers) : TaskOrchestrationContext
{
    public override TaskName Name => inner.Name;

    public override string InstanceId => inner.InstanceId;

    public override ParentOrchestrationInstance? Parent => inner.Parent;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    public override TaskOrchestrationEntityFeature Entities => inner.Entities;

    protected override ILoggerFactory LoggerFactory => loggers;

    public override T GetInput<T>()
    {
        var input = inner.GetInput<object>();
        return input switch
        {
            T typed => typed,
            JsonElement json => json.Deserialize<T>(workerJson)!,
            null => default!,
            _ => throw new InvalidOperationException($"input of type {input.GetType()} cannot be read as {typeof(T)}"),
        };
    }

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
        => inner.CallActivityAsync<TResult>(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
        => inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
        => inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();
}
