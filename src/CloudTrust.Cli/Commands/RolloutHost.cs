using CloudTrust.Integrations.Composition;
using Azure.Core;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Integrations.Relay;
using CloudTrust.Integrations.Rollout;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// An engine on the local journal that runs rollouts against the tenant: the <see cref="RolloutWorkflow"/> with every
/// activity over the tenant's Graph connection, the Kerberos preflight through the relay to the agent, and the
/// tenant's clock (the simulated tenant's shared accelerated clock, or the system clock).
/// </summary>
public sealed class RolloutHost : IAsyncDisposable
{
    private readonly TenantConnection connection;
    private readonly ILoggerFactory loggers;

    private RolloutHost(TenantConnection connection, WorkflowEngine engine, TimeProvider clock, ILoggerFactory loggers)
    {
        this.connection = connection;
        Engine = engine;
        Clock = clock;
        this.loggers = loggers;
    }

    /// <summary>Gets the engine.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>Gets the clock workflows run by.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Opens the journal and connects to the tenant.</summary>
    /// <param name="databasePath">The journal file.</param>
    /// <param name="settings">The tenant settings.</param>
    /// <param name="loggers">Where logs go; <see cref="Output.CliLogging"/> when null. The host disposes them.</param>
    /// <param name="credential">A credential to use instead of the settings' (for example <see cref="Simulated.SimulatedTenant.CreateCredential"/> in-process).</param>
    /// <param name="afterCommit">Called after every journal commit with the count (crash sweeps kill the process there).</param>
    /// <returns>The host.</returns>
    public static RolloutHost Open(string databasePath, TenantSettings settings, ILoggerFactory? loggers = null, TokenCredential? credential = null, Action<long>? afterCommit = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        loggers ??= Output.CliLogging.Create();
        var clock = settings.CreateClock();
        var connection = TenantConnection.Open(settings, TimeProvider.System, loggers, credential);
        var graph = connection.Graph;
        var registry = new WorkflowRegistry()
            .AddWorkflow<RolloutRequest, RolloutReport>(RolloutWorkflow.Name, new RolloutWorkflow())
            .AddWorkflow<RingVerificationRequest, RingVerificationResult>(RingVerificationWorkflow.Name, new RingVerificationWorkflow())
            .AddWorkflow<TicketProbeTrackingRequest, TicketProbeSummary>(TicketProbeTrackingWorkflow.Name, new TicketProbeTrackingWorkflow())
            .AddWorkflow<ReprovisioningTrackingRequest, ReprovisioningStatus>(ReprovisioningTrackingWorkflow.Name, new ReprovisioningTrackingWorkflow())
            .AddActivities(new RolloutActivitySet(graph, new RelayKerberosServerPreflight(connection.Sender, TenantCloudSignIn.Read(settings)), new RelayHelloGroupPolicyReader(connection.Sender), clock, loggers, new RelayOnPremisesReadiness(connection.Sender)).RegisterWith);
        var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = databasePath, PollInterval = TimeSpan.FromMilliseconds(100), AfterCommit = afterCommit }, clock, loggers);
        return new RolloutHost(connection, engine, clock, loggers);
    }

    /// <summary>
    /// Takes over one unfinished rollout whose process is gone (a live owner keeps it), without touching the journal's
    /// other instances: the engine re-launches the instance from its journal and replays it.
    /// </summary>
    /// <param name="instance">The rollout instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the instance is launched (or left to its live owner).</returns>
    public Task TakeOverAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Engine.StartJsonAsync(instance.Name, instance.Input, instance.InstanceId, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        connection.Dispose();
        loggers.Dispose();
    }
}
