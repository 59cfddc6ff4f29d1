using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary>The rollout resolves ring groups named by display name in preflight, and a missing one stops it before any write.</summary>
public sealed class RolloutByGroupNameTests
{
    private static readonly Guid Pilot = new("9a000000-0000-4000-8000-000000000001");

    private static string PlanWith(string ringGroups, string extra = "")
        => Plans.Plan($$"""{ "name": "pilot", {{ringGroups}}, "successThreshold": 0.9, "maxErrorShare": 0.05, "soak": "01:00:00", "verificationDeadline": "1.00:00:00" }""")
            .Replace("\"profileName\"", extra + "\"profileName\"", StringComparison.Ordinal);

    [Fact]
    public async Task A_ring_named_by_group_display_name_is_assigned_that_group()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 6);
            intune.NameGroup(Pilot, "WHfB Pilot's devices");
        });

        var report = await harness.RunAsync(PlanWith("""  "groupNames": ["WHfB Pilot's devices"] """), "by-name");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var policy = Assert.Single(harness.Intune.Policies());
        Assert.Equal([Pilot], policy.AssignedGroups);
        Assert.Equal(6, report.Rings.Single().Counts!.Targeted);
    }

    [Fact]
    public async Task A_missing_group_name_is_an_invalid_plan_and_nothing_is_written()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 3));

        var report = await harness.RunAsync(PlanWith("""  "groupNames": ["No such group"] """), "missing-name");

        Assert.Equal(RolloutOutcome.InvalidPlan, report.Outcome);
        Assert.Contains("rings[0].groupNames[0]: no Entra group named 'No such group' (set createMissingGroups to create it)", report.PlanErrors);
        Assert.Empty(harness.GraphWrites());
        Assert.Empty(harness.Intune.Policies());
    }
}
