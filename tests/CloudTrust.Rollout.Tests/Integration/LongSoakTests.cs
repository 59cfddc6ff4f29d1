using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Engine.Journal;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary>
/// A ring that soaks for days: its polling runs in the ring's verification instance, which continues as new every
/// <see cref="RingVerificationWorkflow.PollsPerExecution"/> polls, so neither the rollout's history nor any one
/// execution of the ring's grows with the soak, while the gate, the reads and the status behave as before.
/// </summary>
public sealed class LongSoakTests
{
    private static readonly Guid Pilot = new("b1000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("b1000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_ring_polled_for_two_days_keeps_every_history_small_and_still_pauses_at_its_deadline()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 20, new FleetMix { OldBuild = 0.5 });
            intune.AddDeviceGroup(Broad, 10);
        });
        var plan = $$"""
            {
              "tenantId": "{{RolloutHarness.TenantId}}",
              "domains": ["corp.contoso.example"],
              "profileName": "{{Plans.ProfileName}}",
              "pollInterval": "00:15:00",
              "rings": [
                { "name": "pilot", "groupIds": ["{{Pilot}}"], "successThreshold": 0.95, "maxErrorShare": 0.9,
                  "soak": "01:00:00", "verificationDeadline": "2.00:00:00", "requireApproval": false },
                {{Plans.Ring("broad", Broad)}}
              ]
            }
            """;
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "soak-1");

        var paused = await harness.WaitForPhaseAsync("soak-1", "paused");
        Assert.Equal("pilot", paused.Ring);
        Assert.Equal(GateVerdict.Fail, paused.Verdict);
        Assert.Contains(paused.Reasons, r => r.Contains("at the verification deadline", StringComparison.Ordinal));

        var ringId = RolloutChildInstances.RingVerification("soak-1", 1);
        var ring = harness.Engine.GetExecutions(ringId);
        // Four entries per poll (the timer created and fired, the read scheduled and completed), the execution's one
        // wait for an abort, its start and its end.
        var largest = (RingVerificationWorkflow.PollsPerExecution * 4) + 3;
        var polls = ring.Sum(e => e.Count(h => h.Kind == HistoryEventKind.ActivityCompleted));
        Assert.True(polls > 2 * RingVerificationWorkflow.PollsPerExecution, $"the ring was read {polls} times in two days at a 15-minute interval");
        Assert.Equal(((polls - 1) / RingVerificationWorkflow.PollsPerExecution) + 1, ring.Count);
        Assert.All(ring, e => Assert.InRange(e.Count, 1, largest));
        Assert.All(ring.SkipLast(1), e => Assert.Equal(HistoryEventKind.ExecutionContinuedAsNew, e[^1].Kind));
        var rollout = harness.Engine.GetHistory("soak-1");
        Assert.True(rollout.Count < 60, $"the rollout's history has {rollout.Count} entries");
        Assert.DoesNotContain(rollout, e => e.Kind == HistoryEventKind.TimerCreated);
        Assert.Single(rollout, e => e.Kind == HistoryEventKind.SubWorkflowCompleted);

        await harness.Engine.RaiseEventAsync("soak-1", RolloutEvents.Resume);
        var report = await harness.CompletionAsync("soak-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(polls, report.Rings[0].Polls);
        Assert.True(report.Rings[0].ResumedByPerson);
        Assert.Equal(WorkflowStatus.Completed, harness.Engine.GetInstance(RolloutChildInstances.RingVerification("soak-1", 2))!.Status);
    }
}
