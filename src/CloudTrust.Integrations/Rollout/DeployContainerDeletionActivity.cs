using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Migration;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Deploys the Hello container deletion to a ring's groups (irreversible; call it only after the ring's approval).</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class DeployContainerDeletionActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<ContainerDeletionInput, ContainerDeletionResult>
{
    /// <inheritdoc />
    public Task<ContainerDeletionResult> RunAsync(ContainerDeletionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ContainerDeletionDeployment(graph, loggers.CreateLogger<ContainerDeletionDeployment>()).DeployAsync(input.GroupIds, cancellationToken);
    }
}
