using CloudTrust.Core.GroupPolicy;
using CloudTrust.Integrations.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Precedence;

/// <summary>
/// Lists each domain's WHfB GPOs through the agent once and keeps, for each ring, those that reach its devices. A domain whose GPOs
/// cannot be listed (agent unreachable, operation refused) is named in <see cref="GroupPolicyCoverage.Unreadable"/>
/// rather than failing the read: the analysis then warns that a GPO there would win over Intune.
/// </summary>
internal sealed partial class GroupPolicyCoverageReader(IHelloGroupPolicyPort groupPolicies, ILogger<GroupPolicyCoverageReader> logger)
{
    /// <summary>Lists each domain's WHfB GPOs once and gives each ring those that reach its devices.</summary>
    public async Task<IReadOnlyList<GroupPolicyCoverage>> ReadAsync(IReadOnlyList<string> domains, IReadOnlyList<IReadOnlySet<string>> deviceNamesOfRings, CancellationToken cancellationToken)
    {
        var listed = new List<HelloGroupPolicy>();
        var unreadable = new List<string>();
        foreach (var domain in domains)
        {
            try
            {
                listed.AddRange(await groupPolicies.ListAsync(domain, cancellationToken));
            }
            catch (Exception ex) when (ex is RelayUnavailableException or KerberosOperationFailedException)
            {
                LogUnreadable(domain, ex.Message);
                unreadable.Add($"{domain}: {ex.Message}");
            }
        }

        return [.. deviceNamesOfRings.Select(names => HelloGroupPolicySources.Covering(listed, names) with { Unreadable = unreadable })];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group Policy not read in {Domain}: {Reason}")]
    private partial void LogUnreadable(string domain, string reason);
}
