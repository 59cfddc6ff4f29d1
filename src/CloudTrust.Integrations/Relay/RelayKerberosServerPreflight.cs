using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The rollout preflight's Kerberos port over the relay: ensures each domain's Microsoft Entra Kerberos server object
/// through the agent (creating it when missing, as <see cref="EnsureKerberosServersWorkflow"/> does) and judges its
/// health — ids, domain names and key versions must agree on-premises and in the cloud.
/// </summary>
/// <param name="sender">The relay sender.</param>
public sealed class RelayKerberosServerPreflight(RelaySender sender) : IKerberosServerHealthPort
{
    /// <inheritdoc />
    public async Task<KerberosDomainHealth> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(KerberosOperationRequest.EnsureKerberosServer(domain), cancellationToken);
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            throw new RelayUnavailableException($"the agent for {domain} could not be reached: {outcome.Message}");
        }

        if (!outcome.Succeeded || outcome.Result!.Server is not { } server)
        {
            var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
            return new KerberosDomainHealth(domain, false, $"the Kerberos server object could not be ensured ({code}): {outcome.Result?.ErrorMessage ?? outcome.Message}");
        }

        var reading = KerberosServerReading.Of(domain, server);
        return new KerberosDomainHealth(domain, reading.State == KerberosServerState.Healthy, reading.Detail);
    }
}
