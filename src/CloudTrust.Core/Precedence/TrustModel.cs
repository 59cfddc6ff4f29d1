namespace CloudTrust.Core.Precedence;

/// <summary>How a ring's devices authenticate on premises with Windows Hello for Business.</summary>
public enum TrustModel
{
    /// <summary>WHfB is not enabled.</summary>
    None,

    /// <summary>WHfB without certificate or cloud trust: the public key is written to AD.</summary>
    KeyTrust,

    /// <summary>Certificate trust: it wins over cloud trust wherever it is enabled.</summary>
    CertificateTrust,

    /// <summary>Cloud Kerberos trust.</summary>
    CloudTrust,
}
