namespace CloudTrust.Core.Rollout.Policy;

/// <summary>
/// Settings-catalog ids of the PassportForWork CSP. The text <c>{tenantid}</c> is literally part of each id;
/// it is not substituted (see the Intune settings catalog for Windows Hello for Business).
/// </summary>
public static class WhfbSettingIds
{
    /// <summary>The group setting collection that holds the WHfB settings.</summary>
    public const string Root = "device_vendor_msft_passportforwork_{tenantid}";

    /// <summary>Use Windows Hello for Business.</summary>
    public const string UsePassportForWork = Root + "_policies_usepassportforwork";

    /// <summary>Use cloud trust for on-premises authentication.</summary>
    public const string UseCloudTrustForOnPremAuth = Root + "_policies_usecloudtrustforonpremauth";

    /// <summary>Require a security device (TPM).</summary>
    public const string RequireSecurityDevice = Root + "_policies_requiresecuritydevice";

    /// <summary>Use certificate for on-premises authentication: certificate trust, which wins over cloud trust.</summary>
    public const string UseCertificateForOnPremAuth = Root + "_policies_usecertificateforonpremauth";

    /// <summary>The choice option id for a boolean setting: <c>&lt;setting id&gt;_true</c> or <c>_false</c>.</summary>
    /// <param name="settingId">The setting definition id.</param>
    /// <param name="value">The value.</param>
    /// <returns>The option id.</returns>
    public static string Option(string settingId, bool value) => settingId + (value ? "_true" : "_false");
}
