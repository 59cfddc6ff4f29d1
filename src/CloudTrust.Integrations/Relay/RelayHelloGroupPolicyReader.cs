using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The <see cref="IHelloGroupPolicyPort"/> over the relay: <c>ListHelloGroupPolicies</c> through the on-premises
/// agent. An unreachable agent throws <see cref="RelayUnavailableException"/> (retryable); a refused or failed
/// operation throws <see cref="KerberosOperationFailedException"/> naming the operation, domain and error code.
/// </summary>
/// <param name="sender">The relay sender.</param>
public sealed class RelayHelloGroupPolicyReader(RelaySender sender) : IHelloGroupPolicyPort
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<HelloGroupPolicy>> ListAsync(string domain, CancellationToken cancellationToken)
    {
        var request = KerberosOperationRequest.ListHelloGroupPolicies(domain);
        var outcome = await sender.SendAsync(request, cancellationToken);
        if (outcome.Kind == RelayOutcomeKind.Unavailable)
        {
            throw new RelayUnavailableException($"{request.Operation} for {domain}: the agent could not be reached: {outcome.Message}");
        }

        if (outcome.Succeeded && outcome.Result!.HelloGroupPolicies is { } policies)
        {
            return policies;
        }

        var code = outcome.ErrorCode ?? outcome.Result?.ErrorCode ?? KerberosErrorCodes.BackendFailed;
        var message = outcome.Result?.ErrorMessage ?? outcome.Message ?? "no GPO list in the answer";
        throw new KerberosOperationFailedException($"{request.Operation} for {domain} failed ({code}): {message}");
    }
}
