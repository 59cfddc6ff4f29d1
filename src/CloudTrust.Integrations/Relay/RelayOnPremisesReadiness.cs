using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>The <see cref="IOnPremisesReadinessPort"/> over the relay: read-only operations the agent runs as its own account.</summary>
/// <param name="sender">The relay sender.</param>
public sealed class RelayOnPremisesReadiness(RelaySender sender) : IOnPremisesReadinessPort
{
    /// <inheritdoc />
    public Task<KerberosOperationResult> CheckPrerequisitesAsync(string domain, CancellationToken cancellationToken)
        => SendAsync(KerberosOperationRequest.CheckDomainPrerequisites(domain), cancellationToken);

    /// <inheritdoc />
    public Task<KerberosOperationResult> FindPrivilegedUsersAsync(string domain, IReadOnlyList<string> userPrincipalNames, CancellationToken cancellationToken)
        => SendAsync(KerberosOperationRequest.FindPrivilegedUsers(domain, userPrincipalNames), cancellationToken);

    private async Task<KerberosOperationResult> SendAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(request, cancellationToken);
        return outcome.Result ?? KerberosOperationResult.Failure(request, outcome.ErrorCode ?? KerberosErrorCodes.RelayUnavailable, $"the agent could not be reached: {outcome.Message}");
    }
}
