using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Precedence;
using CloudTrust.Integrations.TicketProbe;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>
/// Reads one ring's WHfB sources: the Intune ones and its trust-model evidence (GET requests only), and, when the input
/// names domains, the GPOs there that reach the ring's devices (the agent's read-only <c>ListHelloGroupPolicies</c>).
/// </summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="groupPolicies">Lists a domain's WHfB GPOs (the agent over the relay); null reads no Group Policy.</param>
/// <param name="time">The clock device check-in ages are measured by.</param>
/// <param name="loggers">Loggers.</param>
public sealed class ReadHelloSourcesActivity(GraphConnection graph, IHelloGroupPolicyPort? groupPolicies, TimeProvider time, ILoggerFactory loggers) : IActivity<HelloSourcesInput, HelloSourcesResult>
{
    /// <inheritdoc />
    public async Task<HelloSourcesResult> RunAsync(HelloSourcesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (sources, assignments) = await new HelloSourceReader(graph, loggers).ReadAsync(input.GroupIds, input.OurPolicyId, input.OurProfileName, cancellationToken);
        var probe = input.TicketProbeScriptId ?? (input.FindTicketProbe ? await new TicketProbeDeployment(graph).FindAsync(cancellationToken) : null);
        var ring = await new TrustModelEvidenceReader(graph, time, loggers).ReadAsync(input.GroupIds, probe, cancellationToken);
        GroupPolicyCoverage? coverage = null;
        if (input.Domains is { Count: > 0 } domains)
        {
            coverage = groupPolicies is null
                ? GroupPolicyCoverage.None with { Unreadable = [.. domains.Select(d => $"{d}: no agent connection is configured")] }
                : await new GroupPolicyCoverageReader(groupPolicies, loggers.CreateLogger<GroupPolicyCoverageReader>()).ReadAsync(domains, ring.DeviceNames, cancellationToken);
        }

        return new HelloSourcesResult(sources, assignments, ring.Evidence, coverage, ring.HybridJoined);
    }
}
