using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Composition;
using Microsoft.Azure.Functions.Worker;

namespace CloudTrust.Functions.Activities;

/// <summary>
/// Every activity the workflows call, as an activity function named by <see cref="Api.FunctionNames.FunctionFor"/> (the host refuses a '.' in a function name), each
/// calling the same activity instance the local engine's hosts register: both come from the activity sets of
/// <c>CloudTrust.Integrations.Composition</c>, built by <see cref="Composition.FunctionsServices"/>.
/// The ActivityTrigger attribute binds the input record through the worker's serializer (Azure/azure-functions-durable-extension
/// src/Worker.Extensions.DurableTask/ActivityTriggerAttribute.cs, ActivityInputConverter.cs).
/// </summary>
/// <param name="rollout">The rollout's activities.</param>
/// <param name="kerberos">The Kerberos server object and rotation activities.</param>
public sealed class WorkflowActivities(RolloutActivitySet rollout, KerberosActivitySet kerberos)
{
    /// <summary>Preflight: the Kerberos server objects through the relay.</summary>
    [Function(Api.FunctionNames.CheckKerberosServers)]
    public Task<KerberosServerCheckResult> CheckKerberosServers([ActivityTrigger] KerberosServerCheckInput input, FunctionContext context)
        => rollout.CheckKerberosServers.RunAsync(input, context.CancellationToken);

    /// <summary>Preflight: conflicting policies.</summary>
    [Function(Api.FunctionNames.FindConflicts)]
    public Task<ConflictScanResult> FindConflicts([ActivityTrigger] ConflictScanInput input, FunctionContext context)
        => rollout.FindConflicts.RunAsync(input, context.CancellationToken);

    /// <summary>The WHfB profile.</summary>
    [Function(Api.FunctionNames.EnsureProfile)]
    public Task<EnsureProfileResult> EnsureProfile([ActivityTrigger] EnsureProfileInput input, FunctionContext context)
        => rollout.EnsureProfile.RunAsync(input, context.CancellationToken);

    /// <summary>Readiness of a ring.</summary>
    [Function(Api.FunctionNames.AssessReadiness)]
    public Task<ReadinessResult> AssessReadiness([ActivityTrigger] ReadinessInput input, FunctionContext context)
        => rollout.AssessReadiness.RunAsync(input, context.CancellationToken);

    /// <summary>Ring assignments.</summary>
    [Function(Api.FunctionNames.AssignGroups)]
    public Task<AssignGroupsResult> AssignGroups([ActivityTrigger] AssignGroupsInput input, FunctionContext context)
        => rollout.AssignGroups.RunAsync(input, context.CancellationToken);

    /// <summary>A ring's device states.</summary>
    [Function(Api.FunctionNames.ReadRingStatus)]
    public Task<RingStatusResult> ReadRingStatus([ActivityTrigger] RingStatusInput input, FunctionContext context)
        => rollout.ReadRingStatus.RunAsync(input, context.CancellationToken);

    /// <summary>Ships the ticket probe.</summary>
    [Function(Api.FunctionNames.DeployTicketProbe)]
    public Task<TicketProbeDeployResult> DeployTicketProbe([ActivityTrigger] TicketProbeDeployInput input, FunctionContext context)
        => rollout.DeployTicketProbe.RunAsync(input, context.CancellationToken);

    /// <summary>Reads the ticket probe.</summary>
    [Function(Api.FunctionNames.ReadTicketProbe)]
    public Task<TicketProbeSummary> ReadTicketProbe([ActivityTrigger] TicketProbeReadInput input, FunctionContext context)
        => rollout.ReadTicketProbe.RunAsync(input, context.CancellationToken);

    /// <summary>Resolves (or creates) ring groups named by display name.</summary>
    [Function(Api.FunctionNames.ResolveRingGroups)]
    public Task<ResolveRingGroupsResult> ResolveRingGroups([ActivityTrigger] ResolveRingGroupsInput input, FunctionContext context)
        => rollout.ResolveRingGroups.RunAsync(input, context.CancellationToken);

    /// <summary>Reads every WHfB source of a ring.</summary>
    [Function(Api.FunctionNames.ReadHelloSources)]
    public Task<HelloSourcesReading> ReadHelloSources([ActivityTrigger] HelloSourcesInput input, FunctionContext context)
        => rollout.ReadHelloSources.RunAsync(input, context.CancellationToken);

    /// <summary>Takes a ring out of the certificate-trust policies.</summary>
    [Function(Api.FunctionNames.DisableCertificateTrust)]
    public Task<CertificateTrustResult> DisableCertificateTrust([ActivityTrigger] CertificateTrustInput input, FunctionContext context)
        => rollout.DisableCertificateTrust.RunAsync(input, context.CancellationToken);

    /// <summary>Puts a ring back into the certificate-trust policies.</summary>
    [Function(Api.FunctionNames.RestoreCertificateTrust)]
    public Task<CertificateTrustResult> RestoreCertificateTrust([ActivityTrigger] CertificateTrustInput input, FunctionContext context)
        => rollout.RestoreCertificateTrust.RunAsync(input, context.CancellationToken);

    /// <summary>Assigns the Hello container deletion to a ring (irreversible; after approval).</summary>
    [Function(Api.FunctionNames.DeployContainerDeletion)]
    public Task<ContainerDeletionResult> DeployContainerDeletion([ActivityTrigger] ContainerDeletionInput input, FunctionContext context)
        => rollout.DeployContainerDeletion.RunAsync(input, context.CancellationToken);

    /// <summary>Reads a ring's re-provisioning.</summary>
    [Function(Api.FunctionNames.ReadReprovisioning)]
    public Task<ReprovisioningStatus> ReadReprovisioning([ActivityTrigger] ReprovisioningInput input, FunctionContext context)
        => rollout.ReadReprovisioning.RunAsync(input, context.CancellationToken);

    /// <summary>Preflight: domain controllers per site and ring users the object's policy denies, through the agent.</summary>
    [Function(Api.FunctionNames.CheckOnPremisesReadiness)]
    public Task<OnPremisesReadinessResult> CheckOnPremisesReadiness([ActivityTrigger] OnPremisesReadinessInput input, FunctionContext context)
        => rollout.CheckOnPremisesReadiness.RunAsync(input, context.CancellationToken);

    /// <summary>Reads a domain's Kerberos server object.</summary>
    [Function(Api.FunctionNames.ReadKerberosServer)]
    public Task<KerberosServerObject> ReadKerberosServer([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => kerberos.ReadKerberosServer.RunAsync(input, context.CancellationToken);

    /// <summary>Rotates a domain's key.</summary>
    [Function(Api.FunctionNames.RotateKerberosServerKey)]
    public Task<KerberosServerObject> RotateKerberosServerKey([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => kerberos.RotateKerberosServerKey.RunAsync(input, context.CancellationToken);

    /// <summary>Keeps a rotation attempt in the history.</summary>
    [Function(Api.FunctionNames.RecordRotationAttempt)]
    public Task<bool> RecordRotationAttempt([ActivityTrigger] RotationAttempt input, FunctionContext context)
        => kerberos.RecordRotationAttempt.RunAsync(input, context.CancellationToken);

    /// <summary>Ensures a domain's Kerberos server object.</summary>
    [Function(Api.FunctionNames.EnsureKerberosServer)]
    public Task<DomainKerberosOutcome> EnsureKerberosServer([ActivityTrigger] KerberosDomainInput input, FunctionContext context)
        => kerberos.EnsureKerberosServer.RunAsync(input, context.CancellationToken);

    /// <summary>Reads a domain's object's on-premises half from the directory (no cloud sign-in; attended domains).</summary>
    [Function(Api.FunctionNames.ReadKerberosServerDirectory)]
    public Task<KerberosDirectoryObject> ReadKerberosServerDirectory([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => kerberos.ReadKerberosServerDirectory.RunAsync(input, context.CancellationToken);

    /// <summary>Reads when a domain's key was last rotated (the history).</summary>
    [Function(Api.FunctionNames.ReadLastRotation)]
    public Task<LastRotation> ReadLastRotation([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => kerberos.ReadLastRotation.RunAsync(input, context.CancellationToken);

    /// <summary>Queues an attended operation on the agent.</summary>
    [Function(Api.FunctionNames.QueueAttendedKerberosOperation)]
    public Task<AttendedOperation> QueueAttendedKerberosOperation([ActivityTrigger] AttendedKerberosRequest input, FunctionContext context)
        => kerberos.QueueAttendedKerberosOperation.RunAsync(input, context.CancellationToken);

    /// <summary>Reads an attended request.</summary>
    [Function(Api.FunctionNames.ReadAttendedKerberosOperation)]
    public Task<AttendedOperation> ReadAttendedKerberosOperation([ActivityTrigger] AttendedRequestRef input, FunctionContext context)
        => kerberos.ReadAttendedKerberosOperation.RunAsync(input, context.CancellationToken);

    /// <summary>Removes a domain's Kerberos server object (password sign-in).</summary>
    [Function(Api.FunctionNames.RemoveKerberosServer)]
    public Task<KerberosServerRemoved> RemoveKerberosServer([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => kerberos.RemoveKerberosServer.RunAsync(input, context.CancellationToken);

    /// <summary>Withdraws a waiting attended request.</summary>
    [Function(Api.FunctionNames.CancelAttendedKerberosOperation)]
    public Task<AttendedOperation> CancelAttendedKerberosOperation([ActivityTrigger] AttendedRequestRef input, FunctionContext context)
        => kerberos.CancelAttendedKerberosOperation.RunAsync(input, context.CancellationToken);
}
