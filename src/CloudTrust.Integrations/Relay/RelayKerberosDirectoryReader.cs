using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// Reads a domain's Kerberos server object for a domain whose cloud sign-in is attended: the on-premises half from
/// the directory through the agent (<see cref="KerberosOperations.ReadKerberosServerDirectory"/>, no cloud sign-in),
/// judged by <see cref="KerberosServerReading.OfDirectory"/>; the cloud half is reported as not read.
/// </summary>
internal static class RelayKerberosDirectoryReader
{
    /// <summary>Reads and judges one domain; an agent that cannot be reached or refuses is a reading too.</summary>
    /// <param name="sender">The relay sender.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reading, and whether the relay or agent was unreachable.</returns>
    public static async Task<(KerberosServerReading Reading, bool Unavailable)> ReadAsync(RelaySender sender, string domain, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(KerberosOperationRequest.ReadKerberosServerDirectory(domain), cancellationToken);
        if (outcome.Succeeded && outcome.Result!.Directory is { } directory)
        {
            return (KerberosServerReading.OfDirectory(domain, directory), false);
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        var message = outcome.Result?.ErrorMessage ?? outcome.Message ?? "no directory object in the answer";
        return outcome.Kind == RelayOutcomeKind.Answered
            ? (new KerberosServerReading(domain, KerberosServerState.Unhealthy, $"the directory read failed ({code}): {message}"), false)
            : (new KerberosServerReading(domain, KerberosServerState.Unreadable, $"could not be read ({code}): {message}"), true);
    }
}
