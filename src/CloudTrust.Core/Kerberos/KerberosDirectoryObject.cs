using System.Globalization;

namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The on-premises half of a domain's Microsoft Entra Kerberos server object as the directory holds it, read without
/// any cloud sign-in: the <c>AzureADKerberos</c> computer object (<c>CN=AzureADKerberos,OU=Domain Controllers,&lt;domain DN&gt;</c>,
/// an RODC-like object) and the <c>krbtgt_AzureAD</c> user its <c>msDS-KrbTgtLink</c> names. The key version is the
/// user's constructed <c>msDS-KeyVersionNumber</c>, the key's update time its <c>pwdLastSet</c>, and whether the
/// account is disabled is read from its <c>userAccountControl</c> (bit ACCOUNTDISABLE, 0x2), never assumed.
/// </summary>
/// <param name="Domain">The domain's DNS name.</param>
/// <param name="ComputerAccount">The computer object's distinguished name; null when the domain has none.</param>
/// <param name="UserAccount">The <c>krbtgt_AzureAD</c> user's distinguished name; null when it was not found.</param>
/// <param name="KeyVersion">The user's <c>msDS-KeyVersionNumber</c>.</param>
/// <param name="KeyUpdatedOn">The user's <c>pwdLastSet</c>: when the key last changed on premises.</param>
/// <param name="UserAccountControl">The user's <c>userAccountControl</c> flags.</param>
public sealed record KerberosDirectoryObject(
    string Domain,
    string? ComputerAccount,
    string? UserAccount,
    long? KeyVersion,
    DateTimeOffset? KeyUpdatedOn,
    int? UserAccountControl)
{
    /// <summary>The userAccountControl bit of a disabled account (ADS_UF_ACCOUNTDISABLE).</summary>
    public const int AccountDisable = 0x2;

    /// <summary>What the cloud half is reported as when it was not read.</summary>
    public const string CloudNotReadText = "not read (needs an administrator's sign-in)";

    /// <summary>Gets a value indicating whether the domain has the computer object at all.</summary>
    public bool Exists => ComputerAccount is not null;

    /// <summary>Gets whether <c>krbtgt_AzureAD</c> is disabled, as read from its userAccountControl; null when not read.</summary>
    public bool? UserAccountDisabled => UserAccountControl is { } flags ? (flags & AccountDisable) != 0 : null;

    /// <summary>Gets what is wrong with the on-premises half as read: a missing user or key version, an enabled user.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            if (!Exists)
            {
                return [];
            }

            var problems = new List<string>();
            if (UserAccount is null)
            {
                problems.Add($"{ComputerAccount} links to no krbtgt_AzureAD user (msDS-KrbTgtLink)");
            }
            else
            {
                if (KeyVersion is null)
                {
                    problems.Add($"{UserAccount} has no msDS-KeyVersionNumber");
                }

                if (UserAccountDisabled == false)
                {
                    problems.Add($"{UserAccount} is enabled (userAccountControl {UserAccountControl!.Value.ToString(CultureInfo.InvariantCulture)}); Microsoft creates it disabled, and no one should sign in with it");
                }
            }

            return problems;
        }
    }

    /// <summary>
    /// The on-premises half as a <see cref="KerberosServerObject"/> whose cloud fields are null (not read), so a
    /// workflow can keep the key version before an attended rotation.
    /// </summary>
    /// <returns>The partial object.</returns>
    public KerberosServerObject ToServerObject()
        => new(null, UserAccount, ComputerAccount, UserAccount is null ? null : "krbtgt_AzureAD", Domain, KeyVersion, KeyUpdatedOn, null, null, null, null, null, null);
}
