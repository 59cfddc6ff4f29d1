using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The <see cref="RotationActivities.RotateKerberosServerKey"/> activity: <c>RotateKerberosServerKey</c> through the
/// relay with the workflow's operation id, so the agent rotates at most once however often this runs.
/// </summary>
/// <param name="sender">The relay sender.</param>
public sealed class RotateKerberosServerKeyActivity(RelaySender sender) : IActivity<KerberosDomainRequest, KerberosServerObject>
{
    /// <inheritdoc />
    public Task<KerberosServerObject> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.OperationId is not { } operationId)
        {
            throw new ArgumentException("a rotation needs an operation id", nameof(input));
        }

        return KerberosServerOperation.SendAsync(sender, KerberosOperationRequest.RotateKerberosServerKey(input.Domain, operationId.ToString("D")), cancellationToken);
    }
}
