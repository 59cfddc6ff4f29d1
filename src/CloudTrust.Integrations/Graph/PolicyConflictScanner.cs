using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Finds settings-catalog policies other than ours that are assigned to a plan group and set certificate trust
/// on, or WHfB / cloud trust off. Reads only; runs before anything is written.
/// </summary>
internal sealed partial class PolicyConflictScanner(BetaGraphClient beta, SettingsCatalogProfile profile, ILogger<PolicyConflictScanner> logger)
{
    public async Task<ConflictScanResult> ScanAsync(string profileName, IReadOnlyList<Guid> planGroups, CancellationToken cancellationToken)
    {
        var (assigned, examined) = await new AssignedConfigurationPolicies(beta).ReadAsync(planGroups, p => !SettingsCatalogProfile.IsOurs(p, profileName), cancellationToken);
        var conflicts = new List<PolicyConflict>();
        foreach (var (policy, shared) in assigned)
        {
            var reasons = PolicyConflictRules.Reasons(await profile.ReadSettingsAsync(policy.Id, cancellationToken));
            if (reasons.Count > 0)
            {
                LogConflict(policy.Name ?? policy.Id, policy.Id, string.Join("; ", reasons));
                conflicts.Add(new PolicyConflict(policy.Id, policy.Name ?? string.Empty, shared, reasons));
            }
        }

        return new ConflictScanResult(conflicts, examined);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy {Name} ({PolicyId}) conflicts with cloud Kerberos trust: {Reasons}")]
    private partial void LogConflict(string name, string policyId, string reasons);
}
