using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>Sends one operation that answers with a Kerberos server object, and turns every other ending into an exception.</summary>
internal static class KerberosServerOperation
{
    public static Task<KerberosServerObject> SendAsync(RelaySender sender, KerberosOperationRequest request, CancellationToken cancellationToken)
        => RelayAnswer.RequireAsync(sender, request, r => r.Server, "no server object in the answer", request.Domain, cancellationToken);
}
