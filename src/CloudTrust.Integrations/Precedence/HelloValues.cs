using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Policy;

namespace CloudTrust.Integrations.Precedence;

/// <summary>
/// The three trust-model values one scope of a policy sets; null where it sets nothing. Scope follows the
/// PassportForWork CSP (learn.microsoft.com/windows/client-management/mdm/passportforwork-csp, each node's
/// "Scope" row): <c>{TenantId}/Policies/UsePassportForWork</c> exists for ✅ Device and ✅ User, but
/// <c>UseCloudTrustForOnPremAuth</c> and <c>UseCertificateForOnPremAuth</c> for ✅ Device and ❌ User only. So a
/// user-scoped policy can turn WHfB on or off but cannot choose the trust model: the settings catalog has
/// <c>user_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork</c> (public exports and the
/// terraform-provider-microsoft365 examples use it) and no user-scoped <c>…_usecloudtrustforonpremauth</c> or
/// <c>…_usecertificateforonpremauth</c> in any public source, and Windows refuses a <c>./User/…</c> OMA-URI for either.
/// Certificate trust chosen per user exists only in Group Policy (User Configuration, "Use certificate for
/// on-premises authentication", HKCU\SOFTWARE\Policies\Microsoft\PassportForWork), which the Group Policy coverage
/// reads and reports as uncertain for a ring (device names cannot say which users it reaches).
/// </summary>
/// <param name="Scope">Device or user.</param>
/// <param name="UsePassportForWork">Use Windows Hello for Business.</param>
/// <param name="UseCloudTrustForOnPremAuth">Use cloud trust for on-premises authentication.</param>
/// <param name="UseCertificateForOnPremAuth">Use certificate for on-premises authentication.</param>
internal sealed record HelloValues(HelloScope Scope, bool? UsePassportForWork, bool? UseCloudTrustForOnPremAuth, bool? UseCertificateForOnPremAuth)
{
    private const string DeviceRoot = "device_vendor_msft_passportforwork_{tenantid}_policies_";
    private const string UserRoot = "user_vendor_msft_passportforwork_{tenantid}_policies_";

    /// <summary>Gets whether any value is set.</summary>
    public bool SetsAny => (UsePassportForWork ?? UseCloudTrustForOnPremAuth ?? UseCertificateForOnPremAuth) is not null;

    /// <summary>
    /// Reads a settings-catalog policy's choices: <c>device_vendor_msft_passportforwork_{tenantid}_policies_…</c> (all
    /// three) for device scope and <c>user_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork</c> (the
    /// only one of the three the CSP has for users) for user scope; one entry per scope that sets something.
    /// </summary>
    /// <param name="settings">The policy's flattened choices.</param>
    /// <returns>The values per scope.</returns>
    public static IReadOnlyList<HelloValues> FromCatalog(WhfbPolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. new[]
            {
                new HelloValues(
                    HelloScope.Device,
                    settings.BoolOf(DeviceRoot + "usepassportforwork"),
                    settings.BoolOf(DeviceRoot + "usecloudtrustforonpremauth"),
                    settings.BoolOf(DeviceRoot + "usecertificateforonpremauth")),
                new HelloValues(HelloScope.User, settings.BoolOf(UserRoot + "usepassportforwork"), null, null),
            }.Where(v => v.SetsAny)];
    }

    /// <summary>
    /// Reads custom OMA-URI values: <c>./Device/Vendor/MSFT/PassportForWork/{tenant id}/Policies/&lt;name&gt;</c> and
    /// <c>./User/Vendor/MSFT/PassportForWork/…/UsePassportForWork</c> (case-insensitive; the two trust-model nodes do
    /// not exist under <c>./User</c>, so they set nothing there); a value is a boolean, or the text or integer form of
    /// one (<c>true</c>/<c>false</c>, 1/0); anything else sets nothing.
    /// </summary>
    /// <param name="settings">OMA-URI → value.</param>
    /// <returns>The values per scope.</returns>
    public static IReadOnlyList<HelloValues> FromOmaUris(IEnumerable<(string OmaUri, object? Value)> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var found = new Dictionary<(HelloScope, string), bool>();
        foreach (var (uri, value) in settings)
        {
            var parts = uri.Split('/');
            if (parts.Length != 8 || parts[0] != "." || !Is(parts[2], "Vendor") || !Is(parts[3], "MSFT") || !Is(parts[4], "PassportForWork") || !Is(parts[6], "Policies")
                || !Guid.TryParse(parts[5], out _) || Bool(value) is not { } flag)
            {
                continue;
            }

            HelloScope? scope = Is(parts[1], "Device") ? HelloScope.Device : Is(parts[1], "User") ? HelloScope.User : null;
            if (scope is { } s)
            {
                found[(s, parts[7].ToUpperInvariant())] = flag;
            }
        }

        return [.. new[] { HelloScope.Device, HelloScope.User }
            .Select(s => s == HelloScope.User
                ? new HelloValues(s, Get(found, s, "USEPASSPORTFORWORK"), null, null)
                : new HelloValues(s, Get(found, s, "USEPASSPORTFORWORK"), Get(found, s, "USECLOUDTRUSTFORONPREMAUTH"), Get(found, s, "USECERTIFICATEFORONPREMAUTH")))
            .Where(v => v.SetsAny)];
    }

    private static bool Is(string part, string expected) => string.Equals(part, expected, StringComparison.OrdinalIgnoreCase);

    private static bool? Get(Dictionary<(HelloScope, string), bool> found, HelloScope scope, string name)
        => found.TryGetValue((scope, name), out var value) ? value : null;

    private static bool? Bool(object? value) => value switch
    {
        bool b => b,
        int i when i is 0 or 1 => i == 1,
        string s when bool.TryParse(s.Trim(), out var b) => b,
        string s when s.Trim() is "0" or "1" => s.Trim() == "1",
        _ => null,
    };
}
