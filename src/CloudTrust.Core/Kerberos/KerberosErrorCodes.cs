namespace CloudTrust.Core.Kerberos;

/// <summary>The error codes the agent answers with; senders and workflows act on them.</summary>
public static class KerberosErrorCodes
{
    /// <summary>The request failed validation; nothing ran.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>The operation is not on the allowlist.</summary>
    public const string UnknownOperation = "UnknownOperation";

    /// <summary>The request's contract version is not supported.</summary>
    public const string UnsupportedVersion = "UnsupportedVersion";

    /// <summary>The request was unsigned, badly signed, stale or replayed.</summary>
    public const string Unauthenticated = "Unauthenticated";

    /// <summary>The domain is not known to the agent's forest.</summary>
    public const string DomainNotFound = "DomainNotFound";

    /// <summary>The domain has no Kerberos server object.</summary>
    public const string ServerNotFound = "ServerNotFound";

    /// <summary>A removal was asked without confirmation.</summary>
    public const string ConfirmationRequired = "ConfirmationRequired";

    /// <summary>The module ran under PowerShell 7 ("Operation is not supported on this platform"); it needs Windows PowerShell 5.1.</summary>
    public const string UnsupportedPowerShell = "UnsupportedPowerShell";

    /// <summary>The AzureADHybridAuthenticationManagement module is not installed.</summary>
    public const string ModuleMissing = "ModuleMissing";

    /// <summary>The credentials lack the rights the operation needs.</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>The domain admin is not an admin of this (child) domain: "missing required properties ... SecondaryKrbTgtNumber".</summary>
    public const string WrongDomainAdmin = "WrongDomainAdmin";

    /// <summary>The module could not read secrets from the domain.</summary>
    public const string DomainSecretsUnreadable = "DomainSecretsUnreadable";

    /// <summary>The agent could not read its credentials from Key Vault.</summary>
    public const string CredentialsUnavailable = "CredentialsUnavailable";

    /// <summary>
    /// The cloud sign-in needs multi-factor authentication or is blocked by Conditional Access (AADSTS50076, 50079,
    /// 50158, 53003, 500121): a stored password cannot satisfy it; use attended sign-in.
    /// </summary>
    public const string CloudMfaRequired = "CloudMfaRequired";

    /// <summary>No attended request has that id on this agent.</summary>
    public const string AttendedRequestNotFound = "AttendedRequestNotFound";

    /// <summary>The attended request is no longer waiting (completed, failed or withdrawn by its workflow).</summary>
    public const string AttendedRequestClosed = "AttendedRequestClosed";

    /// <summary>Nobody completed an attended request before its workflow stopped waiting.</summary>
    public const string AttendedTimeout = "AttendedTimeout";

    /// <summary>The backend failed in a way not recognised.</summary>
    public const string BackendFailed = "BackendFailed";

    /// <summary>The relay or the agent could not be reached (no listener, dropped channel, timeout); a later attempt may succeed.</summary>
    public const string RelayUnavailable = "RelayUnavailable";

    /// <summary>The backend did not answer in time.</summary>
    public const string Timeout = "Timeout";
}
