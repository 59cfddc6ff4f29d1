namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Reads what on-premises AD says about a rollout's readiness, as the agent's account (no cloud sign-in): the domain
/// controllers per site (<see cref="KerberosOperations.CheckDomainPrerequisites"/>) and which users the Kerberos
/// server object's Password Replication Policy denies (<see cref="KerberosOperations.FindPrivilegedUsers"/>).
/// </summary>
public interface IOnPremisesReadinessPort
{
    /// <summary>Reads one domain's domain controllers and judges every site.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The agent's answer; an unreachable agent is a failed result, not an exception.</returns>
    Task<KerberosOperationResult> CheckPrerequisitesAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Finds which of the users the object's policy denies (at most <see cref="KerberosOperationValidator.MaxUserPrincipalNames"/> per call).</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="userPrincipalNames">The users.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The agent's answer; an unreachable agent is a failed result, not an exception.</returns>
    Task<KerberosOperationResult> FindPrivilegedUsersAsync(string domain, IReadOnlyList<string> userPrincipalNames, CancellationToken cancellationToken);
}
