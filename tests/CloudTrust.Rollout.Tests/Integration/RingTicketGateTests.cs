using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class RingTicketGateTests
{
    private static readonly Guid Pilot = new("c1000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("c1000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_ring_whose_policy_report_is_green_is_held_by_its_ticket_evidence_with_the_causes_and_actions()
    {
        var faulty = new FleetMix { OffNetwork = 0.15, StalePrt = 0.1, RemoteDesktop = 0.05, OtherDomain = 0.05, CloudTrustGpoOff = 0.1, PrivilegedUser = 0.05 };
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 80, faulty);
            intune.AddDeviceGroup(Broad, 20);
        });
        var pilot = Plans.Ring("pilot", Pilot).Replace("\"maxErrorShare\"", "\"ticketThreshold\": 0.9, \"minTicketReports\": 20, \"maxErrorShare\"", StringComparison.Ordinal);
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(Plans.Plan(pilot, Plans.Ring("broad", Broad))), "tickets-1");

        var paused = await harness.WaitForPhaseAsync("tickets-1", "paused");

        Assert.Equal("pilot", paused.Ring);
        Assert.Equal(GateVerdict.Fail, paused.Verdict);
        Assert.Equal(paused.Counts!.Targeted, paused.Counts.Succeeded);
        var tickets = Assert.IsType<TicketCounts>(paused.Tickets);
        Assert.Equal(80, tickets.Reported);
        Assert.True(tickets.WorkingShare < 0.9, tickets.ToString());
        Assert.StartsWith("tickets: ", paused.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("although the policy report passes", paused.Reasons[0], StringComparison.Ordinal);
        var causes = paused.TicketCauses!.ToDictionary(c => c.Cause);
        Assert.Equal(80 - tickets.Working, causes.Values.Sum(c => c.Count));
        Assert.Contains(TicketFailureCause.NoLineOfSightToDc, causes.Keys);
        Assert.Contains(TicketFailureCause.PrtStale, causes.Keys);
        Assert.Contains(TicketFailureCause.CloudTrustNotEnforced, causes.Keys);
        Assert.DoesNotContain(TicketFailureCause.Unknown, causes.Keys);
        Assert.Contains("VPN", causes[TicketFailureCause.NoLineOfSightToDc].Action, StringComparison.Ordinal);
        Assert.Contains(paused.Reasons, r => r.StartsWith("tickets: PC-", StringComparison.Ordinal));
        var probe = Assert.Single(harness.Intune.HealthScripts());
        Assert.Equal([Pilot], probe.AssignedGroups);
        Assert.Equal([Pilot], Assert.Single(harness.Intune.Policies()).AssignedGroups);

        await harness.Engine.RaiseEventAsync("tickets-1", RolloutEvents.Abort);
        var report = await harness.CompletionAsync("tickets-1");

        var ring = Assert.Single(report.Rings);
        Assert.Equal(80, ring.Tickets!.Reported);
        Assert.NotEmpty(ring.Tickets.Failing!);
        Assert.All(ring.Tickets.Failing!, f => Assert.NotEqual(TicketFailureCause.Unknown, f.Cause));
    }

    [Fact]
    public async Task A_ring_with_working_tickets_passes_and_the_next_ring_gets_the_probe_with_it()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 30);
            intune.AddDeviceGroup(Broad, 30);
        });
        var ring = (string name, Guid group) => Plans.Ring(name, group).Replace("\"maxErrorShare\"", "\"ticketThreshold\": 0.95, \"minTicketReports\": 10, \"maxErrorShare\"", StringComparison.Ordinal);

        var report = await harness.RunAsync(Plans.Plan(ring("pilot", Pilot), ring("broad", Broad)), "tickets-2");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        // A ring passes once enough devices reported (minTicketReports 10), so a device may still be pending then.
        Assert.All(report.Rings, r => Assert.InRange(r.Tickets!.Reported, 10, 30));
        Assert.All(report.Rings, r => Assert.Equal(r.Tickets!.Reported, r.Tickets.Working));
        Assert.All(report.Rings, r => Assert.Contains(r.Reasons, reason => reason.StartsWith("tickets: 100.0 %", StringComparison.Ordinal)));
        Assert.Equal(new[] { Pilot, Broad }.Order(), Assert.Single(harness.Intune.HealthScripts()).AssignedGroups.Order());
    }
}
