using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Simulator.KerberosHealth;

/// <summary>
/// Answers the rollout's Kerberos-server health port, and the preview's read-only reader, in place of the on-premises
/// agent: every domain registered here has a Kerberos server object whose on-premises and cloud halves agree, unless
/// marked otherwise; a domain not registered has none.
/// </summary>
public sealed class SimulatedKerberosServers : IKerberosServerHealthPort, IKerberosServerReader
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

    /// <inheritdoc />
    public async Task<KerberosServerReading> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        var health = await CheckAsync(domain, cancellationToken);
        var state = health.Healthy ? KerberosServerState.Healthy : domains.ContainsKey(domain) ? KerberosServerState.Unhealthy : KerberosServerState.Missing;
        return new KerberosServerReading(domain, state, health.Detail);
    }
}
