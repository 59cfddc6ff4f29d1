using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class RolloutChildInstancesTests
{
    private static readonly RingCounts Counts = new(10, 6, 1, 0, 3, 0);

    [Fact]
    public void The_ring_instance_id_is_the_rollouts_id_and_the_ring_number_in_route_safe_characters()
    {
        Assert.Equal("rollout-change-7.ring-2", RolloutChildInstances.RingVerification("rollout-change-7", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutChildInstances.RingVerification("rollout-change-7", 0));
    }

    [Fact]
    public void Each_polling_phase_names_its_own_child_and_other_phases_none()
    {
        RolloutStatus At(string phase, int ring) => new(phase, "early", ring, 3, null, null, [], []);

        Assert.Equal("r.ring-2.sign-in", RolloutChildInstances.ToRead("r", At("signInTracking", 2)));
        Assert.Equal("r.ring-3.reprovisioning", RolloutChildInstances.ToRead("r", At("reprovisioning", 3)));
        Assert.Equal("r.ticket-probe", RolloutChildInstances.ToRead("r", At("ticketProbe", 3)));
        Assert.Null(RolloutChildInstances.ToRead("r", At("awaitingDeletionApproval", 2)));
        Assert.Null(RolloutChildInstances.ToRead("r", null));
        Assert.Equal(10, RolloutChildInstances.All("r", 3).Count);
        Assert.Equal(RolloutChildInstances.All("r", 3).Count, RolloutChildInstances.All("r", 3).Distinct().Count());
    }

    [Fact]
    public void While_the_rollout_verifies_a_ring_the_ring_instances_status_is_shown()
    {
        var rollout = new RolloutStatus("verifying", "early", 2, 3, null, GateVerdict.Wait, [], []);
        var ring = new RolloutStatus("verifying", "early", 2, 3, Counts, GateVerdict.Wait, ["soaking"], []);

        Assert.Equal("r.ring-2", RolloutChildInstances.ToRead("r", rollout));
        Assert.Same(ring, RolloutChildInstances.Current(rollout, ring));
    }

    [Fact]
    public void Otherwise_the_rollouts_own_status_is_shown()
    {
        var paused = new RolloutStatus("paused", "early", 2, 3, Counts, GateVerdict.Fail, ["below threshold"], ["resume", "abort"]);
        var otherRing = new RolloutStatus("verifying", "pilot", 1, 3, Counts, GateVerdict.Pass, [], []);
        var verifying = new RolloutStatus("verifying", "early", 2, 3, null, GateVerdict.Wait, [], []);

        Assert.Null(RolloutChildInstances.ToRead("r", paused));
        Assert.Same(paused, RolloutChildInstances.Current(paused, otherRing));
        Assert.Same(verifying, RolloutChildInstances.Current(verifying, otherRing));
        Assert.Same(verifying, RolloutChildInstances.Current(verifying, null));
    }
}
