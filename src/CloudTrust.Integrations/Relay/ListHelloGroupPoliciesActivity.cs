using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>A read activity: the GPOs of one domain that set Windows Hello for Business values, through the relay.</summary>
/// <param name="sender">The relay sender.</param>
public sealed class ListHelloGroupPoliciesActivity(RelaySender sender) : IActivity<KerberosDomainRequest, IReadOnlyList<HelloGroupPolicy>>
{
    private readonly RelayHelloGroupPolicyReader reader = new(sender);

    /// <inheritdoc />
    public Task<IReadOnlyList<HelloGroupPolicy>> RunAsync(KerberosDomainRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return reader.ListAsync(input.Domain, cancellationToken);
    }
}
