namespace CloudTrust.Core.GroupPolicy;

/// <summary>
/// The Windows Hello for Business values one side (computer or user) of a GPO sets under
/// <c>SOFTWARE\Policies\Microsoft\PassportForWork</c>. Null means the GPO does not set that value.
/// </summary>
/// <param name="Enabled">"Use Windows Hello for Business" (value <c>Enabled</c>).</param>
/// <param name="UseCloudTrustForOnPremAuth">"Use cloud Kerberos trust for on-premises authentication".</param>
/// <param name="UseCertificateForOnPremAuth">"Use certificate for on-premises authentication" (certificate trust).</param>
/// <param name="RequireSecurityDevice">"Use a hardware security device" (TPM required).</param>
public sealed record PassportForWorkValues(
    bool? Enabled = null,
    bool? UseCloudTrustForOnPremAuth = null,
    bool? UseCertificateForOnPremAuth = null,
    bool? RequireSecurityDevice = null)
{
    /// <summary>Gets a value set that sets nothing.</summary>
    public static PassportForWorkValues None { get; } = new();

    /// <summary>Gets a value indicating whether any value is set.</summary>
    public bool SetsAnything => Enabled is not null || UseCloudTrustForOnPremAuth is not null || UseCertificateForOnPremAuth is not null || RequireSecurityDevice is not null;

    /// <summary>Gets a value indicating whether a value that decides the trust model is set (all but <see cref="RequireSecurityDevice"/>).</summary>
    public bool SetsTrustModel => Enabled is not null || UseCloudTrustForOnPremAuth is not null || UseCertificateForOnPremAuth is not null;

    /// <summary>Returns a copy with one registry value applied; value names outside <see cref="PassportForWorkPolicy.ValueNames"/> change nothing.</summary>
    /// <param name="valueName">The registry value name, for example <c>UseCloudTrustForOnPremAuth</c> (case-insensitive).</param>
    /// <param name="value">The DWORD: 0 is false, anything else true.</param>
    /// <returns>The values with that one set.</returns>
    public PassportForWorkValues With(string valueName, long value) => valueName.ToUpperInvariant() switch
    {
        "ENABLED" => this with { Enabled = value != 0 },
        "USECLOUDTRUSTFORONPREMAUTH" => this with { UseCloudTrustForOnPremAuth = value != 0 },
        "USECERTIFICATEFORONPREMAUTH" => this with { UseCertificateForOnPremAuth = value != 0 },
        "REQUIRESECURITYDEVICE" => this with { RequireSecurityDevice = value != 0 },
        _ => this,
    };
}
