using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The read-only Kerberos port over the relay: <c>GetKerberosServer</c> through the agent, judged by
/// <see cref="KerberosServerHealth"/>. Never creates or rotates anything; an agent that cannot be reached or refuses
/// becomes an <see cref="KerberosServerState.Unreadable"/> reading, so a dry run still reports the rest. A domain whose
/// cloud sign-in is attended (the default) is read from the directory instead, with no cloud sign-in, and its cloud
/// half is reported as not read (<see cref="KerberosServerState.CloudNotRead"/>).
/// </summary>
/// <param name="sender">The relay sender.</param>
/// <param name="policy">Each domain's cloud sign-in (the tenant's rotation policy); attended everywhere when null.</param>
public sealed class RelayKerberosServerReader(RelaySender sender, CloudSignInPolicy? policy = null) : IKerberosServerReader
{
    /// <inheritdoc />
    public Task<KerberosServerReading> ReadAsync(string domain, CancellationToken cancellationToken)
        => ReadAsync(domain, null, cancellationToken);

    /// <inheritdoc />
    public async Task<KerberosServerReading> ReadAsync(string domain, CloudSignInMode? signIn, CancellationToken cancellationToken)
    {
        if ((signIn ?? (policy ?? CloudSignInPolicy.AttendedEverywhere).For(domain)) == CloudSignInMode.Attended)
        {
            return (await RelayKerberosDirectoryReader.ReadAsync(sender, domain, cancellationToken)).Reading;
        }

        var outcome = await sender.SendAsync(KerberosOperationRequest.GetKerberosServer(domain), cancellationToken);
        if (outcome.Succeeded && outcome.Result!.Server is { } server)
        {
            return KerberosServerReading.Of(domain, server);
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        var message = outcome.Result?.ErrorMessage ?? outcome.Message ?? "no server object in the answer";
        return outcome.Kind switch
        {
            RelayOutcomeKind.Answered when code == KerberosErrorCodes.ServerNotFound
                => new KerberosServerReading(domain, KerberosServerState.Missing, $"no Microsoft Entra Kerberos server object ({code}): {message}"),
            RelayOutcomeKind.Answered => new KerberosServerReading(domain, KerberosServerState.Unhealthy, $"({code}) {message}"),
            _ => new KerberosServerReading(domain, KerberosServerState.Unreadable, $"could not be read ({code}): {message}"),
        };
    }
}
