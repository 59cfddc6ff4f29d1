using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Reads the policy state of every device of a ring (report pages, never per-device requests).</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class ReadRingStatusActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<RingStatusInput, RingStatusResult>
{
    /// <inheritdoc />
    public Task<RingStatusResult> RunAsync(RingStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(graph);
        return input.Mode == ProfileMode.SettingsCatalog
            ? new DevicePolicyReport(graph.Beta, new GroupDeviceIds(graph), graph.Options.ReportPageSize, loggers.CreateLogger<DevicePolicyReport>())
                .ReadAsync(input.PolicyId, input.GroupIds, input.SampleLimit, cancellationToken)
            : new CustomOmaUriProfile(graph, loggers.CreateLogger<CustomOmaUriProfile>()).ReadStatusAsync(input.PolicyId, input.GroupIds, input.SampleLimit, cancellationToken);
    }
}
