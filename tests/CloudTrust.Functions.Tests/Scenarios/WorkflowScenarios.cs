using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Functions.Tests.Scenarios;

/// <summary>
/// The workflow scenarios both hosts must run alike: a gate that pauses and is resumed, a gate answered by an abort
/// that rolls back, aborts in the other phases (before the first ring verifies, while a ring verifies, as a ring
/// finishes verifying, during a key-trust ring's sign-in tracking), a ring approval, and a key rotation that waits
/// for its approval and converges. Each runs on the local engine and on the Durable runtime from this one code.
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
    public async Task An_abort_raised_on_the_rollout_before_its_first_ring_verifies_is_taken_at_the_next_safe_point_and_nothing_stays_assigned(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rollout-abort-early-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, Request(host, rollbackOnAbort: true), id);

        // Raised at once: on Durable the instance may not even have run yet (events wait for it), on the engine it is in preflight.
        await host.RaiseAsync(id, RolloutEvents.Abort, new { by = "early-admin" });

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        var abort = Assert.IsType<RolloutAbort>(report.Abort);
        Assert.Equal("early-admin", abort.By);
        Assert.True(abort.RingNumber <= 1 && abort.Phase != "verifying", $"taken at {abort.Phase} of ring {abort.RingNumber}");
        Assert.All(host.Tenant.Intune.Policies(), p => Assert.Empty(p.AssignedGroups));
        var aborted = Status(await host.WaitForStatusAsync(id, Phase("aborted")));
        Assert.Equal(abort.Describe(), aborted.Reasons[0]);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_abort_raised_on_the_rollout_while_a_ring_verifies_is_passed_on_to_the_ring_which_stops_at_its_next_poll(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rollout-abort-passed-on-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, Request(host, rollbackOnAbort: true), id);
        await host.WaitForStatusAsync(id, Phase("awaitingApproval"));
        await host.RaiseAsync(id, RolloutEvents.Approve, null);
        // The early ring needs 100 % within its deadline: it is still verifying when the abort comes.
        await host.WaitForStatusAsync(id, json => json is not null && Status(json) is { Phase: "verifying", RingNumber: 2 });
        await host.WaitForStatusAsync(RolloutChildInstances.RingVerification(id, 2), Phase("verifying"));

        await host.RaiseAsync(id, RolloutEvents.Abort, new { by = "scenario-admin" });

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Equal(new RolloutAbort("scenario-admin", "verifying", "early", 2), report.Abort);
        Assert.Contains("aborted by scenario-admin while the ring was verifying", report.Rings[^1].Reasons);
        var (ringStatus, ringOutput) = await host.CompletionAsync(RolloutChildInstances.RingVerification(id, 2));
        Assert.Equal("Completed", ringStatus);
        Assert.True(JsonSerializer.Deserialize<RingVerificationResult>(ringOutput!, ApiJson.Options)!.Aborted);
        Assert.Equal(host.Tenant.Rings.Take(2).Select(r => r.GroupId).Order(), report.RolledBack.Order());
        Assert.Empty(Assert.Single(host.Tenant.Intune.Policies()).AssignedGroups);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_abort_that_reaches_the_rollout_after_its_ring_finished_verifying_but_before_it_moved_on_is_not_lost(string kind)
    {
        await using var host = await StartAsync(kind);
        var id = "rollout-abort-race-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, Request(host, rollbackOnAbort: true), id);
        await host.WaitForStatusAsync(id, Phase("awaitingApproval"));
        await host.RaiseAsync(id, RolloutEvents.Approve, null);
        await host.WaitForStatusAsync(id, json => json is not null && Status(json) is { Phase: "verifying", RingNumber: 2 });

        // The race made deterministic: the rollout is held (an operator's suspend) while its ring finishes verifying on
        // its own, then the abort is raised and the rollout let go, so it sees the ring's result before the abort.
        await host.SuspendAsync(id);
        var ring = RolloutChildInstances.RingVerification(id, 2);
        var (ringStatus, ringOutput) = await host.CompletionAsync(ring);
        Assert.Equal("Completed", ringStatus);
        Assert.False(JsonSerializer.Deserialize<RingVerificationResult>(ringOutput!, ApiJson.Options)!.Aborted);
        await host.RaiseAsync(id, RolloutEvents.Abort, new { by = "race-admin" });
        await host.ResumeAsync(id);

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        var abort = Assert.IsType<RolloutAbort>(report.Abort);
        Assert.Equal("race-admin", abort.By);
        Assert.Equal(2, abort.RingNumber);
        Assert.DoesNotContain(report.Rings[^1].Reasons, r => r.Contains("while the ring was verifying", StringComparison.Ordinal));
        Assert.Equal(host.Tenant.Rings.Take(2).Select(r => r.GroupId).Order(), report.RolledBack.Order());
        Assert.Empty(Assert.Single(host.Tenant.Intune.Policies()).AssignedGroups);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_abort_during_a_key_trust_rings_sign_in_tracking_stops_the_tracking_and_rolls_back_as_at_a_gate(string kind)
    {
        await using var host = await StartAsync(kind);
        var pilot = host.Tenant.Rings[0].GroupId;
        host.Tenant.Intune.AddHelloPolicy("WHfB key trust", Core.Precedence.HelloScope.Device, new Dictionary<Core.Precedence.HelloSetting, bool> { [Core.Precedence.HelloSetting.UsePassportForWork] = true }, [pilot]);
        host.Tenant.Intune.RegisterHello(pilot, 1_000);
        var plan = Support.Plans.ThreeRings(host.Tenant, host.Tenant.Server.Entra.TenantId, host.Time);
        plan["rings"]![0]!["migrateFrom"] = "keyTrust";
        var id = "rollout-abort-sign-in-" + kind;
        await host.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan.ToJsonString(), RollbackOnAbort: true), id);
        await host.WaitForStatusAsync(id, Phase("awaitingApproval"));
        await host.RaiseAsync(id, RolloutEvents.Approve, null);
        await host.WaitForStatusAsync(id, Phase("signInTracking"));

        await host.RaiseAsync(id, RolloutEvents.Abort, new { by = "sign-in-admin" });

        var (status, output) = await host.CompletionAsync(id);
        Assert.Equal("Completed", status);
        var report = JsonSerializer.Deserialize<RolloutReport>(output!, ApiJson.Options)!;
        Assert.Equal(RolloutOutcome.Aborted, report.Outcome);
        Assert.Equal(new RolloutAbort("sign-in-admin", "signInTracking", "pilot", 1), report.Abort);
        Assert.Equal(["pilot"], report.Rings.Select(r => r.Name));
        Assert.Equal([pilot], report.RolledBack);
        Assert.Empty(host.Tenant.Intune.Policies().Single(p => p.Name == "CloudTrust WHfB cloud Kerberos trust").AssignedGroups);
        // The tracking stopped for the abort (it would otherwise read on to the ring's 30-second deadline).
        var (trackingStatus, _) = await host.CompletionAsync(RolloutChildInstances.SignIn(id, 1));
        Assert.Equal("Completed", trackingStatus);
        var aborted = Status(await host.WaitForStatusAsync(id, Phase("aborted")));
        Assert.Equal("aborted by sign-in-admin during signInTracking of ring 1 'pilot'", aborted.Reasons[0]);
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
