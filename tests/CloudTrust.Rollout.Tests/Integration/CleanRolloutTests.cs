using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class CleanRolloutTests
{
    private static readonly Guid Pilot = new("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("a0000000-0000-4000-8000-000000000002");
    private static readonly Guid Broad = new("a0000000-0000-4000-8000-000000000003");

    [Fact]
    public async Task Three_rings_roll_out_and_a_rerun_changes_nothing()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 20);
            intune.AddDeviceGroup(Early, 30);
            intune.AddDeviceGroup(Broad, 40);
        });
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early), Plans.Ring("broad", Broad));

        var report = await harness.RunAsync(plan, "clean-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(ProfileAction.Created, report.ProfileAction);
        Assert.Equal([20, 30, 40], report.Rings.Select(r => r.Counts!.Targeted));
        Assert.All(report.Rings, r => Assert.True(r.Counts!.SuccessShare >= 0.95, $"{r.Name}: {r.Counts}"));
        Assert.All(report.Rings, r => Assert.Equal(0, r.Counts!.Errors + r.Counts.Conflicts));
        Assert.All(report.Rings, r => Assert.Equal(GateVerdict.Pass, r.Verdict));

        var policy = Assert.Single(harness.Intune.Policies());
        Assert.Equal(Plans.ProfileName, policy.Name);
        Assert.Empty(WhfbPolicySettings.Desired(requireSecurityDevice: true).DriftFrom(new WhfbPolicySettings(policy.Choices)));
        Assert.Equal(new[] { Pilot, Early, Broad }.Order(), policy.AssignedGroups.Order());

        var writes = harness.GraphWrites();
        Assert.Single(writes, w => w.Path == "/beta/deviceManagement/configurationPolicies");
        var assigns = writes.Where(w => w.Path.EndsWith("/assign", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, assigns.Count);
        Assert.Equal(2, GroupsIn(assigns[1].Body!).Count);
        Assert.Equal(new[] { Pilot, Early, Broad }.Order(), GroupsIn(assigns[2].Body!).Order());
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Path.Contains("/managedDevices/", StringComparison.Ordinal));

        var before = harness.GraphWrites().Count;
        var rerun = await harness.RunAsync(plan, "clean-2");

        Assert.Equal(RolloutOutcome.Completed, rerun.Outcome);
        Assert.Equal(ProfileAction.Unchanged, rerun.ProfileAction);
        Assert.All(rerun.Rings, r => Assert.Empty(r.Added));
        Assert.Equal(before, harness.GraphWrites().Count);
        Assert.Single(harness.Intune.Policies());
    }

    private static List<Guid> GroupsIn(string assignBody)
    {
        using var document = JsonDocument.Parse(assignBody);
        return [.. document.RootElement.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("target").GetProperty("groupId").GetGuid())];
    }
}
