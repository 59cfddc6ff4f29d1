namespace CloudTrust.Core.Precedence;

/// <summary>Where a Windows Hello for Business setting can come from, in the order that decides which one wins.</summary>
public enum HelloSourceKind
{
    /// <summary>A Group Policy object (PassportForWork policy values): it wins over every Intune source, which is then ignored.</summary>
    GroupPolicy,

    /// <summary>The tenant-wide WHfB enrollment configuration (Intune's <c>windowsHelloForBusiness</c> enrollment type).</summary>
    TenantWide,

    /// <summary>A user-scoped Intune policy (<c>user_vendor_msft_passportforwork_…</c>): it wins over device-scoped ones.</summary>
    UserPolicy,

    /// <summary>A device-scoped settings-catalog policy (<c>device_vendor_msft_passportforwork_…</c>).</summary>
    DevicePolicy,

    /// <summary>A custom OMA-URI profile (<c>./Device/Vendor/MSFT/PassportForWork/…</c>).</summary>
    CustomOmaUri,

    /// <summary>An endpoint-security Account Protection policy.</summary>
    AccountProtection,
}
