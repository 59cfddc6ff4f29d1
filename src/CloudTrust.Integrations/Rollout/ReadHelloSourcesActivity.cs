using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Precedence;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>Reads one ring's Intune WHfB sources and its trust-model evidence (GET requests only).</summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="time">The clock device check-in ages are measured by.</param>
/// <param name="loggers">Loggers.</param>
public sealed class ReadHelloSourcesActivity(GraphConnection graph, TimeProvider time, ILoggerFactory loggers) : IActivity<HelloSourcesInput, HelloSourcesResult>
{
    /// <inheritdoc />
    public async Task<HelloSourcesResult> RunAsync(HelloSourcesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (sources, assignments) = await new HelloSourceReader(graph, loggers).ReadAsync(input.GroupIds, input.OurPolicyId, cancellationToken);
        var evidence = await new TrustModelEvidenceReader(graph, time, loggers).ReadAsync(input.GroupIds, input.TicketProbeScriptId, cancellationToken);
        return new HelloSourcesResult(sources, assignments, evidence);
    }
}
