namespace CloudTrust.Agent.Backends.Simulated;

/// <summary>
/// Error texts the AzureADHybridAuthenticationManagement module (and the identity library under it) print, as field
/// reports quote them and Microsoft's Entra error-code reference words them: the simulated directory answers with
/// them so the same classification (<c>PowerShellFailures</c>) runs on both backends.
/// </summary>
internal static class ModuleErrorTexts
{
    /// <summary>A password sign-in for an account that must do MFA (Entra error AADSTS50076).</summary>
    public const string MfaRequired =
        "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0000-c000-000000000000'.";

    /// <summary>A sign-in blocked by Conditional Access (AADSTS53003).</summary>
    public const string ConditionalAccessBlocked = "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.";

    /// <summary>A child domain run with a Domain Admin of another domain (an Enterprise Admin of the root).</summary>
    public const string WrongDomainAdmin =
        "The Azure AD Kerberos Server object in Active Directory is missing required properties. Property: UserAccount.SecondaryKrbTgtNumber Value:0";

    /// <summary>The error id that comes with <see cref="WrongDomainAdmin"/>.</summary>
    public const string WrongDomainAdminErrorId =
        "Microsoft.AzureAD.Kdc.Service.DirectoryObjectValidationException,Microsoft.AzureAD.Kdc.Management.SetAzureADKerberosServer";

    /// <summary>The module on a server where it cannot run (not the Entra Connect server, or PowerShell 7).</summary>
    public const string PlatformNotSupported =
        "Unexpected exception thrown. Action: GetKerberosDomainSyncConfigAsync, Exception: Operation is not supported on this platform.";
}
