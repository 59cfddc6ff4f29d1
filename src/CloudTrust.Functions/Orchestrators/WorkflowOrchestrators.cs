using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;
using CloudTrust.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CloudTrust.Functions.Orchestrators;

/// <summary>
/// The three Core workflows as Durable orchestrators: each wraps <see cref="TaskOrchestrationContext"/> in the Core
/// workflow context and runs the workflow unchanged. ([OrchestrationTrigger] with a TaskOrchestrationContext
/// parameter: Azure/azure-functions-dotnet-worker, extensions/Worker.Extensions.DurableTask samples.)
/// </summary>
public static class WorkflowOrchestrators
{
    /// <summary>The rollout.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="function">The function context (for loggers).</param>
    /// <returns>The rollout's report.</returns>
    [Function(RolloutWorkflow.Name)]
    public static Task<RolloutReport> Rollout([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext function)
        => new RolloutWorkflow().RunAsync(Wrap(context, function), context.GetInput<RolloutRequest>()!);

    /// <summary>Key rotation.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="function">The function context.</param>
    /// <returns>The rotation report.</returns>
    [Function(KeyRotationWorkflow.Name)]
    public static Task<RotationReport> KeyRotation([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext function)
        => new KeyRotationWorkflow().RunAsync(Wrap(context, function), context.GetInput<RotationRequest>()!);

    /// <summary>Ensuring the Kerberos server objects.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="function">The function context.</param>
    /// <returns>The outcome per domain.</returns>
    [Function(EnsureKerberosServersWorkflow.Name)]
    public static Task<EnsureKerberosServersOutput> EnsureKerberosServers([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext function)
        => new EnsureKerberosServersWorkflow().RunAsync(Wrap(context, function), context.GetInput<EnsureKerberosServersInput>()!);

    private static DurableWorkflowContext Wrap(TaskOrchestrationContext context, FunctionContext function)
        => new(context, category => function.GetLogger(category));
}
