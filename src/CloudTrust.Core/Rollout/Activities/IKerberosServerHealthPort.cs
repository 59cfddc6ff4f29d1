namespace CloudTrust.Core.Rollout.Activities;

/// <summary>
/// The rollout's view of the Entra Kerberos server objects. The on-premises agent implements it over the relay;
/// until then the simulated tenant answers it.
/// </summary>
public interface IKerberosServerHealthPort
{
    /// <summary>Checks one domain's Kerberos server object.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The domain's health.</returns>
    Task<KerberosDomainHealth> CheckAsync(string domain, CancellationToken cancellationToken);
}
