using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>
/// Reads the policy state of every device of a ring from the device report (report pages, never per-device
/// requests), for the settings-catalog policy and the custom OMA-URI profile alike.
/// </summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class ReadRingStatusActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<RingStatusInput, RingStatusResult>
{
    /// <inheritdoc />
    public Task<RingStatusResult> RunAsync(RingStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(graph);
        return new DevicePolicyReport(graph, graph.Options.ReportPageSize, loggers.CreateLogger<DevicePolicyReport>())
            .ReadAsync(input.PolicyId, input.GroupIds, input.SampleLimit, cancellationToken);
    }
}
