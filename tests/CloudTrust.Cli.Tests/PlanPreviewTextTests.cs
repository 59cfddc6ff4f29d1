using System.Text.Json;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Preview;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Preview;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Preview;
using CloudTrust.Simulator.Graph;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Simulator.KerberosHealth;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Cli.Tests;

/// <summary>The text and JSON forms of a preview produced by a real run against the simulated tenant.</summary>
public sealed class PlanPreviewTextTests
{
    private static readonly Guid TenantId = new("5e1f0c3a-7b2d-4c8e-9f10-2a3b4c5d6e7f");
    private static readonly Guid Pilot = new("e0000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("e0000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_real_preview_renders_every_section_as_text_and_round_trips_as_camel_case_JSON()
    {
        var preview = await PreviewAsync();

        var lines = PlanPreviewText.Render(preview);
        var json = JsonOutput.Render(preview);

        Assert.Contains($"Profile 'CloudTrust WHfB' (SettingsCatalog) [{preview.Profile!.PolicyId}]: would be updated (1 setting(s) drifted)", lines);
        Assert.Contains($"  {WhfbSettingIds.RequireSecurityDevice}: false -> true", lines);
        Assert.Contains($"    + {Broad}", lines);
        Assert.Contains($"    = {Pilot}", lines);
        Assert.Contains(lines, l => l.StartsWith("  emea.contoso.example: missing, would be created", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  'Legacy certificate trust' [", StringComparison.Ordinal) && l.Contains(Broad.ToString(), StringComparison.Ordinal));
        var pilot = preview.Readiness!.Rings[0];
        Assert.True(pilot.DevicesNotReady > 0);
        Assert.Contains($"  ring pilot: {pilot.DevicesNotReady} of {pilot.Devices} device(s) not ready; {pilot.UsersNotReady} of {pilot.Users} user(s) not ready; {pilot.UsersWithWhfb} user(s) already use WHfB", lines);
        Assert.Contains(lines, l => l.StartsWith($"    devices oldBuild: {pilot.DeviceReasons.Single(r => r.Reason == "oldBuild").Count} (e.g. Windows build", StringComparison.Ordinal));
        Assert.Contains("The rollout would stop at its preflight (2 blocker(s)):", lines);
        Assert.Contains("  ring 'broad': certificate trust wins over cloud trust: device-scoped policy 'Legacy certificate trust' enables UseCertificateForOnPremAuth; plan a certificate-trust migration for this ring", lines);
        Assert.Contains("Ring 'pilot': cloud trust now (the rollout's profile 'CloudTrust WHfB' enables cloud trust); cloud trust once the rollout's profile applies", lines);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.True(root.GetProperty("isValid").GetBoolean());
        Assert.Equal(0, root.GetProperty("planErrors").GetArrayLength());
        Assert.Equal("Update", root.GetProperty("profile").GetProperty("change").GetString());
        Assert.EndsWith("_false", root.GetProperty("profile").GetProperty("settings")[0].GetProperty("existing").GetString(), StringComparison.Ordinal);
        Assert.Equal("emea.contoso.example", root.GetProperty("kerberos").GetProperty("toCreate")[0].GetString());
        Assert.Equal("Missing", root.GetProperty("kerberos").GetProperty("domains")[1].GetProperty("state").GetString());
        Assert.Equal(pilot.DevicesNotReady, root.GetProperty("readiness").GetProperty("rings")[0].GetProperty("devicesNotReady").GetInt32());

        var back = JsonSerializer.Deserialize<PlanPreview>(json, JsonOutput.Options)!;
        Assert.Equal(preview.Profile.Settings, back.Profile!.Settings);
        Assert.Equal(preview.Kerberos!.Domains, back.Kerberos!.Domains);
        Assert.Equal(preview.Assignments!.Rings[1].GroupsToAdd, back.Assignments!.Rings[1].GroupsToAdd);
        Assert.Equal(preview.Blockers, back.Blockers);
    }

    [Fact]
    public void Optional_settings_show_in_the_profile_diff_with_character_rules_by_name()
    {
        var digits = HelloOptionValues.Digits.CatalogId;
        var minimum = HelloOptionValues.MinimumPinLength.CatalogId;
        var preview = new PlanPreview
        {
            Profile = new ProfilePreview(ProfileMode.SettingsCatalog, "WHfB", ProfileChange.Update, "policy-1", [new SettingDifference(digits, null, digits + "_1"), new SettingDifference(minimum, "4", "6")]),
        };

        var lines = PlanPreviewText.Render(preview);

        Assert.Contains($"  {digits}: (absent) -> required", lines);
        Assert.Contains($"  {minimum}: 4 -> 6", lines);
    }

    [Fact]
    public void An_invalid_plan_renders_its_errors_and_nothing_else()
    {
        var preview = new PlanPreview { PlanErrors = RolloutPlanReader.Read("""{ "domains": ["corp..example"], "rings": [] }""").Errors };

        var lines = PlanPreviewText.Render(preview);

        Assert.Equal("The plan is invalid; nothing was read:", lines[0]);
        Assert.Equal(preview.PlanErrors.Select(e => "  " + e), lines.Skip(1));
        Assert.Contains("  domains[0]: not a DNS name", lines);
    }

    private static async Task<PlanPreview> PreviewAsync()
    {
        var intune = new SimulatedIntune(new SimulatedGraphOptions(), TimeProvider.System);
        intune.AddDeviceGroup(Pilot, 30, new FleetMix { OldBuild = 0.3, NoMfa = 0.2 });
        intune.AddDeviceGroup(Broad, 10);
        intune.AddPolicy(
            "CloudTrust WHfB",
            "managed by CloudTrust [cloudtrust:whfb-cloud-kerberos-trust]",
            new Dictionary<string, bool> { [WhfbSettingIds.UsePassportForWork] = true, [WhfbSettingIds.UseCloudTrustForOnPremAuth] = true, [WhfbSettingIds.RequireSecurityDevice] = false },
            [Pilot]);
        intune.AddPolicy("Legacy certificate trust", "by hand", new Dictionary<string, bool> { [WhfbSettingIds.UseCertificateForOnPremAuth] = true }, [Broad]);
        var kerberos = new SimulatedKerberosServers();
        kerberos.AddHealthy("corp.contoso.example");

        await using var server = await SimulatedTenantServer.StartAsync(new SimulatorOptions { TenantId = TenantId }, [new SimulatedGraph(intune)]);
        server.Entra.RegisterClient("preview-app", "preview-secret");
        using var graph = GraphConnection.Create(
            new GraphConnectionOptions { BaseAddress = server.BaseAddress, AuthorityHost = server.BaseAddress, TenantId = TenantId, ClientId = "preview-app", PinnedCertificate = server.Certificate },
            "preview-secret");
        var plan = $$"""
            {
              "tenantId": "{{TenantId}}",
              "domains": ["corp.contoso.example", "emea.contoso.example"],
              "profileName": "CloudTrust WHfB",
              "rings": [
                { "name": "pilot", "groupIds": ["{{Pilot}}"], "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" },
                { "name": "broad", "groupIds": ["{{Broad}}"], "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" }
              ]
            }
            """;
        return await new RolloutPreview(graph, kerberos, TimeProvider.System, NullLoggerFactory.Instance).PreviewAsync(plan, CancellationToken.None);
    }
}
