using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Maps the AzureADHybridAuthenticationManagement module's known failures, as field reports and Microsoft's
/// troubleshooting notes describe them, to <see cref="KerberosErrorCodes"/> with an explanation an admin can act on.
/// </summary>
/// <remarks>
/// Sign-in failures: the module signs in through Microsoft's identity libraries, whose exceptions carry the Entra
/// error code (<c>AADSTS…</c>) in the message. Those that mean "a stored password cannot do this" are listed in
/// Microsoft's error-code reference (learn.microsoft.com/entra/identity-platform/reference-error-codes): 50076 and
/// 50079 (MFA required / registration required), 50158 (external security challenge), 53003 (blocked by Conditional
/// Access), 500121 (strong authentication failed); the libraries' own "interaction required" exceptions mean the same.
/// "Operation is not supported on this platform": Microsoft says the object must be created on the Entra Connect
/// server or a server with Microsoft.Online.PasswordSynchronization.Rpc.dll (howto-authentication-passwordless-security-key-on-premises,
/// "Create a Kerberos Server object"), and admins who met it under 5.1 fixed it there; PowerShell 7 fails the same way.
/// </remarks>
internal static class PowerShellFailures
{
    /// <summary>The advice for every sign-in failure that means MFA or Conditional Access.</summary>
    public const string MfaAdvice =
        "the cloud account must do multi-factor authentication or is held by Conditional Access, which a stored password (-CloudCredential) cannot satisfy; "
        + "set this domain's cloudSignIn to \"attended\" (an administrator completes the sign-in on the agent's host with CloudTrust.Agent kerberos complete), "
        + "or store a dedicated Hybrid Identity Administrator that the tenant excludes from MFA (see docs/agent.md for the risk). Nothing was changed";

    private static readonly string[] MfaCodes = ["AADSTS500121", "AADSTS50076", "AADSTS50079", "AADSTS50158", "AADSTS53003"];

    private static readonly (string Pattern, string Code, string Advice)[] Known =
    [
        ("Operation is not supported on this platform", KerberosErrorCodes.UnsupportedPowerShell,
            "the module cannot run on this server (\"Operation is not supported on this platform\"): run the agent on the Microsoft Entra Connect server "
            + "(or a server with Microsoft.Online.PasswordSynchronization.Rpc.dll installed), under Windows PowerShell 5.1 (powershell.exe), not PowerShell 7"),
        ("SecondaryKrbTgtNumber", KerberosErrorCodes.WrongDomainAdmin,
            "the domain credential is not a Domain Admin of this (child) domain: a child domain needs a Domain Admin of its own, an Enterprise Admin of the root is not enough"),
        ("MsalUiRequiredException", KerberosErrorCodes.CloudMfaRequired, MfaAdvice),
        ("AdalClaimChallengeException", KerberosErrorCodes.CloudMfaRequired, MfaAdvice),
        ("interaction_required", KerberosErrorCodes.CloudMfaRequired, MfaAdvice),
        ("Failed to read secrets from the domain", KerberosErrorCodes.DomainSecretsUnreadable,
            "the module could not read secrets from the domain; check the domain credential and DC reachability"),
        ("'GroupPolicy' was not loaded", KerberosErrorCodes.ModuleMissing,
            "install the Group Policy Management Console (RSAT: Group Policy Management Tools) on the agent's server"),
        ("'ActiveDirectory' was not loaded", KerberosErrorCodes.ModuleMissing,
            "install the Active Directory module for Windows PowerShell (RSAT: AD DS Tools) on the agent's server"),
        ("was not loaded because no valid module file was found", KerberosErrorCodes.ModuleMissing,
            "install AzureADHybridAuthenticationManagement from the PowerShell Gallery"),
        ("is not recognized as the name of a cmdlet", KerberosErrorCodes.ModuleMissing,
            "install AzureADHybridAuthenticationManagement from the PowerShell Gallery"),
        ("Access is denied", KerberosErrorCodes.AccessDenied,
            "the credential lacks the rights (Domain Admin, Enterprise Admin for the forest, Hybrid Identity Administrator)"),
        ("Insufficient access rights", KerberosErrorCodes.AccessDenied,
            "the credential lacks the rights (Domain Admin, Enterprise Admin for the forest, Hybrid Identity Administrator)"),
        ("UnauthorizedAccess", KerberosErrorCodes.AccessDenied,
            "the credential lacks the rights (Domain Admin, Enterprise Admin for the forest, Hybrid Identity Administrator)"),
    ];

    /// <summary>Classifies a failure message; unknown ones are <see cref="KerberosErrorCodes.BackendFailed"/>.</summary>
    public static (string Code, string Message) Classify(string? message, string? errorId)
    {
        var text = (message ?? string.Empty) + " " + (errorId ?? string.Empty);
        if (MfaCodes.FirstOrDefault(c => ContainsCode(text, c)) is { } mfa)
        {
            return (KerberosErrorCodes.CloudMfaRequired, $"{mfa}: {MfaAdvice}");
        }

        foreach (var (pattern, code, advice) in Known)
        {
            if (text.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return (code, advice);
            }
        }

        var firstLine = (message ?? "no message").Split('\n', 2)[0].Trim();
        return (KerberosErrorCodes.BackendFailed, "PowerShell failed: " + (firstLine.Length > 300 ? firstLine[..300] : firstLine));
    }

    /// <summary>Finds an AADSTS code as a whole token (AADSTS50076 must not match AADSTS500761).</summary>
    private static bool ContainsCode(string text, string code)
    {
        var at = text.IndexOf(code, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = at + code.Length;
            if (end >= text.Length || !char.IsAsciiDigit(text[end]))
            {
                return true;
            }

            at = text.IndexOf(code, end, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
