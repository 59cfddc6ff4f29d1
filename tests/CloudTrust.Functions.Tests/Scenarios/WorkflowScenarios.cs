using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Functions.Tests.Scenarios;

/// <summary>
/// The workflow scenarios both hosts must run alike: a gate that pauses and is resumed, a gate answered by an abort
/// that rolls back, a ring approval, and a key rotation that waits for its approval and converges. Each runs on the
/// local engine and on the Durable runtime from this one code.
/// </summary>
public sealed class WorkflowScenarios
{
    public static TheoryData<string> Hosts() => new() { "engine", "durable" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_approval_a_failed_gate_and_a_resume_take_the_rollout_through_every_ring(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rollout-scenario-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, Request(host, rollbackOnAbort: false), id);

        Assert.Equal("pilot", Status(await host.WaitForStatusAsync(id, Phase("awaitingApproval"))).Ring);
        await host.RaiseAsync(id, RolloutEvents.Approve, null);
        var paused = Status(await host.WaitForStatusAsync(id, Phase("paused")));
        Assert.Equal("early", paused.Ring);
        Assert.Contains(RolloutEvents.Resume, paused.WaitingFor);
        await host.RaiseAsync(id, RolloutEvents.Resume, null);

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal([false, true, false], report.Rings.Select(r => r.ResumedByPerson));
        Assert.Equal(host.Tenant.Rings.Select(r => r.GroupId).Order(), Assert.Single(host.Tenant.Intune.Policies()).AssignedGroups.Order());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_abort_at_a_failed_gate_rolls_back_every_ring_it_added(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rollout-abort-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, Request(host, rollbackOnAbort: true), id);
        await host.WaitForStatusAsync(id, Phase("awaitingApproval"));
        await host.RaiseAsync(id, RolloutEvents.Approve, null);
        await host.WaitForStatusAsync(id, Phase("paused"));

        await host.RaiseAsync(id, RolloutEvents.Abort, null);

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Equal(host.Tenant.Rings.Take(2).Select(r => r.GroupId).Order(), report.RolledBack.Order());
        Assert.Empty(Assert.Single(host.Tenant.Intune.Policies()).AssignedGroups);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_abort_while_a_ring_verifies_stops_it_at_its_next_poll_and_rolls_back_as_at_a_gate(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rollout-abort-verifying-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, Request(host, rollbackOnAbort: true), id);
        await host.WaitForStatusAsync(id, Phase("awaitingApproval"));
        await host.RaiseAsync(id, RolloutEvents.Approve, null);
        // The early ring needs 100 % within its deadline: it is still verifying when the abort comes.
        await host.WaitForStatusAsync(id, json => json is not null && Status(json) is { Phase: "verifying", RingNumber: 2 });
        var ring = RolloutChildInstances.RingVerification(id, 2);
        var verifying = Status(await host.WaitForStatusAsync(ring, Phase("verifying")));
        Assert.Contains(RolloutEvents.Abort, verifying.WaitingFor);

        await host.RaiseAsync(ring, RolloutEvents.Abort, new { by = "scenario-admin" });

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Contains("aborted by scenario-admin while the ring was verifying", report.Rings[^1].Reasons);
        Assert.Equal(host.Tenant.Rings.Take(2).Select(r => r.GroupId).Order(), report.RolledBack.Order());
        Assert.Empty(Assert.Single(host.Tenant.Intune.Policies()).AssignedGroups);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_rotation_waits_for_its_approval_then_rotates_each_domain_once_and_converges(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rotation-scenario-" + kind;
        var policy = RotationPolicyReader.Read(new JsonObject
        {
            ["schedule"] = "0 0 3 * * 0",
            ["maxKeyAgeDays"] = 30,
            ["cloudSignIn"] = "password",
            ["domains"] = new JsonArray([.. SimulatedTenant.Domains.Select(d => (JsonNode)d)]),
            ["requireApproval"] = true,
            // The policy allows at most 3650 minutes of convergence; on the engine's fast clock that is 3.8 wall seconds.
            ["convergenceDeadlineMinutes"] = Math.Min(host.Time(60).TotalMinutes, 3000),
            ["pollIntervalMinutes"] = Math.Min(host.Time(0.5).TotalMinutes, 30),
        }.ToJsonString());
        await host.StartAsync(KeyRotationWorkflow.Name, new RotationRequest(policy, RotationMode.Now, SimulatedTenant.Domains, "scenario"), id);

        await host.WaitForStatusAsync(id, s => s?.Contains("awaiting approval", StringComparison.Ordinal) == true);
        await host.RaiseAsync(id, RotationActivities.ApprovalEvent, new RotationApproval(true, "scenario-admin"));

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RotationReport>(output!, ApiJson.Options)!;
        Assert.Equal(SimulatedTenant.Domains.Order(), report.Attempts.Select(a => a.Domain).Order());
        Assert.All(report.Attempts, a =>
        {
            Assert.Equal(RotationOutcome.Rotated, a.Outcome);
            Assert.True(a.NewKeyVersion > a.OldKeyVersion, $"{a.Domain}: {a.OldKeyVersion} → {a.NewKeyVersion}");
            Assert.Equal(a.NewKeyVersion, a.CloudKeyVersion);
        });
    }

    private static async Task<IScenarioHost> StartAsync(string kind)
        => kind == "engine" ? await EngineScenarioHost.StartAsync() : await DurableScenarioHost.StartAsync();

    private static RolloutRequest Request(IScenarioHost host, bool rollbackOnAbort)
        => new(Support.Plans.ThreeRings(host.Tenant, host.Tenant.Server.Entra.TenantId, host.Time).ToJsonString(), rollbackOnAbort);

    private static Func<string?, bool> Phase(string phase) => json => json is not null && Status(json).Phase == phase;

    private static RolloutStatus Status(string json) => JsonSerializer.Deserialize<RolloutStatus>(json, ApiJson.Options)!;
}
