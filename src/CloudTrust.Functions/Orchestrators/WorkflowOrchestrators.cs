using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;
using CloudTrust.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CloudTrust.Functions.Orchestrators;

/// <summary>
/// The three Core workflows as Durable orchestrators: each wraps <see cref="TaskOrchestrationContext"/> in the Core
/// workflow context and runs the workflow unchanged. The OrchestrationTrigger attribute on a TaskOrchestrationContext
/// parameter: Azure/azure-functions-durable-extension src/Worker.Extensions.DurableTask/OrchestrationTriggerAttribute.cs and
/// FunctionsOrchestrationContext.cs (the context the worker passes in).
/// </summary>
public static class WorkflowOrchestrators
{
    /// <summary>The rollout.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <returns>The rollout's report.</returns>
    [Function(RolloutWorkflow.Name)]
    public static Task<RolloutReport> Rollout([OrchestrationTrigger] TaskOrchestrationContext context)
        => new RolloutWorkflow().RunAsync(Wrap(context), context.GetInput<RolloutRequest>()!);

    /// <summary>Key rotation.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <returns>The rotation report.</returns>
    [Function(KeyRotationWorkflow.Name)]
    public static Task<RotationReport> KeyRotation([OrchestrationTrigger] TaskOrchestrationContext context)
        => new KeyRotationWorkflow().RunAsync(Wrap(context), context.GetInput<RotationRequest>()!);

    /// <summary>Ensuring the Kerberos server objects.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <returns>The outcome per domain.</returns>
    [Function(EnsureKerberosServersWorkflow.Name)]
    public static Task<EnsureKerberosServersOutput> EnsureKerberosServers([OrchestrationTrigger] TaskOrchestrationContext context)
        => new EnsureKerberosServersWorkflow().RunAsync(Wrap(context), context.GetInput<EnsureKerberosServersInput>()!);

    // Replay-safe loggers come from the orchestration context's own logger factory (the function's services).
    private static DurableWorkflowContext Wrap(TaskOrchestrationContext context) => new(context);
}
