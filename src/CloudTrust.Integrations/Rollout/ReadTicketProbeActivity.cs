using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.TicketProbe;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Summarises the ticket probe's device run states.</summary>
/// <param name="graph">The Graph connection.</param>
public sealed class ReadTicketProbeActivity(GraphConnection graph) : IActivity<TicketProbeReadInput, TicketProbeSummary>
{
    /// <inheritdoc />
    public async Task<TicketProbeSummary> RunAsync(TicketProbeReadInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var only = input.GroupIds is { } groups ? await new GroupDeviceIds(graph).ReadAsync(groups, cancellationToken) : null;
        return await new TicketProbeDeployment(graph).ReadAsync(input.ScriptId, input.SampleLimit, cancellationToken, only, input.KerberosDomains);
    }
}
