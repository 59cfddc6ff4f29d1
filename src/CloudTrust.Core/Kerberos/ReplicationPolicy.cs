namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The groups the Kerberos server object's Password Replication Policy denies (<c>msDS-NeverRevealGroup</c> on
/// <c>CN=AzureADKerberos,OU=Domain Controllers,&lt;domain DN&gt;</c>), as read from the object itself, or the RODC
/// default the module gives a new object when the domain has none yet.
/// </summary>
/// <param name="DeniedGroups">The denied groups' names.</param>
/// <param name="FromObject">True when read from the object; false when the object does not exist and the default is assumed.</param>
public sealed record ReplicationPolicy(IReadOnlyList<string> DeniedGroups, bool FromObject);
