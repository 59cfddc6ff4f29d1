using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Tickets;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class RingTicketGateTests
{
    private static readonly RolloutRing Ring = new("pilot", [Guid.NewGuid()], 0.9, 0.05, TimeSpan.FromHours(4), TimeSpan.FromHours(48), false, TicketThreshold: 0.8, MinTicketReports: 10);
    private static readonly RingCounts Green = new(100, 98, 0, 0, 2, 0);

    [Fact]
    public void A_green_policy_report_with_enough_tickets_passes_and_says_both_parts()
    {
        var decision = RingGate.Evaluate(Ring, Green, new TicketCounts(50, 45, 5, 0), TimeSpan.FromHours(5));

        Assert.Equal(GateVerdict.Pass, decision.Verdict);
        Assert.StartsWith("policy: ", decision.Reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("tickets: 90.0 % of 50", decision.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_green_policy_report_waits_for_tickets_before_the_deadline_and_fails_on_tickets_at_it()
    {
        var tickets = new TicketCounts(50, 20, 30, 0);

        var waiting = RingGate.Evaluate(Ring, Green, tickets, TimeSpan.FromHours(10));
        Assert.Equal(GateVerdict.Wait, waiting.Verdict);

        var failed = RingGate.Evaluate(Ring, Green, tickets, TimeSpan.FromHours(48));
        Assert.Equal(GateVerdict.Fail, failed.Verdict);
        Assert.StartsWith("tickets: 40.0 % of 50 reporting device(s) hold both CloudTgt and OnPremTgt, below the threshold 80.0 %", failed.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("although the policy report passes", failed.Reasons[0], StringComparison.Ordinal);
        Assert.Contains(failed.Reasons, r => r.StartsWith("policy: success share 98.0 %", StringComparison.Ordinal));
    }

    [Fact]
    public void The_share_counts_only_from_the_minimum_number_of_reports()
    {
        var few = new TicketCounts(9, 9, 0, 0);

        Assert.Equal(GateVerdict.Wait, RingGate.Evaluate(Ring, Green, few, TimeSpan.FromHours(5)).Verdict);
        var failed = RingGate.Evaluate(Ring, Green, few, TimeSpan.FromHours(48));
        Assert.Equal(GateVerdict.Fail, failed.Verdict);
        Assert.Contains("tickets: 9 device(s) reported the ticket probe; the share counts from 10", failed.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Wait, RingGate.Evaluate(Ring, Green, null, TimeSpan.FromHours(5)).Verdict);
    }

    [Fact]
    public void A_failing_policy_report_fails_on_policy_whatever_the_tickets()
    {
        var decision = RingGate.Evaluate(Ring, new RingCounts(100, 50, 10, 0, 40, 0), new TicketCounts(50, 50, 0, 0), TimeSpan.FromHours(1));

        Assert.Equal(GateVerdict.Fail, decision.Verdict);
        Assert.StartsWith("policy: error share", decision.Reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("tickets: 50 of 50", decision.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_without_a_ticket_threshold_is_gated_as_before()
    {
        var plain = Ring with { TicketThreshold = null };

        var decision = RingGate.Evaluate(plain, Green, new TicketCounts(50, 0, 50, 0), TimeSpan.FromHours(5));

        Assert.Equal(GateVerdict.Pass, decision.Verdict);
        Assert.DoesNotContain(decision.Reasons, r => r.StartsWith("tickets:", StringComparison.Ordinal));
    }
}
