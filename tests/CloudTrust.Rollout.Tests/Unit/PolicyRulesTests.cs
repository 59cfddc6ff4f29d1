using System.Text.Json;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Integrations.Graph;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class PolicyRulesTests
{
    [Fact]
    public void The_payload_nests_three_choice_settings_in_the_PassportForWork_group_collection_with_literal_tenantid()
    {
        var json = SettingsCatalogPayload.Build(WhfbPolicySettings.Desired(requireSecurityDevice: true)).ToJsonString();
        using var document = JsonDocument.Parse(json);

        var instance = Assert.Single(document.RootElement.EnumerateArray().ToList()).GetProperty("settingInstance");
        Assert.Equal("#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance", instance.GetProperty("@odata.type").GetString());
        Assert.Equal("device_vendor_msft_passportforwork_{tenantid}", instance.GetProperty("settingDefinitionId").GetString());
        var children = Assert.Single(instance.GetProperty("groupSettingCollectionValue").EnumerateArray().ToList()).GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(3, children.Count);
        Assert.All(children, c => Assert.Equal("#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance", c.GetProperty("@odata.type").GetString()));
        var values = children.ToDictionary(c => c.GetProperty("settingDefinitionId").GetString()!, c => c.GetProperty("choiceSettingValue").GetProperty("value").GetString());
        Assert.Equal("device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true", values["device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork"]);
        Assert.Equal("device_vendor_msft_passportforwork_{tenantid}_policies_usecloudtrustforonpremauth_true", values["device_vendor_msft_passportforwork_{tenantid}_policies_usecloudtrustforonpremauth"]);
        Assert.Equal("device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice_true", values["device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice"]);
    }

    [Fact]
    public void Reading_back_the_payload_shows_no_drift_and_a_changed_value_does()
    {
        var desired = WhfbPolicySettings.Desired(true);
        using var document = JsonDocument.Parse(SettingsCatalogPayload.Build(desired).ToJsonString());
        var read = SettingsCatalogPayload.ReadChoices(document.RootElement.EnumerateArray());

        Assert.Empty(desired.DriftFrom(read));
        var drift = WhfbPolicySettings.Desired(false).DriftFrom(read);
        Assert.Contains("_requiresecuritydevice: expected", Assert.Single(drift), StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_setting_on_our_policy_is_drift()
    {
        var actual = new Dictionary<string, string>(WhfbPolicySettings.Desired(true).Choices) { [WhfbSettingIds.UseCertificateForOnPremAuth] = WhfbSettingIds.Option(WhfbSettingIds.UseCertificateForOnPremAuth, false) };

        Assert.Single(WhfbPolicySettings.Desired(true).DriftFrom(new WhfbPolicySettings(actual)));
    }

    [Theory]
    [InlineData(WhfbSettingIds.UseCertificateForOnPremAuth, true, "UseCertificateForOnPremAuth is true")]
    [InlineData(WhfbSettingIds.UseCloudTrustForOnPremAuth, false, "UseCloudTrustForOnPremAuth is false")]
    [InlineData(WhfbSettingIds.UsePassportForWork, false, "UsePassportForWork is false")]
    public void Conflicting_settings_are_named(string id, bool value, string expected)
    {
        var reasons = PolicyConflictRules.Reasons(new WhfbPolicySettings(new Dictionary<string, string> { [id] = WhfbSettingIds.Option(id, value) }));

        Assert.StartsWith(expected, Assert.Single(reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Harmless_settings_are_not_conflicts()
    {
        var settings = new Dictionary<string, string>
        {
            [WhfbSettingIds.UseCertificateForOnPremAuth] = WhfbSettingIds.Option(WhfbSettingIds.UseCertificateForOnPremAuth, false),
            [WhfbSettingIds.UsePassportForWork] = WhfbSettingIds.Option(WhfbSettingIds.UsePassportForWork, true),
        };

        Assert.Empty(PolicyConflictRules.Reasons(new WhfbPolicySettings(settings)));
    }

    [Theory]
    [InlineData("10.0.19044.5131", "Enterprise", "azureADJoined", 0)]
    [InlineData("10.0.22000.100", "Education", "hybridAzureADJoined", 0)]
    [InlineData("10.0.19043.2364", "Enterprise", "azureADJoined", 1)]
    [InlineData("10.0.22631.4460", "Home", "azureADJoined", 1)]
    [InlineData("10.0.22631.4460", "Pro", "azureADRegistered", 1)]
    [InlineData("10.0.19042.1", "Core", "workplace", 3)]
    public void Device_readiness_checks_build_sku_and_join_type(string version, string sku, string join, int problems)
    {
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var device = new DeviceFacts("id", "PC-1", "Windows", version, sku, join, now.AddHours(-3));

        Assert.Equal(problems, ReadinessRules.DeviceReasons(device, now, TimeSpan.FromDays(7)).Count);
    }

    [Fact]
    public void A_device_that_has_not_checked_in_for_long_is_not_ready()
    {
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        Assert.Contains("older than", Assert.Single(ReadinessRules.DeviceReasons(new DeviceFacts("id", "PC-1", "Windows", "10.0.22631.1", "Enterprise", "azureADJoined", now.AddDays(-30)), now, TimeSpan.FromDays(7))), StringComparison.Ordinal);
        Assert.Equal("never checked in", Assert.Single(ReadinessRules.DeviceReasons(new DeviceFacts("id", "PC-1", "Windows", "10.0.22631.1", "Enterprise", "azureADJoined", null), now, TimeSpan.FromDays(7))));
    }

    [Fact]
    public void Users_need_MFA_and_must_not_be_privileged()
    {
        Assert.Empty(ReadinessRules.UserReasons(new UserFacts("a@x", true, ["windowsHelloForBusiness"], false)));
        Assert.Equal(2, ReadinessRules.UserReasons(new UserFacts("a@x", false, [], true)).Count);
        Assert.True(ReadinessRules.HasWhfb(new UserFacts("a@x", true, ["microsoftAuthenticatorPush", "windowsHelloForBusiness"], false)));
        Assert.False(ReadinessRules.HasWhfb(new UserFacts("a@x", true, ["microsoftAuthenticatorPush"], false)));
    }
}
