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
    public Task<IReadOnlyList<HelloGroupPolicy>> ListAsync(string domain, CancellationToken cancellationToken)
        => RelayAnswer.RequireAsync(sender, KerberosOperationRequest.ListHelloGroupPolicies(domain), r => r.HelloGroupPolicies, "no GPO list in the answer", domain, cancellationToken);
}
