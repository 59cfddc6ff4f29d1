using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Migration;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Reads how far a ring's users are through container deletion and provisioning WHfB again (GET requests only).</summary>
/// <param name="graph">The Graph connection.</param>
public sealed class ReadReprovisioningActivity(GraphConnection graph) : IActivity<ReprovisioningInput, ReprovisioningStatus>
{
    /// <inheritdoc />
    public Task<ReprovisioningStatus> RunAsync(ReprovisioningInput input, CancellationToken cancellationToken)
        => new ReprovisioningReader(graph).ReadAsync(input, cancellationToken);
}
