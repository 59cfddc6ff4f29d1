using CloudTrust.Integrations.Graph.Contracts;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// The settings-catalog policies (beta <c>configurationPolicies</c>, every page) whose assignment list includes one
/// of a set of groups, read once for the conflict scan and the precedence sources. Reads only.
/// </summary>
internal sealed class AssignedConfigurationPolicies(BetaGraphClient beta)
{
    private const string Policies = "deviceManagement/configurationPolicies";

    /// <summary>Reads the policies <paramref name="include"/> accepts and keeps those assigned to one of <paramref name="groups"/>.</summary>
    /// <param name="groups">The groups.</param>
    /// <param name="include">Which policies to examine (for example: not ours).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The assigned policies with the groups they share, and how many policies were examined.</returns>
    public async Task<(IReadOnlyList<AssignedPolicy> Assigned, int Examined)> ReadAsync(IReadOnlyCollection<Guid> groups, Func<ConfigurationPolicy, bool> include, CancellationToken cancellationToken)
    {
        var wanted = groups.ToHashSet();
        var assigned = new List<AssignedPolicy>();
        var examined = 0;
        foreach (var policy in (await beta.GetAllAsync<ConfigurationPolicy>(Policies, cancellationToken)).Where(include))
        {
            examined++;
            var assignments = await beta.GetAllAsync<PolicyAssignment>($"{Policies}/{Uri.EscapeDataString(policy.Id)}/assignments", cancellationToken);
            var shared = assignments.Select(a => a.GroupId).OfType<Guid>().Where(wanted.Contains).Distinct().ToList();
            if (shared.Count > 0)
            {
                assigned.Add(new AssignedPolicy(policy, shared));
            }
        }

        return (assigned, examined);
    }
}

/// <summary>A settings-catalog policy and the groups of interest in its assignment list.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Groups">The groups it shares with the set read for.</param>
internal sealed record AssignedPolicy(ConfigurationPolicy Policy, IReadOnlyList<Guid> Groups);
