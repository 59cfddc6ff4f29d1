namespace CloudTrust.Core.Precedence;

/// <summary>
/// One place that configures Windows Hello for Business for a ring's users or devices, with the three values that
/// decide the trust model. A null value means the source does not configure that setting.
/// </summary>
/// <param name="Kind">What kind of source it is.</param>
/// <param name="Scope">Device, user or tenant scope.</param>
/// <param name="Id">The policy, profile, configuration or GPO id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="UsePassportForWork">Use Windows Hello for Business.</param>
/// <param name="UseCloudTrustForOnPremAuth">Use cloud trust for on-premises authentication (exists only for devices).</param>
/// <param name="UseCertificateForOnPremAuth">Use certificate for on-premises authentication (certificate trust).</param>
/// <param name="IsOurs">Whether this is the profile the rollout itself manages.</param>
/// <param name="Where">Where it applies, for a GPO its links (for example <c>OU=Pilot,DC=contoso,DC=com</c>).</param>
public sealed record HelloSource(
    HelloSourceKind Kind,
    HelloScope Scope,
    string Id,
    string Name,
    bool? UsePassportForWork,
    bool? UseCloudTrustForOnPremAuth,
    bool? UseCertificateForOnPremAuth,
    bool IsOurs = false,
    string? Where = null)
{
    /// <summary>Gets a short label for reports, for example <c>user-scoped policy 'WHfB users' (1234…)</c>.</summary>
    public string Label => Kind switch
    {
        HelloSourceKind.GroupPolicy => $"GPO '{Name}'" + (Where is null ? string.Empty : $" linked at {Where}"),
        HelloSourceKind.TenantWide => "tenant-wide WHfB enrollment configuration",
        HelloSourceKind.UserPolicy => $"user-scoped policy '{Name}'",
        HelloSourceKind.DevicePolicy => IsOurs ? $"the rollout's profile '{Name}'" : $"device-scoped policy '{Name}'",
        HelloSourceKind.CustomOmaUri => $"custom OMA-URI profile '{Name}'",
        HelloSourceKind.AccountProtection => $"Account Protection policy '{Name}'",
        _ => Name,
    };

    /// <summary>Gets the precedence rank: lower wins. Group Policy, then tenant-wide, then user scope, then device scope.</summary>
    public int Rank => Kind switch
    {
        HelloSourceKind.GroupPolicy => Scope == HelloScope.User ? 0 : 1,
        HelloSourceKind.TenantWide => 2,
        _ => Scope == HelloScope.User ? 3 : 4,
    };
}
