using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class GateAndApprovalTests
{
    private static readonly Guid Pilot = new("b0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("b0000000-0000-4000-8000-000000000002");
    private static readonly Guid Broad = new("b0000000-0000-4000-8000-000000000003");
    private static readonly Guid HandAdded = new("b0000000-0000-4000-8000-0000000000ff");

    [Fact]
    public async Task A_failed_gate_pauses_with_reasons_then_resume_and_approval_finish_the_rollout()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 40, new FleetMix { NoTpm = 0.3 });
            intune.AddDeviceGroup(Early, 20);
            intune.AddDeviceGroup(Broad, 20);
        });
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early, approval: true), Plans.Ring("broad", Broad));
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "gate-1");

        var paused = await harness.WaitForPhaseAsync("gate-1", "paused");
        Assert.Equal("pilot", paused.Ring);
        Assert.Equal(GateVerdict.Fail, paused.Verdict);
        Assert.True(paused.Counts!.Errors > 0);
        Assert.Contains(paused.Reasons, r => r.Contains("error share", StringComparison.Ordinal));
        Assert.Contains(paused.Reasons, r => r.Contains("PC-", StringComparison.Ordinal) && r.EndsWith(": error", StringComparison.Ordinal));
        Assert.Equal([RolloutEvents.Resume, RolloutEvents.Abort], paused.WaitingFor);
        Assert.Equal([Pilot], Assert.Single(harness.Intune.Policies()).AssignedGroups);

        await harness.Engine.RaiseEventAsync("gate-1", RolloutEvents.Resume);
        var approval = await harness.WaitForPhaseAsync("gate-1", "awaitingApproval");
        Assert.Equal("early", approval.Ring);
        Assert.Equal(GateVerdict.Pass, approval.Verdict);
        Assert.Equal(new[] { Pilot, Early }.Order(), Assert.Single(harness.Intune.Policies()).AssignedGroups.Order());

        await harness.Engine.RaiseEventAsync("gate-1", RolloutEvents.Approve);
        var report = await harness.CompletionAsync("gate-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.True(report.Rings[0].ResumedByPerson);
        Assert.NotEmpty(report.Rings[0].Failing);
        Assert.Equal(new[] { Pilot, Early, Broad }.Order(), Assert.Single(harness.Intune.Policies()).AssignedGroups.Order());
    }

    [Fact]
    public async Task Abort_rolls_back_only_the_assignments_the_rollout_made()
    {
        string ours = string.Empty;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 20);
            intune.AddDeviceGroup(Early, 30, new FleetMix { OldBuild = 0.5 });
            intune.AddEmptyGroup(HandAdded);
            intune.AddEmptyGroup(Broad);
            var desired = WhfbPolicySettings.Desired(true).Choices.ToDictionary(c => c.Key, c => c.Value.EndsWith("_true", StringComparison.Ordinal));
            ours = intune.AddPolicy(Plans.ProfileName, "Managed by CloudTrust. [cloudtrust:whfb-cloud-kerberos-trust]", desired, [HandAdded]);
        });
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early), Plans.Ring("broad", Broad));
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "abort-1");

        var paused = await harness.WaitForPhaseAsync("abort-1", "paused");
        Assert.Equal("early", paused.Ring);
        Assert.Equal(new[] { HandAdded, Pilot, Early }.Order(), Assert.Single(harness.Intune.Policies()).AssignedGroups.Order());

        await harness.Engine.RaiseEventAsync("abort-1", RolloutEvents.Abort);
        var report = await harness.CompletionAsync("abort-1");

        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Equal(ours, report.PolicyId);
        Assert.Equal(new[] { Pilot, Early }.Order(), report.RolledBack.Order());
        Assert.Equal([HandAdded], Assert.Single(harness.Intune.Policies()).AssignedGroups);
    }
}
