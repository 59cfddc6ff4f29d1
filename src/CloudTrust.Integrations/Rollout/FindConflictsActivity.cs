using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Finds policies that defeat cloud trust on the plan's groups (reads only).</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="loggers">Loggers.</param>
public sealed class FindConflictsActivity(GraphConnection graph, ILoggerFactory loggers) : IActivity<ConflictScanInput, ConflictScanResult>
{
    /// <inheritdoc />
    public Task<ConflictScanResult> RunAsync(ConflictScanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(graph);
        var profile = new SettingsCatalogProfile(graph.Beta, loggers.CreateLogger<SettingsCatalogProfile>());
        var scanner = new PolicyConflictScanner(graph.Beta, profile, loggers.CreateLogger<PolicyConflictScanner>());
        return scanner.ScanAsync(input.ProfileName, input.GroupIds, cancellationToken);
    }
}
