using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Adds or removes groups in our profile's assignment list, keeping every other target.</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class AssignGroupsActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<AssignGroupsInput, AssignGroupsResult>
{
    /// <inheritdoc />
    public Task<AssignGroupsResult> RunAsync(AssignGroupsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(graph);
        return input.Mode == ProfileMode.SettingsCatalog
            ? new RingAssignments(graph.Beta, loggers.CreateLogger<RingAssignments>()).ChangeAsync(input.PolicyId, input.Add, input.Remove, cancellationToken)
            : new CustomOmaUriProfile(graph, loggers.CreateLogger<CustomOmaUriProfile>()).ChangeAssignmentsAsync(input.PolicyId, input.Add, input.Remove, cancellationToken);
    }
}
