using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class RingVerificationInstanceTests
{
    private static readonly RingCounts Counts = new(10, 6, 1, 0, 3, 0);

    [Fact]
    public void The_ring_instance_id_is_the_rollouts_id_and_the_ring_number_in_route_safe_characters()
    {
        Assert.Equal("rollout-change-7.ring-2", RingVerificationInstance.IdFor("rollout-change-7", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RingVerificationInstance.IdFor("rollout-change-7", 0));
    }

    [Fact]
    public void While_the_rollout_verifies_a_ring_the_ring_instances_status_is_shown()
    {
        var rollout = new RolloutStatus("verifying", "early", 2, 3, null, GateVerdict.Wait, [], []);
        var ring = new RolloutStatus("verifying", "early", 2, 3, Counts, GateVerdict.Wait, ["soaking"], []);

        Assert.Equal("r.ring-2", RingVerificationInstance.ToRead("r", rollout));
        Assert.Same(ring, RingVerificationInstance.Current(rollout, ring));
    }

    [Fact]
    public void Otherwise_the_rollouts_own_status_is_shown()
    {
        var paused = new RolloutStatus("paused", "early", 2, 3, Counts, GateVerdict.Fail, ["below threshold"], ["resume", "abort"]);
        var otherRing = new RolloutStatus("verifying", "pilot", 1, 3, Counts, GateVerdict.Pass, [], []);
        var verifying = new RolloutStatus("verifying", "early", 2, 3, null, GateVerdict.Wait, [], []);

        Assert.Null(RingVerificationInstance.ToRead("r", paused));
        Assert.Same(paused, RingVerificationInstance.Current(paused, otherRing));
        Assert.Same(verifying, RingVerificationInstance.Current(verifying, otherRing));
        Assert.Same(verifying, RingVerificationInstance.Current(verifying, null));
    }
}
