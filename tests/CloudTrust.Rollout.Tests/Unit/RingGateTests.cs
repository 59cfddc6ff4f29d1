using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class RingGateTests
{
    private static readonly RolloutRing Ring = new("pilot", [Guid.NewGuid()], 0.9, 0.05, TimeSpan.FromHours(4), TimeSpan.FromHours(48), false);

    [Fact]
    public void Passes_after_soak_when_the_threshold_is_met()
        => Assert.Equal(GateVerdict.Pass, RingGate.Evaluate(Ring, new RingCounts(100, 92, 1, 0, 7, 0), TimeSpan.FromHours(5)).Verdict);

    [Fact]
    public void Waits_during_soak_even_when_the_threshold_is_met()
        => Assert.Equal(GateVerdict.Wait, RingGate.Evaluate(Ring, new RingCounts(100, 100, 0, 0, 0, 0), TimeSpan.FromHours(1)).Verdict);

    [Fact]
    public void Fails_at_once_when_errors_and_conflicts_exceed_the_maximum_share()
    {
        var decision = RingGate.Evaluate(Ring, new RingCounts(100, 10, 3, 3, 84, 0), TimeSpan.FromMinutes(30));

        Assert.Equal(GateVerdict.Fail, decision.Verdict);
        Assert.Contains("3 errors, 3 conflicts of 100", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_share_exactly_at_the_maximum_is_tolerated()
        => Assert.Equal(GateVerdict.Pass, RingGate.Evaluate(Ring, new RingCounts(100, 95, 5, 0, 0, 0), TimeSpan.FromHours(5)).Verdict);

    [Fact]
    public void Keeps_waiting_below_the_threshold_before_the_deadline()
        => Assert.Equal(GateVerdict.Wait, RingGate.Evaluate(Ring, new RingCounts(100, 50, 0, 0, 50, 0), TimeSpan.FromHours(47)).Verdict);

    [Fact]
    public void Fails_at_the_deadline_below_the_threshold_naming_the_pending_devices()
    {
        var decision = RingGate.Evaluate(Ring, new RingCounts(100, 80, 0, 0, 20, 0), TimeSpan.FromHours(48));

        Assert.Equal(GateVerdict.Fail, decision.Verdict);
        Assert.Contains("20 devices pending", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_without_devices_fails()
        => Assert.Equal(GateVerdict.Fail, RingGate.Evaluate(Ring, new RingCounts(0, 0, 0, 0, 0, 0), TimeSpan.FromHours(5)).Verdict);

    [Fact]
    public void A_soaking_ring_reads_its_soak_and_what_is_left_as_durations_not_a_clock_time()
        => Assert.Equal(
            ["soaking for 4 h after assignment, 2 h 45 min left"],
            RingGate.Evaluate(Ring, new RingCounts(100, 100, 0, 0, 0, 0), TimeSpan.FromMinutes(75)).Reasons);
}
