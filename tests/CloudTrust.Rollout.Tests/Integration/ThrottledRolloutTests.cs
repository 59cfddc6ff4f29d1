using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class ThrottledRolloutTests
{
    private static readonly Guid Pilot = new("d0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("d0000000-0000-4000-8000-000000000002");
    private static readonly Guid Broad = new("d0000000-0000-4000-8000-000000000003");
    private static readonly Guid HandAdded = new("d0000000-0000-4000-8000-0000000000ff");

    [Fact]
    public async Task A_throttled_Graph_still_completes_repairs_drift_and_keeps_hand_added_groups()
    {
        await using var harness = await RolloutHarness.StartAsync(
            intune =>
            {
                intune.AddDeviceGroup(Pilot, 15);
                intune.AddDeviceGroup(Early, 15);
                intune.AddDeviceGroup(Broad, 15);
                intune.AddEmptyGroup(HandAdded);
                var drifted = new Dictionary<string, bool>
                {
                    [WhfbSettingIds.UsePassportForWork] = true,
                    [WhfbSettingIds.UseCloudTrustForOnPremAuth] = true,
                    [WhfbSettingIds.RequireSecurityDevice] = false,
                };
                intune.AddPolicy(Plans.ProfileName, "Managed by CloudTrust. [cloudtrust:whfb-cloud-kerberos-trust]", drifted, [HandAdded]);
            },
            new SimulatedGraphOptions { ThrottleRate = 0.2, RetryAfterSeconds = 1, DefaultPageSize = 10, MaxPageSize = 10, MaxReportPageSize = 10 });

        var report = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early), Plans.Ring("broad", Broad)), "throttled-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(ProfileAction.Updated, report.ProfileAction);
        Assert.Contains(report.Rings, r => r.Counts!.Targeted == 15);
        var policy = Assert.Single(harness.Intune.Policies());
        Assert.Empty(WhfbPolicySettings.Desired(true).DriftFrom(new WhfbPolicySettings(policy.Choices)));
        Assert.Equal(new[] { HandAdded, Pilot, Early, Broad }.Order(), policy.AssignedGroups.Order());
        var requests = harness.GraphRequests();
        Assert.Contains(requests, r => r.Status == 429);
        Assert.Contains(requests, r => r.Status == 503);
        // The drift repair is Microsoft's documented update: one PATCH of the policy and one of the drifted setting, each
        // applied once however often Graph throttled; never PUT.
        Assert.Single(harness.GraphWrites(), w => w.Method == "PATCH" && w.Path == $"/beta/deviceManagement/configurationPolicies/{policy.Id}" && w.Status == 204);
        Assert.Single(harness.GraphWrites(), w => w.Method == "PATCH" && w.Path.StartsWith($"/beta/deviceManagement/configurationPolicies/{policy.Id}/settings/", StringComparison.Ordinal) && w.Status == 204);
        Assert.DoesNotContain(harness.GraphWrites(), w => w.Method == "PUT");
        Assert.DoesNotContain(harness.GraphWrites(), w => w.Method == "POST" && w.Path == "/beta/deviceManagement/configurationPolicies" && w.Status < 300);
    }
}
