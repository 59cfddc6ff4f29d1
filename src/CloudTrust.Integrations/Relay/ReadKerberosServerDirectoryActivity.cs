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
    public Task<KerberosDirectoryObject> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = KerberosOperationRequest.ReadKerberosServerDirectory(input.Domain);
        return RelayAnswer.RequireAsync(sender, request, r => r.Directory, "no directory object in the answer", request.Domain, cancellationToken);
    }
}
