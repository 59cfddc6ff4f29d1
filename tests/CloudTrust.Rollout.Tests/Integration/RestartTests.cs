using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class RestartTests
{
    private static readonly Guid Pilot = new("f0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("f0000000-0000-4000-8000-000000000002");
    private static readonly Guid Broad = new("f0000000-0000-4000-8000-000000000003");

    [Fact]
    public async Task A_restart_mid_ring_resumes_without_duplicate_policies_or_assignments()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddDeviceGroup(Early, 10);
            intune.AddDeviceGroup(Broad, 10);
        });
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early), Plans.Ring("broad", Broad));
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "restart-1");
        using (var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await harness.Engine.WaitUntilAsync("restart-1", i => i.ReadCustomStatusAs<RolloutStatus>() is { Phase: "verifying", RingNumber: 2 }, safety.Token);
        }

        await harness.RestartEngineAsync();
        var report = await harness.CompletionAsync("restart-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Single(harness.Intune.Policies());
        Assert.Single(harness.GraphWrites(), w => w.Path == "/beta/deviceManagement/configurationPolicies");
        Assert.Equal(3, harness.GraphWrites().Count(w => w.Path.EndsWith("/assign", StringComparison.Ordinal)));
        Assert.Equal(new[] { Pilot, Early, Broad }.Order(), harness.Intune.Policies()[0].AssignedGroups.Order());
    }
}
