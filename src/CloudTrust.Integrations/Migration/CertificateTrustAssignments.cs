using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Migration;

/// <summary>
/// Takes a ring's groups out of the certificate-trust policies' assignment lists, or puts them back, with the same
/// whole-list <c>assign</c> the rollout uses for its own profile: every other target is kept, and nothing is sent
/// for a policy whose list already is as wanted, so a retry or a replay changes nothing more.
/// </summary>
internal sealed partial class CertificateTrustAssignments(GraphConnection graph, ILoggerFactory loggers)
{
    private readonly ILogger<CertificateTrustAssignments> logger = loggers.CreateLogger<CertificateTrustAssignments>();

    public Task<CertificateTrustResult> DisableAsync(CertificateTrustInput input, CancellationToken cancellationToken)
        => ChangeAsync(input, remove: true, cancellationToken);

    public Task<CertificateTrustResult> RestoreAsync(CertificateTrustInput input, CancellationToken cancellationToken)
        => ChangeAsync(input, remove: false, cancellationToken);

    private async Task<CertificateTrustResult> ChangeAsync(CertificateTrustInput input, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var changed = new List<SourceAssignment>();
        foreach (var policy in input.Policies)
        {
            IReadOnlyList<Guid> add = remove ? [] : policy.GroupIds;
            IReadOnlyList<Guid> take = remove ? policy.GroupIds : [];
            var result = policy.Mode == ProfileMode.SettingsCatalog
                ? await new RingAssignments(graph.Beta, loggers.CreateLogger<RingAssignments>()).ChangeAsync(policy.SourceId, add, take, cancellationToken)
                : await new CustomOmaUriProfile(graph, loggers.CreateLogger<CustomOmaUriProfile>()).ChangeAssignmentsAsync(policy.SourceId, add, take, cancellationToken);
            var groups = remove ? result.Removed : result.Added;
            if (groups.Count > 0)
            {
                changed.Add(policy with { GroupIds = groups });
            }

            LogChanged(remove ? "removed from" : "restored to", policy.Name, policy.SourceId, groups.Count);
        }

        return new CertificateTrustResult(changed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate trust: ring groups {Action} {Name} ({PolicyId}): {Count}")]
    private partial void LogChanged(string action, string name, string policyId, int count);
}
