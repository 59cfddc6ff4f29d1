using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class CustomOmaUriRolloutTests
{
    private static readonly Guid Pilot = new("e0000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("e0000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task The_OMA_URI_profile_rolls_out_with_the_tenant_GUID_in_its_paths()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddDeviceGroup(Broad, 10);
        });
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("broad", Broad))
            .Replace("\"profileName\"", "\"profileMode\": \"customOmaUri\", \"requireSecurityDevice\": false, \"profileName\"", StringComparison.Ordinal);

        var report = await harness.RunAsync(plan, "oma-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(ProfileAction.Created, report.ProfileAction);
        Assert.Empty(harness.Intune.Policies());
        var configuration = Assert.Single(harness.Intune.CustomConfigurations());
        var root = $"./Device/Vendor/MSFT/PassportForWork/{RolloutHarness.TenantId}/Policies/";
        Assert.Equal("true", configuration.Choices[root + "UsePassportForWork"]);
        Assert.Equal("true", configuration.Choices[root + "UseCloudTrustForOnPremAuth"]);
        Assert.Equal("false", configuration.Choices[root + "RequireSecurityDevice"]);
        Assert.Equal(new[] { Pilot, Broad }.Order(), configuration.AssignedGroups.Order());
        Assert.All(report.Rings, r => Assert.Equal(10, r.Counts!.Targeted));
        // Verified from the device report, as the settings catalog is: deviceStatuses is deprecated from May 2026.
        Assert.Contains(harness.GraphRequests(), r => r.Path.EndsWith("/reports/getConfigurationPolicyDevicesReport", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Path.Contains("/deviceStatuses", StringComparison.Ordinal));

        var rerun = await harness.RunAsync(plan, "oma-2");
        Assert.Equal(ProfileAction.Unchanged, rerun.ProfileAction);
        Assert.Single(harness.Intune.CustomConfigurations());
    }
}
