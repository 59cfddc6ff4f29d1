using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Functions.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// The worker recycled under a running rollout, as Azure recycles instances: the backend keeps the history, a new
/// worker replays it and goes on; a worker whose orchestrator code changed is stopped by the runtime's determinism check.
/// </summary>
public sealed class WorkerRestartTests
{
    [Fact]
    public async Task A_worker_restarted_while_the_rollout_waits_for_an_answer_and_while_a_timer_is_pending_finishes_it_once()
    {
        await using var harness = await FunctionsHarness.StartAsync();
        var id = await StartAsync(harness, "restarts");

        await RolloutEndpointTests.PhaseAsync(harness, id, "awaitingApproval");
        await harness.Runtime.StopWorkerAsync();
        await harness.Client.RaiseEventAsync(id, RolloutEvents.Approve);
        await harness.Runtime.StartWorkerAsync(harness.RegisterProductFunctions);

        await RolloutEndpointTests.PhaseAsync(harness, id, "verifying");
        await harness.Runtime.StopWorkerAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the pending poll timer comes due while no worker runs
        await harness.Runtime.StartWorkerAsync(harness.RegisterProductFunctions);

        await RolloutEndpointTests.PhaseAsync(harness, id, "paused");
        await harness.Runtime.StopWorkerAsync();
        await harness.Runtime.StartWorkerAsync(harness.RegisterProductFunctions);
        await harness.Client.RaiseEventAsync(id, RolloutEvents.Resume);

        var done = await harness.WaitUntilAsync(id, i => i.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(RolloutOutcome.Completed, done.ReadOutputAs<RolloutReport>()!.Outcome);
        var policy = Assert.Single(harness.Tenant.Intune.Policies());
        Assert.Equal(3, policy.AssignedGroups.Count);
        Assert.Equal(1, harness.Invocations(FunctionNames.EnsureProfile));
    }

    [Fact]
    public async Task An_orchestrator_changed_between_runs_fails_the_instance_on_replay_instead_of_acting_twice()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 60 });
        var id = await StartAsync(harness, "changed-code");
        await RolloutEndpointTests.PhaseAsync(harness, id, "awaitingApproval");
        await harness.Runtime.StopWorkerAsync();

        // The next deployment's Rollout asks for a different first step than the history recorded.
        await harness.Runtime.StartWorkerAsync(registry =>
        {
            harness.RegisterProductFunctions(registry, except: RolloutWorkflow.Name);
            registry.AddOrchestratorFunc<RolloutRequest, string>(RolloutWorkflow.Name, async (context, _) =>
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
                return "changed";
            });
        });
        await harness.Client.RaiseEventAsync(id, RolloutEvents.Approve);

        var failed = await harness.WaitUntilAsync(id, i => i.IsCompleted);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("NonDeterministic", failed.FailureDetails!.ErrorType, StringComparison.Ordinal);
        Assert.Equal(1, harness.Invocations(FunctionNames.AssignGroups));
    }

    private static async Task<string> StartAsync(FunctionsHarness harness, string requestId)
    {
        var body = new JsonObject { ["requestId"] = requestId, ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();
        var started = await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        return "rollout-" + requestId;
    }
}
