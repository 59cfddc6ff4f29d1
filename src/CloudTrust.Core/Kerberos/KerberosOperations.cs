namespace CloudTrust.Core.Kerberos;

/// <summary>
/// The allowlist of operations the on-premises agent serves. Anything else is refused before a backend runs.
/// </summary>
public static class KerberosOperations
{
    /// <summary>The contract version this code speaks.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Reads the Microsoft Entra Kerberos server object of one domain (<c>Get-AzureADKerberosServer</c>).</summary>
    public const string GetKerberosServer = "GetKerberosServer";

    /// <summary>Creates the object when it is missing, otherwise reads it (<c>Set-AzureADKerberosServer</c>).</summary>
    public const string EnsureKerberosServer = "EnsureKerberosServer";

    /// <summary>Rotates the object's key (<c>Set-AzureADKerberosServer -RotateServerKey</c>), once per operation id.</summary>
    public const string RotateKerberosServerKey = "RotateKerberosServerKey";

    /// <summary>Removes the object (<c>Remove-AzureADKerberosServer</c>); needs an explicit confirmation.</summary>
    public const string RemoveKerberosServer = "RemoveKerberosServer";

    /// <summary>Lists writable domain controllers per site with their OS versions.</summary>
    public const string CheckDomainPrerequisites = "CheckDomainPrerequisites";

    /// <summary>Finds which users are (nested) members of groups the Password Replication Policy denies.</summary>
    public const string FindPrivilegedUsers = "FindPrivilegedUsers";

    /// <summary>Lists the GPOs that set Windows Hello for Business (PassportForWork) values, their links and the computers under them; reads only.</summary>
    public const string ListHelloGroupPolicies = "ListHelloGroupPolicies";

    /// <summary>Reports the agent's own health; touches no domain.</summary>
    public const string Health = "Health";

    /// <summary>Gets every known operation name.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GetKerberosServer, EnsureKerberosServer, RotateKerberosServerKey, RemoveKerberosServer,
        CheckDomainPrerequisites, FindPrivilegedUsers, ListHelloGroupPolicies, Health,
    };

    /// <summary>
    /// Tells whether sending the same request twice is safe, so a sender may retry it after a transport failure.
    /// Rotation is, because the agent remembers each operation id; removal is not retried automatically.
    /// </summary>
    /// <param name="operation">The operation name.</param>
    /// <returns>True when a retry cannot do harm.</returns>
    public static bool IsIdempotent(string operation) => operation is not RemoveKerberosServer && All.Contains(operation);
}
