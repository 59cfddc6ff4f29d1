using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class TicketStatusBudgetTests
{
    [Fact]
    public void A_status_with_every_cause_huge_actions_and_hostile_device_reasons_stays_within_16_KB()
    {
        var hostile = new string('<', 3000) + "\"\\u0000";
        var causes = Enum.GetValues<TicketFailureCause>().Select(c => new TicketCauseCount(c, 1000, hostile)).ToList();
        var tickets = new TicketProbeSummary(10_000, 2000, 4000, 4000, [], causes, [], 0);
        var reasons = Enumerable.Range(0, 1000).Select(i => $"tickets: PC-{i}{hostile}: unknown ({hostile})");

        var status = RolloutStatus.Create("paused", "pilot", 1, 3, new RingCounts(10_000, 10_000, 0, 0, 0, 0), GateVerdict.Fail, reasons, ["resume", "abort"], tickets);

        Assert.True(StatusBudget.Measure(status) <= StatusBudget.MaxCustomStatusBytes, StatusBudget.Measure(status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10_000, status.Tickets!.Reported);
        Assert.Equal(RolloutStatus.MaxCauses, status.TicketCauses!.Count);
        Assert.Equal(1000, status.ReasonCount);
    }
}
