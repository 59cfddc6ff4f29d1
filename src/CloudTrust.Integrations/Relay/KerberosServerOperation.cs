using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>Sends one operation that answers with a Kerberos server object, and turns every other ending into an exception.</summary>
internal static class KerberosServerOperation
{
    public static async Task<KerberosServerObject> SendAsync(RelaySender sender, KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(request, cancellationToken);
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            throw new RelayUnavailableException($"{request.Operation} for {request.Domain}: the agent could not be reached: {outcome.Message}");
        }

        if (outcome.Succeeded && outcome.Result!.Server is { } server)
        {
            return server;
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        var message = outcome.Result?.ErrorMessage ?? outcome.Message ?? "no server object in the answer";
        throw new KerberosOperationFailedException($"{request.Operation} for {request.Domain} failed ({code}): {message}");
    }
}
