using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
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
/// FunctionsOrchestrationContext.cs (the context the worker passes in). The input is a declared parameter, so the
/// extension's OrchestrationInputConverter.cs binds it: FunctionsOrchestrator.cs takes the first parameter without a
/// binding as the orchestrator's input type, and the worker deserializes the input into that type with the
/// DataConverter built from the worker's serializer, the same one that wrote it.
/// </summary>
public static class WorkflowOrchestrators
{
    /// <summary>The rollout.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>The rollout's report.</returns>
    [Function(RolloutWorkflow.Name)]
    public static Task<RolloutReport> Rollout([OrchestrationTrigger] TaskOrchestrationContext context, RolloutRequest request)
        => new RolloutWorkflow().RunAsync(Wrap(context), Required(request));

    /// <summary>Key rotation.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>The rotation report.</returns>
    [Function(KeyRotationWorkflow.Name)]
    public static Task<RotationReport> KeyRotation([OrchestrationTrigger] TaskOrchestrationContext context, RotationRequest request)
        => new KeyRotationWorkflow().RunAsync(Wrap(context), Required(request));

    /// <summary>Ensuring the Kerberos server objects.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>The outcome per domain.</returns>
    [Function(EnsureKerberosServersWorkflow.Name)]
    public static Task<EnsureKerberosServersOutput> EnsureKerberosServers([OrchestrationTrigger] TaskOrchestrationContext context, EnsureKerberosServersInput request)
        => new EnsureKerberosServersWorkflow().RunAsync(Wrap(context), Required(request));

    /// <summary>Removing one domain's Kerberos server object (attended by default).</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>What happened.</returns>
    [Function(KerberosRemovalWorkflow.Name)]
    public static Task<KerberosRemovalReport> KerberosRemoval([OrchestrationTrigger] TaskOrchestrationContext context, KerberosRemovalRequest request)
        => new KerberosRemovalWorkflow().RunAsync(Wrap(context), Required(request));

    /// <summary>One ring's verification polling (a child of the rollout that continues as new).</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>The ring's gate decision and last reading.</returns>
    [Function(RingVerificationWorkflow.Name)]
    public static Task<RingVerificationResult> RingVerification([OrchestrationTrigger] TaskOrchestrationContext context, RingVerificationRequest request)
        => new RingVerificationWorkflow().RunAsync(Wrap(context), Required(request));

    /// <summary>A key-trust ring's sign-in tracking or the final ticket probe (a child of the rollout).</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>The probe's summary.</returns>
    [Function(TicketProbeTrackingWorkflow.Name)]
    public static Task<TicketProbeSummary> TicketProbeTracking([OrchestrationTrigger] TaskOrchestrationContext context, TicketProbeTrackingRequest request)
        => new TicketProbeTrackingWorkflow().RunAsync(Wrap(context), Required(request));

    /// <summary>A certificate-trust ring's re-provisioning tracking (a child of the rollout).</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="request">The orchestration's input.</param>
    /// <returns>The ring's re-provisioning.</returns>
    [Function(ReprovisioningTrackingWorkflow.Name)]
    public static Task<ReprovisioningStatus> ReprovisioningTracking([OrchestrationTrigger] TaskOrchestrationContext context, ReprovisioningTrackingRequest request)
        => new ReprovisioningTrackingWorkflow().RunAsync(Wrap(context), Required(request));

    private static T Required<T>(T? input)
        where T : class
        => input ?? throw new InvalidOperationException($"the orchestration was started without its input ({typeof(T).Name})");

    // Replay-safe loggers come from the orchestration context's own logger factory (the function's services).
    private static DurableWorkflowContext Wrap(TaskOrchestrationContext context) => new(context);
}
