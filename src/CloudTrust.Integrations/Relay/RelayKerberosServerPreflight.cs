using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The rollout preflight's Kerberos port over the relay: ensures each domain's Microsoft Entra Kerberos server object
/// through the agent (creating it when missing, as <see cref="EnsureKerberosServersWorkflow"/> does) and judges its
/// health — ids, domain names and key versions must agree on-premises and in the cloud. For a domain whose cloud
/// sign-in is attended (the default) nothing can sign in to the cloud unattended, so the preflight reads the
/// on-premises half from the directory (no sign-in): it passes when the object exists with its user disabled and a key
/// version, says the cloud half was not read, and fails with what to do when the object is missing (it cannot create it).
/// </summary>
/// <param name="sender">The relay sender.</param>
/// <param name="policy">Each domain's cloud sign-in (the tenant's rotation policy); attended everywhere when null.</param>
public sealed class RelayKerberosServerPreflight(RelaySender sender, CloudSignInPolicy? policy = null) : IKerberosServerHealthPort
{
    /// <inheritdoc />
    public Task<KerberosDomainHealth> CheckAsync(string domain, CancellationToken cancellationToken)
        => CheckAsync(domain, null, cancellationToken);

    /// <inheritdoc />
    public async Task<KerberosDomainHealth> CheckAsync(string domain, CloudSignInMode? signIn, CancellationToken cancellationToken)
    {
        if ((signIn ?? (policy ?? CloudSignInPolicy.AttendedEverywhere).For(domain)) == CloudSignInMode.Attended)
        {
            var (directory, unavailable) = await RelayKerberosDirectoryReader.ReadAsync(sender, domain, cancellationToken);
            return unavailable
                ? throw new RelayUnavailableException($"the agent for {domain} could not be reached: {directory.Detail}")
                : new KerberosDomainHealth(domain, directory.State == KerberosServerState.CloudNotRead, directory.Detail);
        }

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
