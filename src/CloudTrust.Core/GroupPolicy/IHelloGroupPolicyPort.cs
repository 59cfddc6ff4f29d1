namespace CloudTrust.Core.GroupPolicy;

/// <summary>Reads the GPOs of an AD domain that set Windows Hello for Business values; the agent answers it over the relay.</summary>
public interface IHelloGroupPolicyPort
{
    /// <summary>Lists one domain's WHfB GPOs with their links and the computers under them.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The GPOs that set PassportForWork values.</returns>
    Task<IReadOnlyList<HelloGroupPolicy>> ListAsync(string domain, CancellationToken cancellationToken);
}
