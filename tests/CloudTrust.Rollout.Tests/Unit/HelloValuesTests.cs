using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Integrations.Precedence;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class HelloValuesTests
{
    private static readonly Guid Tenant = new("8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b");

    [Fact]
    public void Catalog_choices_split_into_device_and_user_scope_and_other_settings_are_ignored()
        // The user scope of the PassportForWork CSP has UsePassportForWork but neither trust-model node, so a
        // user_…_usecertificateforonpremauth id (which no public settings catalog source has) sets nothing.
    {
        var settings = new WhfbPolicySettings(new Dictionary<string, string>
        {
            ["device_vendor_msft_passportforwork_{tenantid}_policies_usecloudtrustforonpremauth"] = "device_vendor_msft_passportforwork_{tenantid}_policies_usecloudtrustforonpremauth_true",
            ["user_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork"] = "user_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_false",
            ["user_vendor_msft_passportforwork_{tenantid}_policies_usecertificateforonpremauth"] = "user_vendor_msft_passportforwork_{tenantid}_policies_usecertificateforonpremauth_true",
            ["device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice"] = "device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice_true",
        });

        Assert.Equal(
            [new HelloValues(HelloScope.Device, null, true, null), new HelloValues(HelloScope.User, false, null, null)],
            HelloValues.FromCatalog(settings));
    }

    [Fact]
    public void A_catalog_policy_without_trust_model_values_sets_nothing()
        => Assert.Empty(HelloValues.FromCatalog(new WhfbPolicySettings(new Dictionary<string, string>
        {
            ["device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice"] = "device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice_true",
        })));

    [Fact]
    public void Oma_uris_of_either_scope_in_any_case_with_boolean_integer_or_text_values()
        // ./User/…/UseCertificateForOnPremAuth is not a CSP node (Device scope only), so it sets nothing.
    {
        var values = HelloValues.FromOmaUris(
        [
            ($"./Device/Vendor/MSFT/PassportForWork/{Tenant}/Policies/UsePassportForWork", true),
            ($"./device/vendor/msft/passportforwork/{Tenant}/policies/usecloudtrustforonpremauth", 1),
            ($"./User/Vendor/MSFT/PassportForWork/{Tenant}/Policies/UseCertificateForOnPremAuth", "true"),
            ($"./User/Vendor/MSFT/PassportForWork/{Tenant}/Policies/UsePassportForWork", "0"),
            ($"./User/Vendor/MSFT/PassportForWork/{Tenant}/Policies/RequireSecurityDevice", true),
            ($"./Device/Vendor/MSFT/PassportForWork/not-a-guid/Policies/UsePassportForWork", false),
            ($"./Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled", 1),
            ($"./Device/Vendor/MSFT/PassportForWork/{Tenant}/Policies/UseCertificateForOnPremAuth", "maybe"),
        ]);

        Assert.Equal([new HelloValues(HelloScope.Device, true, true, null), new HelloValues(HelloScope.User, false, null, null)], values);
    }
}
