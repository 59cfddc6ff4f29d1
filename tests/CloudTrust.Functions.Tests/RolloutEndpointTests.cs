using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Functions.Tests.Support;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Tests;

/// <summary>A three-ring rollout driven through the product's HTTP functions under the real Durable runtime.</summary>
public sealed class RolloutEndpointTests
{
    [Fact]
    public async Task Start_a_failed_gate_resume_approve_and_completion_through_the_HTTP_functions()
    {
        await using var harness = await FunctionsHarness.StartAsync();
        var body = new JsonObject { ["requestId"] = "three-rings", ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();

        var started = await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = JsonSerializer.Deserialize<InstanceAccepted>(started.Text, ApiJson.Options)!;
        Assert.Equal("rollout-three-rings", accepted.Id);
        Assert.Equal("https://cloudtrust-test.azurewebsites.net/api/rollouts/rollout-three-rings", started.Headers.GetValues("Location").Single());
        Assert.DoesNotContain("code=", started.Text, StringComparison.Ordinal);

        var pilot = await PhaseAsync(harness, accepted.Id, "awaitingApproval");
        Assert.Equal("pilot", pilot.Ring);
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(harness, accepted.Id, "resume")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await AnswerAsync(harness, accepted.Id, "approve")).StatusCode);

        var early = await PhaseAsync(harness, accepted.Id, "paused");
        Assert.Equal("early", early.Ring);
        Assert.Equal(GateVerdict.Fail, early.Verdict);
        Assert.NotEmpty(early.Reasons);
        Assert.Equal(HttpStatusCode.Accepted, (await AnswerAsync(harness, accepted.Id, "resume")).StatusCode);

        var done = await harness.WaitUntilAsync(accepted.Id, i => i.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var report = done.ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(["pilot", "early", "broad"], report.Rings.Select(r => r.Name));
        Assert.True(report.Rings[1].ResumedByPerson);
        var policy = Assert.Single(harness.Tenant.Intune.Policies());
        Assert.Equal(harness.Tenant.Rings.Select(r => r.GroupId).Order(), policy.AssignedGroups.Order());

        var read = await harness.HttpAsync("GetRollout", "GET", $"/api/rollouts/{accepted.Id}", route: new Dictionary<string, string> { ["id"] = accepted.Id });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("done", JsonNode.Parse(read.Text)!["phase"]!.GetValue<string>());
        Assert.DoesNotContain("code=", read.Text, StringComparison.Ordinal);
        var list = await harness.HttpAsync("ListRollouts", "GET", "/api/rollouts");
        Assert.Equal(accepted.Id, Assert.Single(JsonNode.Parse(list.Text)!.AsArray())!["id"]!.GetValue<string>());

        // The same request again starts nothing new: still one instance, still one policy.
        Assert.Equal(HttpStatusCode.Accepted, (await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).StatusCode);
        Assert.Single(await harness.RolloutsAndRunsAsync());
    }

    [Fact]
    public async Task Abort_at_an_approval_rolls_the_assignments_back()
    {
        await using var harness = await FunctionsHarness.StartAsync();
        var body = new JsonObject { ["requestId"] = "to-abort", ["rollbackOnAbort"] = true, ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();
        var id = JsonSerializer.Deserialize<InstanceAccepted>((await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).Text, ApiJson.Options)!.Id;
        await PhaseAsync(harness, id, "awaitingApproval");
        Assert.Contains(harness.Tenant.Rings[0].GroupId, Assert.Single(harness.Tenant.Intune.Policies()).AssignedGroups);

        Assert.Equal(HttpStatusCode.Accepted, (await AnswerAsync(harness, id, "abort")).StatusCode);

        var report = (await harness.WaitUntilAsync(id, i => i.IsCompleted)).ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Equal([harness.Tenant.Rings[0].GroupId], report.RolledBack);
        Assert.Empty(Assert.Single(harness.Tenant.Intune.Policies()).AssignedGroups);
        var view = JsonNode.Parse((await harness.HttpAsync("GetRollout", "GET", $"/api/rollouts/{id}", route: new Dictionary<string, string> { ["id"] = id })).Text)!;
        Assert.Equal("aborted", view["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Abort_while_a_ring_verifies_is_passed_on_to_the_ring_and_rolls_the_assignments_back()
    {
        await using var harness = await FunctionsHarness.StartAsync();
        var body = new JsonObject { ["requestId"] = "to-abort-verifying", ["rollbackOnAbort"] = true, ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();
        var id = JsonSerializer.Deserialize<InstanceAccepted>((await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).Text, ApiJson.Options)!.Id;
        await PhaseAsync(harness, id, "awaitingApproval");
        Assert.Equal(HttpStatusCode.Accepted, (await AnswerAsync(harness, id, "approve")).StatusCode);
        // The early ring needs 100 % within its deadline: it still verifies when the abort comes.
        await harness.WaitUntilAsync(RolloutChildInstances.RingVerification(id, 2), i => View(i).Phase == "verifying");

        Assert.Equal(HttpStatusCode.Accepted, (await AnswerAsync(harness, id, "abort")).StatusCode);

        var report = (await harness.WaitUntilAsync(id, i => i.IsCompleted)).ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Contains(report.Rings[^1].Reasons, r => r.Contains("while the ring was verifying", StringComparison.Ordinal));
        Assert.Equal(harness.Tenant.Rings.Take(2).Select(r => r.GroupId).Order(), report.RolledBack.Order());
        Assert.Empty(Assert.Single(harness.Tenant.Intune.Policies()).AssignedGroups);
    }

    [Fact]
    public async Task Abort_before_the_first_ring_verifies_is_accepted_taken_at_the_next_safe_point_and_an_abort_of_the_finished_rollout_is_409()
    {
        await using var harness = await FunctionsHarness.StartAsync();
        var body = new JsonObject { ["requestId"] = "to-abort-early", ["rollbackOnAbort"] = true, ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();
        var id = JsonSerializer.Deserialize<InstanceAccepted>((await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).Text, ApiJson.Options)!.Id;

        // At once: the rollout is pending or in preflight, long before its first ring verifies.
        var answered = await AnswerAsync(harness, id, "abort");

        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        var done = await harness.WaitUntilAsync(id, i => i.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var report = done.ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.True(report.Abort is { RingNumber: <= 1 } && report.Abort.Phase != "verifying", $"taken at {report.Abort}");
        Assert.All(harness.Tenant.Intune.Policies(), p => Assert.Empty(p.AssignedGroups));
        var view = JsonNode.Parse((await harness.HttpAsync("GetRollout", "GET", $"/api/rollouts/{id}", route: new Dictionary<string, string> { ["id"] = id })).Text)!;
        Assert.Equal("aborted", view["phase"]!.GetValue<string>());
        Assert.Equal(report.Abort.Phase, view["report"]!["abort"]!["phase"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(view["report"]!["abort"]!["by"]!.GetValue<string>()));

        var again = await AnswerAsync(harness, id, "abort");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("has finished", again.Text, StringComparison.Ordinal);
    }

    internal static async Task<RolloutStatusView> PhaseAsync(FunctionsHarness harness, string id, string phase)
    {
        var instance = await harness.WaitUntilAsync(id, i => View(i).Phase == phase);
        return View(instance);
    }

    internal static Task<Runtime.TestHttpResponse> AnswerAsync(FunctionsHarness harness, string id, string action)
        => harness.HttpAsync("AnswerRollout", "POST", $"/api/rollouts/{id}/{action}", route: new Dictionary<string, string> { ["id"] = id, ["action"] = action });

    private static RolloutStatusView View(OrchestrationMetadata i)
        => RolloutStatusView.From(i.InstanceId, i.RuntimeStatus.ToString(), i.CreatedAt, i.LastUpdatedAt, i.SerializedCustomStatus, i.SerializedOutput);
}
