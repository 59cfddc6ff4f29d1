namespace CloudTrust.Core.Precedence;

/// <summary>The WHfB settings whose winner decides the trust model.</summary>
public enum HelloSetting
{
    /// <summary>Use Windows Hello for Business.</summary>
    UsePassportForWork,

    /// <summary>Use cloud trust for on-premises authentication.</summary>
    UseCloudTrustForOnPremAuth,

    /// <summary>Use certificate for on-premises authentication.</summary>
    UseCertificateForOnPremAuth,
}
