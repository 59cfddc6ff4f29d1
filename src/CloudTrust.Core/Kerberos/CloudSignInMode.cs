namespace CloudTrust.Core.Kerberos;

/// <summary>
/// How the AzureADHybridAuthenticationManagement module signs in to Entra ID for one domain's create, rotate or
/// remove. Microsoft's guide says a tenant that enforces multi-factor authentication (or other modern methods) must use
/// <c>-UserPrincipalName</c>, an interactive sign-in, instead of <c>-CloudCredential</c>
/// (learn.microsoft.com/entra/identity/authentication/howto-authentication-passwordless-security-key-on-premises,
/// "Example 3"), and Entra now enforces MFA for administrators.
/// </summary>
public enum CloudSignInMode
{
    /// <summary>
    /// The default: the workflow queues the operation on the agent and waits until an administrator, in an interactive
    /// session on the agent's host, runs <c>CloudTrust.Agent kerberos complete &lt;request-id&gt; --upn &lt;upn&gt;</c>; the
    /// module's own sign-in (with MFA) appears there. Nothing is stored that could sign in to the cloud.
    /// </summary>
    Attended,

    /// <summary>
    /// Unattended: the module signs in with <c>-CloudCredential</c>, the password of a dedicated Hybrid Identity
    /// Administrator read from Key Vault. Works only when the tenant excludes that account from MFA and Conditional
    /// Access, so a stolen vault secret is a privileged cloud sign-in: never the default (see docs/agent.md).
    /// </summary>
    Password,
}
