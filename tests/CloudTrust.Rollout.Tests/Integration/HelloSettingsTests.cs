using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Rollout.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary>A plan's optional WHfB settings (<c>helloSettings</c>) written into the profile, read back, and repaired when an admin changes one.</summary>
public sealed class HelloSettingsTests
{
    private static readonly Guid Pilot = new("4e110000-0000-4000-8000-000000000001");

    private const string HelloSettings = """
        , "helloSettings": { "minimumPinLength": 8, "maximumPinLength": 32, "digits": "required", "specialCharacters": "disallowed",
            "pinExpirationDays": 365, "pinHistory": 5, "useBiometrics": false, "excludeTpm12": true }
        """;

    private static string PlanWith(string mode)
        => Plans.Plan(Plans.Ring("pilot", Pilot)).Replace("\"profileName\"", $"\"profileMode\": \"{mode}\"{HelloSettings}, \"profileName\"", StringComparison.Ordinal);

    [Fact]
    public async Task Settings_catalog_profile_carries_exactly_the_plans_optional_settings_and_an_admins_change_is_repaired()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 6));

        var report = await harness.RunAsync(PlanWith("settingsCatalog"), "hello-catalog");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var policy = Assert.Single(harness.Intune.Policies());
        var root = WhfbSettingIds.Root;
        Assert.Equal(
            new Dictionary<string, string>
            {
                [WhfbSettingIds.UsePassportForWork] = WhfbSettingIds.UsePassportForWork + "_true",
                [WhfbSettingIds.UseCloudTrustForOnPremAuth] = WhfbSettingIds.UseCloudTrustForOnPremAuth + "_true",
                [WhfbSettingIds.RequireSecurityDevice] = WhfbSettingIds.RequireSecurityDevice + "_true",
                [root + "_policies_pincomplexity_minimumpinlength"] = "8",
                [root + "_policies_pincomplexity_maximumpinlength"] = "32",
                [root + "_policies_pincomplexity_digits"] = root + "_policies_pincomplexity_digits_1",
                [root + "_policies_pincomplexity_specialcharacters"] = root + "_policies_pincomplexity_specialcharacters_2",
                [root + "_policies_pincomplexity_expiration"] = "365",
                [root + "_policies_pincomplexity_history"] = "5",
                [root + "_policies_excludesecuritydevices_tpm12"] = root + "_policies_excludesecuritydevices_tpm12_true",
                ["device_vendor_msft_passportforwork_biometrics_usebiometrics"] = "device_vendor_msft_passportforwork_biometrics_usebiometrics_false",
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            policy.Choices.OrderBy(p => p.Key, StringComparer.Ordinal));
        using (var settings = JsonDocument.Parse(policy.SettingsJson))
        {
            Assert.Equal(2, settings.RootElement.GetArrayLength()); // the tenant's group collection, and biometrics on its own
            Assert.Contains("\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance\"", policy.SettingsJson, StringComparison.Ordinal);
        }

        // An admin lowers the minimum PIN length in the portal: the next ensure names the drift and puts the plan's value back.
        var options = new HelloOptions(MinimumPinLength: 8, MaximumPinLength: 32, Digits: PinCharacterRule.Required, SpecialCharacters: PinCharacterRule.Disallowed, PinExpirationDays: 365, PinHistory: 5, UseBiometrics: false, ExcludeTpm12: true);
        var drifted = SettingsCatalogPayload.Build(WhfbPolicySettings.Desired(true, options with { MinimumPinLength = 4 }))[0]!;
        var group = (await harness.Graph.Beta.GetAllAsync<JsonElement>($"deviceManagement/configurationPolicies/{policy.Id}/settings", CancellationToken.None))
            .Single(s => SettingsCatalogPayload.DefinitionOf(s) == SettingsCatalogPayload.DefinitionOf(drifted));
        await harness.Graph.Beta.SendJsonAsync<JsonElement?>(
            HttpMethod.Patch,
            $"deviceManagement/configurationPolicies/{policy.Id}/settings/{group.GetProperty("id").GetString()}",
            drifted,
            CancellationToken.None);
        var ensure = new EnsureProfileActivity(harness.Graph, NullLoggerFactory.Instance);
        var repaired = await ensure.RunAsync(new EnsureProfileInput(ProfileMode.SettingsCatalog, Plans.ProfileName, true, RolloutHarness.TenantId, options), CancellationToken.None);

        Assert.Equal(ProfileAction.Updated, repaired.Action);
        Assert.Equal([$"{root}_policies_pincomplexity_minimumpinlength: expected 8, found 4"], repaired.Drift);
        // The documented update: PATCH of the policy's properties and of the drifted setting; never PUT.
        Assert.Contains(harness.GraphRequests(), r => r.Method == "PATCH" && r.Path == $"/beta/deviceManagement/configurationPolicies/{policy.Id}");
        Assert.Equal(2, harness.GraphRequests().Count(r => r.Method == "PATCH" && r.Path.StartsWith($"/beta/deviceManagement/configurationPolicies/{policy.Id}/settings/", StringComparison.Ordinal)));
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Method == "PUT");
        Assert.Equal("8", Assert.Single(harness.Intune.Policies()).Choices[root + "_policies_pincomplexity_minimumpinlength"]);
        Assert.Equal(ProfileAction.Unchanged, (await ensure.RunAsync(new EnsureProfileInput(ProfileMode.SettingsCatalog, Plans.ProfileName, true, RolloutHarness.TenantId, options), CancellationToken.None)).Action);

        // Without helloSettings the profile goes back to the three settings: the optional ones are removed as drift.
        var plain = await ensure.RunAsync(new EnsureProfileInput(ProfileMode.SettingsCatalog, Plans.ProfileName, true, RolloutHarness.TenantId), CancellationToken.None);
        Assert.Equal(ProfileAction.Updated, plain.Action);
        Assert.Equal(WhfbPolicySettings.Desired(true).Choices.OrderBy(p => p.Key, StringComparer.Ordinal), Assert.Single(harness.Intune.Policies()).Choices.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Custom_oma_uri_profile_writes_integers_and_booleans_under_the_tenants_path()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 6));

        var report = await harness.RunAsync(PlanWith("customOmaUri"), "hello-oma");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var profile = Assert.Single(harness.Intune.CustomConfigurations(), p => p.Name == Plans.ProfileName);
        var path = $"./Device/Vendor/MSFT/PassportForWork/{RolloutHarness.TenantId}/Policies/";
        Assert.Equal("8", profile.Choices[path + "PINComplexity/MinimumPINLength"]);
        Assert.Equal("1", profile.Choices[path + "PINComplexity/Digits"]);
        Assert.Equal("2", profile.Choices[path + "PINComplexity/SpecialCharacters"]);
        Assert.Equal("365", profile.Choices[path + "PINComplexity/Expiration"]);
        Assert.Equal("true", profile.Choices[path + "ExcludeSecurityDevices/TPM12"]);
        Assert.Equal("false", profile.Choices["./Device/Vendor/MSFT/PassportForWork/Biometrics/UseBiometrics"]);
        Assert.Equal(11, profile.Choices.Count);
        Assert.Contains("#microsoft.graph.omaSettingInteger", profile.SettingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_preview_lists_the_optional_settings_it_would_add_and_the_simulator_refuses_an_out_of_range_value()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 6));

        var preview = await harness.Preview().PreviewAsync(PlanWith("settingsCatalog"), CancellationToken.None);

        Assert.Contains(preview.Profile!.Settings, s => s.SettingId == WhfbSettingIds.Root + "_policies_pincomplexity_history" && s.Planned == "5" && s.Existing is null);
        Assert.Equal(11, preview.Profile.Settings.Count);
        Assert.Empty(harness.GraphWrites());

        var tooShort = WhfbPolicySettings.Desired(true, new HelloOptions(MinimumPinLength: 2));
        var refused = await Assert.ThrowsAsync<GraphRequestException>(() => harness.Graph.Beta.SendJsonAsync<JsonElement?>(
            HttpMethod.Post, "deviceManagement/configurationPolicies", SettingsCatalogPayload.Policy("too short", tooShort), CancellationToken.None));
        Assert.Equal(400, refused.Status);
        Assert.Contains($"2 is out of range for {WhfbSettingIds.Root}_policies_pincomplexity_minimumpinlength (4 to 127)", refused.Message, StringComparison.Ordinal);

        // A choice whose option belongs to another setting is refused too, and nothing was stored by either attempt.
        var mismatched = new WhfbPolicySettings(new Dictionary<string, string>(WhfbPolicySettings.Desired(true).Choices) { [WhfbSettingIds.RequireSecurityDevice] = WhfbSettingIds.UsePassportForWork + "_true" });
        var wrongOption = await Assert.ThrowsAsync<GraphRequestException>(() => harness.Graph.Beta.SendJsonAsync<JsonElement?>(
            HttpMethod.Post, "deviceManagement/configurationPolicies", SettingsCatalogPayload.Policy("mismatched", mismatched), CancellationToken.None));
        Assert.Equal(400, wrongOption.Status);
        Assert.Empty(harness.Intune.Policies());
    }
}
