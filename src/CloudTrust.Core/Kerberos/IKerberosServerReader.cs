namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Reads one domain's Microsoft Entra Kerberos server object and judges it, changing nothing (no create, no
/// rotation): what a dry run needs. The agent answers it over the relay; the simulated tenant answers it in tests.
/// </summary>
public interface IKerberosServerReader
{
    /// <summary>Reads and judges one domain's Kerberos server object.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was found; an unreachable agent is a reading too (<see cref="KerberosServerState.Unreadable"/>), not an exception.</returns>
    Task<KerberosServerReading> ReadAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Reads and judges one domain's Kerberos server object with the sign-in a plan names for it.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="signIn">The plan's cloud sign-in for the domain; null leaves it to the reader's own policy.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was found.</returns>
    Task<KerberosServerReading> ReadAsync(string domain, CloudSignInMode? signIn, CancellationToken cancellationToken)
        => ReadAsync(domain, cancellationToken);
}
