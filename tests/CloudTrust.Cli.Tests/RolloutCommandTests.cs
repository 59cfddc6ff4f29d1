using System.Text.Json;
using CloudTrust.Cli.Simulated;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// <c>cloudtrust rollout</c> as a real process against the simulated tenant over HTTPS (real Graph SDK,
/// Azure.Identity, Key Vault and relay clients), with the journal in a real SQLite file.
/// </summary>
[RunsLong(68)]
public sealed class RolloutCommandTests
{
    [Fact]
    public async Task Start_runs_every_ring_and_status_json_from_another_process_matches_the_simulators_end_state()
    {
        await using var env = await TestTenant.StartAsync();
        var plan = env.WritePlan("plan.json");

        var start = await env.RunAsync(env.WithSettings("rollout", "start", plan));

        Assert.True(start.ExitCode == 0, start.Stdout + start.Stderr);
        Assert.Contains("ring 3/3 broad", start.Stdout, StringComparison.Ordinal);
        Assert.Contains("completed", start.Stdout, StringComparison.Ordinal);
        var id = await env.OnlyRolloutIdAsync();
        var status = await env.RunAsync("rollout", "status", id!, "--json");
        Assert.Equal(0, status.ExitCode);
        using var json = JsonDocument.Parse(status.Stdout);
        var root = json.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal("Completed", root.GetProperty("status").GetString());
        Assert.Equal("done", root.GetProperty("phase").GetString());
        var report = root.GetProperty("report");
        Assert.Equal("Completed", report.GetProperty("outcome").GetString());
        var policy = Assert.Single(env.Tenant.Intune.Policies());
        Assert.Equal(policy.Id, report.GetProperty("policyId").GetString());
        Assert.Equal(env.Tenant.Rings.Select(r => r.GroupId).Order(), policy.AssignedGroups.Order());
        var rings = report.GetProperty("rings").EnumerateArray().ToList();
        Assert.Equal(["pilot", "early", "broad"], rings.Select(r => r.GetProperty("name").GetString()));
        for (var i = 0; i < rings.Count; i++)
        {
            Assert.Equal(SimulatedTenant.DevicesIn(env.Tenant.Rings[i], 400), rings[i].GetProperty("counts").GetProperty("targeted").GetInt32());
        }

        Assert.All(report.GetProperty("kerberosServers").EnumerateArray(), d => Assert.True(d.GetProperty("healthy").GetBoolean()));
        env.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task A_start_killed_mid_ring_shows_where_it_stopped_and_resume_finishes_with_one_policy_and_each_group_assigned_once()
    {
        await using var env = await TestTenant.StartAsync();
        var plan = env.WritePlanWithRing2Soaking("plan.json");
        using var run = env.Start(env.WithSettings("rollout", "start", plan));

        string? id = null;
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (true)
            {
                Assert.False(run.HasExited, "the rollout ended before it could be killed mid-ring: " + run.Stdout + run.Stderr);
                id ??= await env.OnlyRolloutIdAsync();
                if (id is not null && await env.ReadStatusAsync(id) is { Phase: "verifying", RingNumber: 2 })
                {
                    break;
                }

                await Task.Delay(20, safety.Token);
            }
        }

        run.Kill();
        var killed = await run.WaitAsync(TimeSpan.FromSeconds(5));
        var stopped = await env.RunAsync("rollout", "status", id!);
        Assert.Equal(0, stopped.ExitCode);
        Assert.Contains("ring 2/3 early", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains("verifying", stopped.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("completed", stopped.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await env.ReadStatusAsync(id!))!.RingNumber);

        var resume = await env.RunAsync(env.WithSettings("rollout", "resume", id!));

        Assert.True(resume.ExitCode == 0, resume.Stdout + resume.Stderr);
        Assert.Contains("continuing rollout", resume.Stdout, StringComparison.Ordinal);
        Assert.Contains("completed", resume.Stdout, StringComparison.Ordinal);
        var policy = Assert.Single(env.Tenant.Intune.Policies());
        Assert.Equal(3, policy.AssignedGroups.Count);
        Assert.Equal(env.Tenant.Rings.Select(r => r.GroupId).Order(), policy.AssignedGroups.Order());
        env.AssertNoSecretLeaked(killed);
    }

    [Fact]
    public async Task A_failed_gate_exits_3_with_reasons_then_resume_and_approve_finish_the_rollout()
    {
        SimulatedRing[] rings =
        [
            SimulatedRing.DefaultFleet[0] with { Mix = new FleetMix { NoTpm = 0.3 } },
            SimulatedRing.DefaultFleet[1],
            SimulatedRing.DefaultFleet[2],
        ];
        await using var env = await TestTenant.StartAsync(devices: 300, rings: rings);
        var plan = env.WritePlan("plan.json", approvalAfterRing2: true, firstRingMaxErrorShare: 0.02);

        var start = await env.RunAsync(env.WithSettings("rollout", "start", plan));
        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        Assert.Contains("ring 1/3 'pilot' failed its gate", start.Stdout, StringComparison.Ordinal);
        Assert.Contains("exceeds the maximum 2.0 %", start.Stdout, StringComparison.Ordinal);
        var id = await env.OnlyRolloutIdAsync();
        Assert.Contains($"next: dotnet {CliProcess.BinaryPath} rollout resume {id} --settings {env.Tenant.SettingsPath} --db {env.Db}", start.Stdout, StringComparison.Ordinal);
        Assert.Equal([rings[0].GroupId], Assert.Single(env.Tenant.Intune.Policies()).AssignedGroups);

        var wrongAnswer = await env.RunAsync(env.WithSettings("rollout", "approve", id!));
        Assert.Equal(2, wrongAnswer.ExitCode);
        Assert.Contains("failed its gate", wrongAnswer.Stderr, StringComparison.Ordinal);
        Assert.Equal("paused", (await env.ReadStatusAsync(id!))!.Phase);

        var resume = await env.RunAsync(env.WithSettings("rollout", "resume", id!));
        Assert.True(resume.ExitCode == 3, resume.Stdout + resume.Stderr);
        Assert.Contains("ring 2/3 'early' passed; the next ring waits for approval", resume.Stdout, StringComparison.Ordinal);
        Assert.Contains($"cloudtrust.dll rollout approve {id} --settings", resume.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(env.Tenant.Intune.Policies()).AssignedGroups.Count);

        var approve = await env.RunAsync(env.WithSettings("rollout", "approve", id!));
        Assert.True(approve.ExitCode == 0, approve.Stdout + approve.Stderr);
        Assert.Contains("(resumed by a person)", approve.Stdout, StringComparison.Ordinal);
        Assert.Equal(rings.Select(r => r.GroupId).Order(), Assert.Single(env.Tenant.Intune.Policies()).AssignedGroups.Order());
        env.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task Abort_at_a_gate_rolls_back_the_rollouts_assignments()
    {
        SimulatedRing[] rings = [SimulatedRing.DefaultFleet[0] with { Mix = new FleetMix { OldBuild = 0.3 } }, SimulatedRing.DefaultFleet[1]];
        await using var env = await TestTenant.StartAsync(devices: 200, rings: rings);
        var plan = env.WritePlan("plan.json", firstRingMaxErrorShare: 0.02);
        var start = await env.RunAsync(env.WithSettings("rollout", "start", plan));
        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        var id = await env.OnlyRolloutIdAsync();

        var abort = await env.RunAsync(env.WithSettings("rollout", "abort", id!));

        Assert.True(abort.ExitCode == 0, abort.Stdout + abort.Stderr);
        Assert.Contains("aborted", abort.Stdout, StringComparison.Ordinal);
        Assert.Contains("rolled back 1 group assignment(s)", abort.Stdout, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(env.Tenant.Intune.Policies()).AssignedGroups);
        using (var aborted = JsonDocument.Parse((await env.RunAsync("rollout", "status", id!, "--json")).Stdout))
        {
            Assert.Equal("Aborted", aborted.RootElement.GetProperty("status").GetString());
            Assert.Equal("aborted", aborted.RootElement.GetProperty("phase").GetString());
        }

        var again = await env.RunAsync(env.WithSettings("rollout", "abort", id!));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("has finished (aborted)", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_while_a_ring_verifies_stops_it_at_its_next_poll_and_rolls_back()
    {
        await using var env = await TestTenant.StartAsync(devices: 300);
        // Ten days' soak (30 s of wall time here): the ring still verifies when the abort's process has started, however loaded the machine.
        var plan = env.WritePlan("plan.json", p =>
        {
            p["rings"]![0]!["soak"] = "10.00:00:00";
            p["rings"]![0]!["verificationDeadline"] = "12.00:00:00";
        });
        using var run = env.Start(env.WithSettings("rollout", "start", plan));
        string? id = null;
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (id is null || await env.ReadStatusAsync(id) is not { Phase: "verifying", RingNumber: 1 })
            {
                Assert.False(run.HasExited, run.Stdout + run.Stderr);
                id ??= await env.OnlyRolloutIdAsync();
                await Task.Delay(20, safety.Token);
            }
        }

        var abort = await env.RunAsync(env.WithSettings("rollout", "abort", id!, "--json"));
        var driver = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(abort.ExitCode == 0, abort.Stdout + abort.Stderr);
        Assert.Contains("it stops at its next safe point and rolls back", abort.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(abort.Stdout);
        Assert.True(json.RootElement.GetProperty("status").GetString() == "Aborted", abort.Stdout + abort.Stderr + driver.Stdout + driver.Stderr);
        Assert.Equal("aborted", json.RootElement.GetProperty("phase").GetString());
        Assert.True(abort.Stdout.Contains("while the ring was verifying", StringComparison.Ordinal), abort.Stdout + abort.Stderr);
        Assert.Empty(Assert.Single(env.Tenant.Intune.Policies()).AssignedGroups);
        Assert.Equal(1, driver.ExitCode);
        Assert.Contains("aborted", driver.Stdout, StringComparison.Ordinal);
    }
}
