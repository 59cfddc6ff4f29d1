using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.TicketProbe;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Uploads the ticket probe (once) and assigns it to the rollout's groups.</summary>
/// <param name="graph">The Graph connection.</param>
public sealed class DeployTicketProbeActivity(GraphConnection graph) : IActivity<TicketProbeDeployInput, TicketProbeDeployResult>
{
    /// <inheritdoc />
    public async Task<TicketProbeDeployResult> RunAsync(TicketProbeDeployInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new TicketProbeDeployResult(await new TicketProbeDeployment(graph).DeployAsync(input.GroupIds, cancellationToken));
    }
}
