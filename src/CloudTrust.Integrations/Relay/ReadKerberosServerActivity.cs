using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>The <see cref="RotationActivities.ReadKerberosServer"/> activity: <c>GetKerberosServer</c> through the relay.</summary>
/// <param name="sender">The relay sender.</param>
public sealed class ReadKerberosServerActivity(RelaySender sender) : IActivity<KerberosDomainRequest, KerberosServerObject>
{
    /// <inheritdoc />
    public Task<KerberosServerObject> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return KerberosServerOperation.SendAsync(sender, KerberosOperationRequest.GetKerberosServer(input.Domain), cancellationToken);
    }
}
