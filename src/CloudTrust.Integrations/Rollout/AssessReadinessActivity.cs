using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Reads device and user readiness for a ring's groups.</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="time">The clock check-in ages are measured by.</param>
/// <param name="loggers">Loggers.</param>
public sealed class AssessReadinessActivity(GraphConnection graph, TimeProvider time, ILoggerFactory loggers) : IActivity<ReadinessInput, ReadinessResult>
{
    /// <inheritdoc />
    public Task<ReadinessResult> RunAsync(ReadinessInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reader = new FleetReadinessReader(graph, new GroupDeviceIds(graph), time, loggers.CreateLogger<FleetReadinessReader>());
        return reader.ReadAsync(input, cancellationToken);
    }
}
