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

    /// <summary>
    /// Reads the on-premises half of the object from the directory itself, as the agent's own account: the
    /// <c>AzureADKerberos</c> computer object in the Domain Controllers OU and its <c>krbtgt_AzureAD</c> user (key version,
    /// key update time, userAccountControl). No cloud sign-in and no Domain Admin, so it works for a domain whose cloud
    /// sign-in is attended; the cloud half is not read.
    /// </summary>
    public const string ReadKerberosServerDirectory = "ReadKerberosServerDirectory";

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

    /// <summary>Queues a create, rotation or removal for an administrator to complete on the agent's host (attended cloud sign-in); idempotent by operation id.</summary>
    public const string QueueAttendedOperation = "QueueAttendedOperation";

    /// <summary>Reads an attended request's state and, once completed, its result.</summary>
    public const string GetAttendedOperation = "GetAttendedOperation";

    /// <summary>Withdraws a waiting attended request (the workflow stopped waiting); a completed one is returned as it is.</summary>
    public const string CancelAttendedOperation = "CancelAttendedOperation";

    /// <summary>Reports the agent's own health; touches no domain.</summary>
    public const string Health = "Health";

    /// <summary>Gets every known operation name.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GetKerberosServer, ReadKerberosServerDirectory, EnsureKerberosServer, RotateKerberosServerKey, RemoveKerberosServer,
        CheckDomainPrerequisites, FindPrivilegedUsers, ListHelloGroupPolicies, QueueAttendedOperation,
        GetAttendedOperation, CancelAttendedOperation, Health,
    };

    /// <summary>Gets the operations an attended request may hold (the ones that sign in to the cloud and change something).</summary>
    public static IReadOnlySet<string> Attendable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        EnsureKerberosServer, RotateKerberosServerKey, RemoveKerberosServer,
    };

    /// <summary>Gets the operations that address an attended request by its id rather than a domain.</summary>
    public static IReadOnlySet<string> ByRequestId { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GetAttendedOperation, CancelAttendedOperation,
    };

    /// <summary>Gets the operations that run the AzureADHybridAuthenticationManagement module, so need a Domain Admin and a cloud sign-in.</summary>
    public static IReadOnlySet<string> SignsIn { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        GetKerberosServer, EnsureKerberosServer, RotateKerberosServerKey, RemoveKerberosServer,
    };

    /// <summary>
    /// Tells whether sending the same request twice is safe, so a sender may retry it after a transport failure.
    /// Rotation is, because the agent remembers each operation id; removal is not retried automatically.
    /// </summary>
    /// <param name="operation">The operation name.</param>
    /// <returns>True when a retry cannot do harm.</returns>
    public static bool IsIdempotent(string operation) => operation is not RemoveKerberosServer && All.Contains(operation);
}
