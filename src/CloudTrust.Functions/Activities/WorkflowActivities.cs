using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.History;
using CloudTrust.Integrations.Relay;
using CloudTrust.Integrations.Rollout;
using Microsoft.Azure.Functions.Worker;

namespace CloudTrust.Functions.Activities;

/// <summary>
/// Every activity the workflows call, as an activity function named by <see cref="Api.FunctionNames.FunctionFor"/> (the host refuses a '.' in a function name), each
/// calling the same activity class the local engine calls. The classes come from DI (see Program.cs).
/// The ActivityTrigger attribute binds the input record through the worker's serializer (Azure/azure-functions-durable-extension
/// src/Worker.Extensions.DurableTask/ActivityTriggerAttribute.cs, ActivityInputConverter.cs).
/// </summary>
/// <param name="services">The activity implementations.</param>
public sealed class WorkflowActivities(ActivityImplementations services)
{
    /// <summary>Preflight: the Kerberos server objects through the relay.</summary>
    [Function(Api.FunctionNames.CheckKerberosServers)]
    public Task<KerberosServerCheckResult> CheckKerberosServers([ActivityTrigger] KerberosServerCheckInput input, FunctionContext context)
        => services.CheckKerberosServers.RunAsync(input, context.CancellationToken);

    /// <summary>Preflight: conflicting policies.</summary>
    [Function(Api.FunctionNames.FindConflicts)]
    public Task<ConflictScanResult> FindConflicts([ActivityTrigger] ConflictScanInput input, FunctionContext context)
        => services.FindConflicts.RunAsync(input, context.CancellationToken);

    /// <summary>The WHfB profile.</summary>
    [Function(Api.FunctionNames.EnsureProfile)]
    public Task<EnsureProfileResult> EnsureProfile([ActivityTrigger] EnsureProfileInput input, FunctionContext context)
        => services.EnsureProfile.RunAsync(input, context.CancellationToken);

    /// <summary>Readiness of a ring.</summary>
    [Function(Api.FunctionNames.AssessReadiness)]
    public Task<ReadinessResult> AssessReadiness([ActivityTrigger] ReadinessInput input, FunctionContext context)
        => services.AssessReadiness.RunAsync(input, context.CancellationToken);

    /// <summary>Ring assignments.</summary>
    [Function(Api.FunctionNames.AssignGroups)]
    public Task<AssignGroupsResult> AssignGroups([ActivityTrigger] AssignGroupsInput input, FunctionContext context)
        => services.AssignGroups.RunAsync(input, context.CancellationToken);

    /// <summary>A ring's device states.</summary>
    [Function(Api.FunctionNames.ReadRingStatus)]
    public Task<RingStatusResult> ReadRingStatus([ActivityTrigger] RingStatusInput input, FunctionContext context)
        => services.ReadRingStatus.RunAsync(input, context.CancellationToken);

    /// <summary>Ships the ticket probe.</summary>
    [Function(Api.FunctionNames.DeployTicketProbe)]
    public Task<TicketProbeDeployResult> DeployTicketProbe([ActivityTrigger] TicketProbeDeployInput input, FunctionContext context)
        => services.DeployTicketProbe.RunAsync(input, context.CancellationToken);

    /// <summary>Reads the ticket probe.</summary>
    [Function(Api.FunctionNames.ReadTicketProbe)]
    public Task<TicketProbeSummary> ReadTicketProbe([ActivityTrigger] TicketProbeReadInput input, FunctionContext context)
        => services.ReadTicketProbe.RunAsync(input, context.CancellationToken);

    /// <summary>Resolves (or creates) ring groups named by display name.</summary>
    [Function(Api.FunctionNames.ResolveRingGroups)]
    public Task<ResolveRingGroupsResult> ResolveRingGroups([ActivityTrigger] ResolveRingGroupsInput input, FunctionContext context)
        => services.ResolveRingGroups.RunAsync(input, context.CancellationToken);

    /// <summary>Reads every WHfB source of a ring.</summary>
    [Function(Api.FunctionNames.ReadHelloSources)]
    public Task<HelloSourcesReading> ReadHelloSources([ActivityTrigger] HelloSourcesInput input, FunctionContext context)
        => services.ReadHelloSources.RunAsync(input, context.CancellationToken);

    /// <summary>Takes a ring out of the certificate-trust policies.</summary>
    [Function(Api.FunctionNames.DisableCertificateTrust)]
    public Task<CertificateTrustResult> DisableCertificateTrust([ActivityTrigger] CertificateTrustInput input, FunctionContext context)
        => services.DisableCertificateTrust.RunAsync(input, context.CancellationToken);

    /// <summary>Puts a ring back into the certificate-trust policies.</summary>
    [Function(Api.FunctionNames.RestoreCertificateTrust)]
    public Task<CertificateTrustResult> RestoreCertificateTrust([ActivityTrigger] CertificateTrustInput input, FunctionContext context)
        => services.RestoreCertificateTrust.RunAsync(input, context.CancellationToken);

    /// <summary>Assigns the Hello container deletion to a ring (irreversible; after approval).</summary>
    [Function(Api.FunctionNames.DeployContainerDeletion)]
    public Task<ContainerDeletionResult> DeployContainerDeletion([ActivityTrigger] ContainerDeletionInput input, FunctionContext context)
        => services.DeployContainerDeletion.RunAsync(input, context.CancellationToken);

    /// <summary>Reads a ring's re-provisioning.</summary>
    [Function(Api.FunctionNames.ReadReprovisioning)]
    public Task<ReprovisioningStatus> ReadReprovisioning([ActivityTrigger] ReprovisioningInput input, FunctionContext context)
        => services.ReadReprovisioning.RunAsync(input, context.CancellationToken);

    /// <summary>Reads a domain's Kerberos server object.</summary>
    [Function(Api.FunctionNames.ReadKerberosServer)]
    public Task<KerberosServerObject> ReadKerberosServer([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => services.ReadKerberosServer.RunAsync(input, context.CancellationToken);

    /// <summary>Rotates a domain's key.</summary>
    [Function(Api.FunctionNames.RotateKerberosServerKey)]
    public Task<KerberosServerObject> RotateKerberosServerKey([ActivityTrigger] KerberosDomainRequest input, FunctionContext context)
        => services.RotateKerberosServerKey.RunAsync(input, context.CancellationToken);

    /// <summary>Keeps a rotation attempt in the history.</summary>
    [Function(Api.FunctionNames.RecordRotationAttempt)]
    public Task<bool> RecordRotationAttempt([ActivityTrigger] RotationAttempt input, FunctionContext context)
        => services.RecordRotationAttempt.RunAsync(input, context.CancellationToken);

    /// <summary>Ensures a domain's Kerberos server object.</summary>
    [Function(Api.FunctionNames.EnsureKerberosServer)]
    public Task<DomainKerberosOutcome> EnsureKerberosServer([ActivityTrigger] KerberosDomainInput input, FunctionContext context)
        => services.EnsureKerberosServer.RunAsync(input, context.CancellationToken);
}

/// <summary>The activity classes the functions call, built once from the Graph connection, relay sender and history.</summary>
/// <param name="CheckKerberosServers">Preflight Kerberos.</param>
/// <param name="FindConflicts">Conflicts.</param>
/// <param name="EnsureProfile">Profile.</param>
/// <param name="AssessReadiness">Readiness.</param>
/// <param name="AssignGroups">Assignments.</param>
/// <param name="ReadRingStatus">Ring status.</param>
/// <param name="DeployTicketProbe">Probe deployment.</param>
/// <param name="ReadTicketProbe">Probe results.</param>
/// <param name="ReadKerberosServer">Kerberos read.</param>
/// <param name="RotateKerberosServerKey">Key rotation.</param>
/// <param name="RecordRotationAttempt">History.</param>
/// <param name="EnsureKerberosServer">Kerberos ensure.</param>
/// <param name="ResolveRingGroups">Resolves (or creates) ring groups named by display name.</param>
/// <param name="ReadHelloSources">Reads every WHfB source of all the plan's rings in one pass.</param>
/// <param name="DisableCertificateTrust">Takes a ring out of the certificate-trust policies.</param>
/// <param name="RestoreCertificateTrust">Puts a ring back into the certificate-trust policies.</param>
/// <param name="DeployContainerDeletion">Assigns the Hello container deletion to a ring (irreversible; after approval).</param>
/// <param name="ReadReprovisioning">Reads a ring's re-provisioning.</param>
public sealed record ActivityImplementations(
    CheckKerberosServersActivity CheckKerberosServers,
    FindConflictsActivity FindConflicts,
    EnsureProfileActivity EnsureProfile,
    AssessReadinessActivity AssessReadiness,
    AssignGroupsActivity AssignGroups,
    ReadRingStatusActivity ReadRingStatus,
    DeployTicketProbeActivity DeployTicketProbe,
    ReadTicketProbeActivity ReadTicketProbe,
    ReadKerberosServerActivity ReadKerberosServer,
    RotateKerberosServerKeyActivity RotateKerberosServerKey,
    RecordRotationAttemptActivity RecordRotationAttempt,
    EnsureKerberosServerActivity EnsureKerberosServer,
    ResolveRingGroupsActivity ResolveRingGroups,
    ReadHelloSourcesActivity ReadHelloSources,
    DisableCertificateTrustActivity DisableCertificateTrust,
    RestoreCertificateTrustActivity RestoreCertificateTrust,
    DeployContainerDeletionActivity DeployContainerDeletion,
    ReadReprovisioningActivity ReadReprovisioning);
