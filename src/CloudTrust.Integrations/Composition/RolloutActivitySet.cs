using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Composition;

/// <summary>
/// Every activity the rollout workflow calls, built once from the tenant's Graph connection, the Kerberos server
/// health port and (when an agent is reachable) the agent's Group Policy reader. The one composition root of the
/// rollout's activities: the Functions host's activity functions call these instances, and the local engine's hosts
/// and the tests register them through <see cref="RegisterWith"/>, so no host can wire an activity differently.
/// </summary>
public sealed class RolloutActivitySet
{
    /// <summary>Initializes a new instance of the <see cref="RolloutActivitySet"/> class.</summary>
    /// <param name="graph">The Microsoft Graph connection.</param>
    /// <param name="kerberos">Reads (and ensures) each domain's Kerberos server object: the relay to the agent, or a simulated forest in tests.</param>
    /// <param name="groupPolicies">Lists the GPOs that configure WHfB through the agent; null when no agent is reachable.</param>
    /// <param name="clock">The clock readiness and the WHfB source read judge ages by.</param>
    /// <param name="loggers">Where the activities log.</param>
    /// <param name="onPremises">Reads domain controllers and privileged users through the agent; null when no agent is reachable (nothing is read, nothing blocks).</param>
    public RolloutActivitySet(GraphConnection graph, IKerberosServerHealthPort kerberos, IHelloGroupPolicyPort? groupPolicies, TimeProvider clock, ILoggerFactory loggers, IOnPremisesReadinessPort? onPremises = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(kerberos);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(loggers);
        CheckKerberosServers = new CheckKerberosServersActivity(kerberos);
        FindConflicts = new FindConflictsActivity(graph, loggers);
        EnsureProfile = new EnsureProfileActivity(graph, loggers);
        ResolveRingGroups = new ResolveRingGroupsActivity(graph, loggers);
        AssessReadiness = new AssessReadinessActivity(graph, clock, loggers);
        AssignGroups = new AssignGroupsActivity(graph, loggers);
        ReadRingStatus = new ReadRingStatusActivity(graph, loggers);
        DeployTicketProbe = new DeployTicketProbeActivity(graph);
        ReadTicketProbe = new ReadTicketProbeActivity(graph);
        ReadHelloSources = new ReadHelloSourcesActivity(graph, groupPolicies, clock, loggers);
        DisableCertificateTrust = new DisableCertificateTrustActivity(graph, loggers);
        RestoreCertificateTrust = new RestoreCertificateTrustActivity(graph, loggers);
        DeployContainerDeletion = new DeployContainerDeletionActivity(graph, loggers);
        ReadReprovisioning = new ReadReprovisioningActivity(graph);
        CheckOnPremisesReadiness = new CheckOnPremisesReadinessActivity(graph, onPremises, clock, loggers);
    }

    /// <summary>Gets the preflight's on-premises read (domain controllers per site, ring users the object's policy denies).</summary>
    public CheckOnPremisesReadinessActivity CheckOnPremisesReadiness { get; }

    /// <summary>Gets the preflight's Kerberos server object check.</summary>
    public CheckKerberosServersActivity CheckKerberosServers { get; }

    /// <summary>Gets the preflight's conflicting-policy scan.</summary>
    public FindConflictsActivity FindConflicts { get; }

    /// <summary>Gets the WHfB profile's create-or-repair.</summary>
    public EnsureProfileActivity EnsureProfile { get; }

    /// <summary>Gets the resolution (or creation) of ring groups named by display name.</summary>
    public ResolveRingGroupsActivity ResolveRingGroups { get; }

    /// <summary>Gets a ring's readiness assessment.</summary>
    public AssessReadinessActivity AssessReadiness { get; }

    /// <summary>Gets a ring's assignments.</summary>
    public AssignGroupsActivity AssignGroups { get; }

    /// <summary>Gets the read of a ring's device states.</summary>
    public ReadRingStatusActivity ReadRingStatus { get; }

    /// <summary>Gets the ticket probe's deployment.</summary>
    public DeployTicketProbeActivity DeployTicketProbe { get; }

    /// <summary>Gets the read of the ticket probe's results.</summary>
    public ReadTicketProbeActivity ReadTicketProbe { get; }

    /// <summary>Gets the read of every WHfB source of the plan's rings.</summary>
    public ReadHelloSourcesActivity ReadHelloSources { get; }

    /// <summary>Gets the removal of a ring from the certificate-trust policies.</summary>
    public DisableCertificateTrustActivity DisableCertificateTrust { get; }

    /// <summary>Gets the restoration of a ring to the certificate-trust policies.</summary>
    public RestoreCertificateTrustActivity RestoreCertificateTrust { get; }

    /// <summary>Gets the Hello container deletion's assignment (irreversible; after approval).</summary>
    public DeployContainerDeletionActivity DeployContainerDeletion { get; }

    /// <summary>Gets the read of a ring's re-provisioning.</summary>
    public ReadReprovisioningActivity ReadReprovisioning { get; }

    /// <summary>Registers every activity under the name the rollout workflow calls it by.</summary>
    /// <param name="registrar">The host's registrar.</param>
    public void RegisterWith(IActivityRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar.Register(RolloutActivityNames.CheckKerberosServers, CheckKerberosServers);
        registrar.Register(RolloutActivityNames.FindConflicts, FindConflicts);
        registrar.Register(RolloutActivityNames.EnsureProfile, EnsureProfile);
        registrar.Register(RolloutActivityNames.ResolveRingGroups, ResolveRingGroups);
        registrar.Register(RolloutActivityNames.AssessReadiness, AssessReadiness);
        registrar.Register(RolloutActivityNames.AssignGroups, AssignGroups);
        registrar.Register(RolloutActivityNames.ReadRingStatus, ReadRingStatus);
        registrar.Register(RolloutActivityNames.DeployTicketProbe, DeployTicketProbe);
        registrar.Register(RolloutActivityNames.ReadTicketProbe, ReadTicketProbe);
        registrar.Register(RolloutActivityNames.ReadHelloSources, ReadHelloSources);
        registrar.Register(RolloutActivityNames.DisableCertificateTrust, DisableCertificateTrust);
        registrar.Register(RolloutActivityNames.RestoreCertificateTrust, RestoreCertificateTrust);
        registrar.Register(RolloutActivityNames.DeployContainerDeletion, DeployContainerDeletion);
        registrar.Register(RolloutActivityNames.ReadReprovisioning, ReadReprovisioning);
        registrar.Register(RolloutActivityNames.CheckOnPremisesReadiness, CheckOnPremisesReadiness);
    }
}
