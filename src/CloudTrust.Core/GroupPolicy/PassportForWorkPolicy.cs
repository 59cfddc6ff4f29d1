namespace CloudTrust.Core.GroupPolicy;

/// <summary>
/// Where Group Policy stores Windows Hello for Business settings: the Administrative Templates write DWORDs under
/// <c>HKLM\SOFTWARE\Policies\Microsoft\PassportForWork</c> (computer configuration) and the same path under HKCU
/// (user configuration). Only the values that matter to the trust model and the TPM requirement are read.
/// </summary>
public static class PassportForWorkPolicy
{
    /// <summary>The computer-side key, as <c>Get-GPRegistryValue -Key</c> takes it.</summary>
    public const string ComputerKey = @"HKLM\SOFTWARE\Policies\Microsoft\PassportForWork";

    /// <summary>The user-side key, as <c>Get-GPRegistryValue -Key</c> takes it.</summary>
    public const string UserKey = @"HKCU\SOFTWARE\Policies\Microsoft\PassportForWork";

    /// <summary>The value names read: use WHfB, cloud trust, certificate trust, hardware security device.</summary>
    public static IReadOnlyList<string> ValueNames { get; } = ["Enabled", "UseCloudTrustForOnPremAuth", "UseCertificateForOnPremAuth", "RequireSecurityDevice"];
}
