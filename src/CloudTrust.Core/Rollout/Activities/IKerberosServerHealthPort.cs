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

    /// <summary>Checks one domain's Kerberos server object with the sign-in the plan names for it.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="signIn">The plan's cloud sign-in for the domain; null leaves it to the port's own policy.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The domain's health.</returns>
    Task<KerberosDomainHealth> CheckAsync(string domain, Kerberos.CloudSignInMode? signIn, CancellationToken cancellationToken)
        => CheckAsync(domain, cancellationToken);
}
