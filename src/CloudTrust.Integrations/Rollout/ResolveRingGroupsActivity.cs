using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Resolves the plan's ring group display names to ids, creating missing groups when the plan allows it.</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class ResolveRingGroupsActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<ResolveRingGroupsInput, ResolveRingGroupsResult>
{
    /// <inheritdoc />
    public Task<ResolveRingGroupsResult> RunAsync(ResolveRingGroupsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(loggers);
        return new GroupResolver(graph, loggers.CreateLogger<GroupResolver>()).ResolveAsync(input, cancellationToken);
    }
}
