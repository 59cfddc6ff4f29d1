using CloudTrust.Cli.Commands;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Cli.Tests;

/// <summary>The in-process path the demo takes: SimulatedTenant + RolloutHost with the tenant's own credential, nothing in the environment.</summary>
public sealed class InProcessRolloutTests
{
    [Fact]
    public async Task A_rollout_host_in_the_simulators_process_runs_the_sample_plan_answering_each_gate_to_the_end()
    {
        await using var env = await TestTenant.StartAsync(devices: 200);
        var settings = env.Tenant.ReadSettings();
        Assert.Equal(env.Tenant.ClockSettings, settings.SimulatedClock);
        // Read between two readings of the tenant's clock, so a pause of the test between the reads cannot count as drift;
        // an hour of slack (0.125 s of wall time) covers a pause while the new clock anchors itself.
        var before = env.Tenant.Clock.GetUtcNow();
        var read = settings.CreateClock().GetUtcNow();
        var after = env.Tenant.Clock.GetUtcNow();
        var slack = TimeSpan.FromHours(1);
        Assert.True(read >= before - slack && read <= after + slack, $"the settings' clock read {read:O}, the tenant's {before:O} to {after:O} (simulated)");

        await using var host = RolloutHost.Open(env.Db, settings, NullLoggerFactory.Instance, env.Tenant.CreateCredential());
        var plan = await File.ReadAllTextAsync(env.Tenant.PlanPath);
        await host.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "demo-1");
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answered = new List<string>();
        WorkflowInstance run;
        while (true)
        {
            run = await host.Engine.WaitUntilAsync("demo-1", i => i.Status.IsFinal() || i.ReadCustomStatusAs<RolloutStatus>()?.Phase is "paused" or "awaitingApproval", safety.Token);
            if (run.Status.IsFinal())
            {
                break;
            }

            var status = run.ReadCustomStatusAs<RolloutStatus>()!;
            answered.Add($"{status.Phase} {status.Ring}");
            await host.Engine.RaiseEventAsync("demo-1", status.Phase == "paused" ? RolloutEvents.Resume : RolloutEvents.Approve);
            await host.Engine.WaitUntilAsync("demo-1", i => i.Status.IsFinal() || i.ReadCustomStatusAs<RolloutStatus>() is { } s && (s.Phase != status.Phase || s.Ring != status.Ring), safety.Token);
        }

        Assert.Equal(WorkflowStatus.Completed, run.Status);
        Assert.Equal(RolloutOutcome.Completed, run.ReadOutputAs<RolloutReport>()!.Outcome);
        Assert.Contains(answered, a => a.EndsWith(" early", StringComparison.Ordinal)); // the sample plan asks for approval after ring 2
        Assert.Equal(env.Tenant.Rings.Select(r => r.GroupId).Order(), Assert.Single(env.Tenant.Intune.Policies()).AssignedGroups.Order());
    }
}
