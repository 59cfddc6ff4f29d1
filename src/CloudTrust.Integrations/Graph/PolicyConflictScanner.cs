using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Integrations.Graph.Contracts;
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
        var groups = planGroups.ToHashSet();
        var policies = await beta.GetAllAsync<ConfigurationPolicy>("deviceManagement/configurationPolicies", cancellationToken);
        var conflicts = new List<PolicyConflict>();
        var examined = 0;
        foreach (var policy in policies.Where(p => !SettingsCatalogProfile.IsOurs(p, profileName)))
        {
            examined++;
            var assignments = await beta.GetAllAsync<PolicyAssignment>($"deviceManagement/configurationPolicies/{Uri.EscapeDataString(policy.Id)}/assignments", cancellationToken);
            var shared = assignments.Select(a => a.GroupId).OfType<Guid>().Where(groups.Contains).Distinct().ToList();
            if (shared.Count == 0)
            {
                continue;
            }

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
