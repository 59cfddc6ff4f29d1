using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Simulator.KerberosHealth;

/// <summary>
/// Answers the rollout's Kerberos-server health port until the on-premises agent does: every domain registered
/// here has a Kerberos server object whose on-premises and cloud halves agree, unless marked otherwise.
/// </summary>
public sealed class SimulatedKerberosServers : IKerberosServerHealthPort
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> domains = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers a domain with a healthy Kerberos server object.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    public void AddHealthy(string domain) => domains[domain] = null;

    /// <summary>Registers a domain whose Kerberos server object is broken.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="problem">What is wrong, for example <c>KeyVersion 3 != CloudKeyVersion 2</c>.</param>
    public void AddUnhealthy(string domain, string problem) => domains[domain] = problem;

    /// <inheritdoc />
    public Task<KerberosDomainHealth> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var health = !domains.TryGetValue(domain, out var problem)
            ? new KerberosDomainHealth(domain, false, "no Microsoft Entra Kerberos server object in this domain")
            : problem is null
                ? new KerberosDomainHealth(domain, true, "Id, domain name and key version agree with the cloud object")
                : new KerberosDomainHealth(domain, false, problem);
        return Task.FromResult(health);
    }
}
