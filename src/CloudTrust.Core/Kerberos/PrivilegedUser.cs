namespace CloudTrust.Core.Kerberos;

/// <summary>
/// A user and the groups the Kerberos server object's Password Replication Policy denies that the user belongs to,
/// directly or through nesting. Such users cannot use cloud Kerberos trust (relaxing the policy is not recommended).
/// </summary>
/// <param name="UserPrincipalName">The user's UPN as asked.</param>
/// <param name="Found">False when no such user exists in the domain.</param>
/// <param name="DeniedGroups">The denied groups the user is in, each as a membership path, for example "Domain Admins &gt; Tier0".</param>
public sealed record PrivilegedUser(string UserPrincipalName, bool Found, IReadOnlyList<string> DeniedGroups)
{
    /// <summary>Gets a value indicating whether the policy denies this user.</summary>
    public bool IsDenied => DeniedGroups.Count > 0;
}
