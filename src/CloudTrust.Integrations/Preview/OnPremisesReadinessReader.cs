using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Preview;

namespace CloudTrust.Integrations.Preview;

/// <summary>
/// Builds the plan's <see cref="OnPremisesPreview"/>: each plan domain's domain controllers, and each ring's users
/// checked against every plan domain's object policy (a user not in a domain is simply not found there), in requests of
/// at most <see cref="KerberosOperationValidator.MaxUserPrincipalNames"/> names.
/// </summary>
/// <param name="port">The agent.</param>
public sealed class OnPremisesReadinessReader(IOnPremisesReadinessPort port)
{
    /// <summary>Reads the domains and checks each ring's users.</summary>
    /// <param name="domains">The plan's domains.</param>
    /// <param name="ringUsers">Each ring's name and its users' UPNs, in plan order.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The preview section.</returns>
    public async Task<OnPremisesPreview> ReadAsync(IReadOnlyList<string> domains, IReadOnlyList<(string Ring, IReadOnlyCollection<string> Users)> ringUsers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(ringUsers);
        var domainPreviews = new List<DomainReadinessPreview>();
        foreach (var domain in domains)
        {
            var result = await port.CheckPrerequisitesAsync(domain, cancellationToken);
            domainPreviews.Add(result is { Succeeded: true, Prerequisites: { } prerequisites }
                ? new DomainReadinessPreview(domain, prerequisites, null)
                : new DomainReadinessPreview(domain, null, $"{result.ErrorCode}: {result.ErrorMessage}"));
        }

        var rings = new List<RingPrivilegedUsers>();
        foreach (var (ring, users) in ringUsers)
        {
            var names = users.Where(u => UserPrincipalNameRule.IsValid(u, out _)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var denied = new List<PrivilegedUserFinding>();
            var errors = new List<string>();
            foreach (var domain in domains)
            {
                foreach (var chunk in names.Chunk(KerberosOperationValidator.MaxUserPrincipalNames))
                {
                    var result = await port.FindPrivilegedUsersAsync(domain, chunk, cancellationToken);
                    if (!result.Succeeded)
                    {
                        errors.Add($"{domain}: {result.ErrorCode}: {result.ErrorMessage}");
                        break;
                    }

                    denied.AddRange((result.PrivilegedUsers ?? []).Where(u => u.IsDenied)
                        .Select(u => new PrivilegedUserFinding(u.UserPrincipalName, domain, u.DeniedGroups, result.ReplicationPolicy?.FromObject ?? true)));
                }
            }

            rings.Add(new RingPrivilegedUsers(ring, names.Count, denied, errors));
        }

        return new OnPremisesPreview(domainPreviews, rings);
    }
}
