using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// Maps the AzureADHybridAuthenticationManagement module's known failures, as field reports and Microsoft's
/// troubleshooting notes describe them, to <see cref="KerberosErrorCodes"/> with an explanation an admin can act on.
/// </summary>
internal static class PowerShellFailures
{
    private static readonly (string Pattern, string Code, string Advice)[] Known =
    [
        ("Operation is not supported on this platform", KerberosErrorCodes.UnsupportedPowerShell,
            "the module ran under PowerShell 7; it needs Windows PowerShell 5.1 (powershell.exe)"),
        ("SecondaryKrbTgtNumber", KerberosErrorCodes.WrongDomainAdmin,
            "the domain credential is not a Domain Admin of this (child) domain"),
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
}
