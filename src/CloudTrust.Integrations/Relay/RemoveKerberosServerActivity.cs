using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The <see cref="KerberosRemovalWorkflow.RemoveActivityName"/> activity: <c>RemoveKerberosServer</c> through the relay
/// with the stored (password) credential. Idempotent: a run after the object is gone answers <c>AlreadyAbsent</c>.
/// </summary>
/// <param name="sender">The relay sender.</param>
public sealed class RemoveKerberosServerActivity(RelaySender sender) : IActivity<KerberosDomainRequest, KerberosServerRemoved>
{
    /// <inheritdoc />
    public async Task<KerberosServerRemoved> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = KerberosOperationRequest.RemoveKerberosServer(input.Domain, confirm: true);
        var outcome = await sender.SendAsync(request, cancellationToken);
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            throw new RelayUnavailableException($"{request.Operation} for {request.Domain}: the agent could not be reached: {outcome.Message}");
        }

        if (outcome.Succeeded)
        {
            return new KerberosServerRemoved(input.Domain, false);
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        if (code == KerberosErrorCodes.ServerNotFound)
        {
            return new KerberosServerRemoved(input.Domain, true);
        }

        throw new KerberosOperationFailedException($"{request.Operation} for {request.Domain} failed ({code}): {outcome.Result?.ErrorMessage ?? outcome.Message}");
    }
}
