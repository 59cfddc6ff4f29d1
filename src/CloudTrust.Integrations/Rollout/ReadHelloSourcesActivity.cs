using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Precedence;
using CloudTrust.Integrations.TicketProbe;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Rollout;

/// <summary>
/// Reads every ring's WHfB sources in one pass: the Intune ones and the rings' trust-model evidence (GET requests
/// only, each tenant-wide list read once), and, when the input names domains, the GPOs there that reach each ring's
/// devices (the agent's read-only <c>ListHelloGroupPolicies</c>, once per domain).
/// </summary>
/// <param name="graph">The Graph connection.</param>
/// <param name="groupPolicies">Lists a domain's WHfB GPOs (the agent over the relay); null reads no Group Policy.</param>
/// <param name="time">The clock device check-in ages are measured by.</param>
/// <param name="loggers">Loggers.</param>
public sealed class ReadHelloSourcesActivity(GraphConnection graph, IHelloGroupPolicyPort? groupPolicies, TimeProvider time, ILoggerFactory loggers) : IActivity<HelloSourcesInput, HelloSourcesReading>
{
    /// <inheritdoc />
    public async Task<HelloSourcesReading> RunAsync(HelloSourcesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var intune = await new HelloSourceReader(graph, loggers).ReadAsync(input.Rings, input.OurPolicyId, input.OurProfileName, cancellationToken);
        var probe = input.TicketProbeScriptId ?? (input.FindTicketProbe ? await new TicketProbeDeployment(graph).FindAsync(cancellationToken) : null);
        var evidence = await new TrustModelEvidenceReader(graph, time, loggers).ReadAsync(input.Rings, probe, keepNames: input.Domains is { Count: > 0 }, cancellationToken);
        IReadOnlyList<GroupPolicyCoverage>? coverage = null;
        if (input.Domains is { Count: > 0 } domains)
        {
            coverage = groupPolicies is null
                ? [.. input.Rings.Select(_ => GroupPolicyCoverage.None with { Unreadable = [.. domains.Select(d => $"{d}: no agent connection is configured")] })]
                : await new GroupPolicyCoverageReader(groupPolicies, loggers.CreateLogger<GroupPolicyCoverageReader>()).ReadAsync(domains, [.. evidence.Select(e => e.DeviceNames)], cancellationToken);
        }

        return new HelloSourcesReading([.. input.Rings.Select((_, i) => new HelloSourcesResult(intune[i].Sources, intune[i].Assignments, evidence[i].Evidence, coverage?[i], evidence[i].HybridJoined))]);
    }
}
