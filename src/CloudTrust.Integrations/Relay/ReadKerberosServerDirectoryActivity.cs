using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// Reads the on-premises half of a domain's Kerberos server object from the directory through the agent
/// (<see cref="KerberosOperations.ReadKerberosServerDirectory"/>): no cloud sign-in, so it serves domains whose cloud
/// sign-in is attended. An absent object is an answer (<see cref="KerberosDirectoryObject.Exists"/> false), not a failure.
/// </summary>
/// <param name="sender">The relay sender.</param>
public sealed class ReadKerberosServerDirectoryActivity(RelaySender sender) : IActivity<KerberosDomainRequest, KerberosDirectoryObject>
{
    /// <inheritdoc />
    public async Task<KerberosDirectoryObject> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = KerberosOperationRequest.ReadKerberosServerDirectory(input.Domain);
        var outcome = await sender.SendAsync(request, cancellationToken);
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            throw new RelayUnavailableException($"{request.Operation} for {request.Domain}: the agent could not be reached: {outcome.Message}");
        }

        if (outcome.Succeeded && outcome.Result!.Directory is { } directory)
        {
            return directory;
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        throw new KerberosOperationFailedException($"{request.Operation} for {request.Domain} failed ({code}): {outcome.Result?.ErrorMessage ?? outcome.Message ?? "no directory object in the answer"}");
    }
}
