namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The Microsoft Entra Kerberos server object of one domain, field for field as <c>Get-AzureADKerberosServer</c>
/// returns it: the on-premises half (the RODC-like computer object and <c>krbtgt_AzureAD</c>) and the cloud half.
/// </summary>
/// <param name="Id">The on-premises object's id.</param>
/// <param name="UserAccount">The distinguished name of the <c>krbtgt_AzureAD</c> user.</param>
/// <param name="ComputerAccount">The distinguished name of the <c>AzureADKerberos</c> computer object.</param>
/// <param name="DisplayName">The on-premises display name.</param>
/// <param name="DomainDnsName">The on-premises domain DNS name.</param>
/// <param name="KeyVersion">The on-premises key version.</param>
/// <param name="KeyUpdatedOn">When the on-premises key last changed.</param>
/// <param name="KeyUpdatedFrom">The domain controller that last changed the key.</param>
/// <param name="CloudDisplayName">The display name published to Entra ID.</param>
/// <param name="CloudDomainDnsName">The domain DNS name published to Entra ID.</param>
/// <param name="CloudId">The id published to Entra ID.</param>
/// <param name="CloudKeyVersion">The key version Entra ID holds.</param>
/// <param name="CloudKeyUpdatedOn">When Entra ID's key last changed.</param>
public sealed record KerberosServerObject(
    long? Id,
    string? UserAccount,
    string? ComputerAccount,
    string? DisplayName,
    string? DomainDnsName,
    long? KeyVersion,
    DateTimeOffset? KeyUpdatedOn,
    string? KeyUpdatedFrom,
    string? CloudDisplayName,
    string? CloudDomainDnsName,
    long? CloudId,
    long? CloudKeyVersion,
    DateTimeOffset? CloudKeyUpdatedOn);
