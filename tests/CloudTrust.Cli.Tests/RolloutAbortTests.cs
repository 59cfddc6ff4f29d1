using System.Text.Json;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Precedence;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// <c>cloudtrust rollout abort</c> outside a gate, as real processes: the rollout driven by <c>rollout start</c> in one
/// process, the abort given from another, both on one SQLite journal, against the simulated tenant.
/// </summary>
public sealed class RolloutAbortTests
{
    [Fact]
    public async Task Abort_during_a_key_trust_rings_sign_in_tracking_after_its_gate_rolls_back_and_says_who_and_where()
    {
        // Half the pilot is off the corporate network: those devices never get an on-premises TGT, so the sign-in
        // tracking reads on to the ring's deadline instead of ending when every device works.
        SimulatedRing[] rings = [SimulatedRing.DefaultFleet[0] with { Mix = new FleetMix { OffNetwork = 0.5 } }, .. SimulatedRing.DefaultFleet.Skip(1)];
        await using var env = await TestTenant.StartAsync(devices: 120, rings: rings);
        var pilot = env.Tenant.Rings[0].GroupId;
        env.Tenant.Intune.AddHelloPolicy("WHfB key trust", HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = true }, [pilot]);
        env.Tenant.Intune.RegisterHello(pilot, 1_000);
        // A month to track the sign-in (90 s of wall time here): the abort comes while it is tracked.
        var plan = env.WritePlan("migrate.json", p =>
        {
            p["rings"]![0]!["migrateFrom"] = "keyTrust";
            p["rings"]![0]!["verificationDeadline"] = "30.00:00:00";
        });
        using var run = env.Start(env.WithSettings("rollout", "start", plan));
        var id = await WaitForPhaseAsync(env, run, "signInTracking");

        var abort = await env.RunAsync(env.WithSettings("rollout", "abort", id, "--json"));
        var driver = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(abort.ExitCode == 0, abort.Stdout + abort.Stderr);
        Assert.True(abort.Stderr.Contains($"abort: rollout {id}, ring 1/3 'pilot' (signInTracking); it stops at its next safe point and rolls back", StringComparison.Ordinal), abort.Stderr);
        using (var json = JsonDocument.Parse(abort.Stdout))
        {
            var root = json.RootElement;
            Assert.Equal("Aborted", root.GetProperty("status").GetString());
            Assert.Equal("aborted", root.GetProperty("phase").GetString());
            var taken = root.GetProperty("abort");
            Assert.Equal(Environment.UserName, taken.GetProperty("by").GetString());
            Assert.Equal("signInTracking", taken.GetProperty("phase").GetString());
            Assert.Equal(1, taken.GetProperty("ringNumber").GetInt32());
            Assert.Equal(taken.GetProperty("phase").GetString(), root.GetProperty("report").GetProperty("abort").GetProperty("phase").GetString());
            Assert.Equal([pilot.ToString()], root.GetProperty("report").GetProperty("rolledBack").EnumerateArray().Select(g => g.GetString()));
        }

        Assert.Empty(env.Tenant.Intune.Policies().Single(p => p.Name == "CloudTrust WHfB cloud Kerberos trust").AssignedGroups);
        Assert.Equal(1, driver.ExitCode);
        Assert.Contains($"aborted by {Environment.UserName} during signInTracking of ring 1 'pilot'", driver.Stdout, StringComparison.Ordinal);

        var status = await env.RunAsync("rollout", "status", id);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"  - aborted by {Environment.UserName} during signInTracking of ring 1 'pilot'", status.Stdout, StringComparison.Ordinal);
        var html = Path.Combine(env.Directory, "aborted.html");
        var report = await env.RunAsync("report", id, "--out", html);
        Assert.True(report.ExitCode == 0, report.Stdout + report.Stderr);
        Assert.Contains($"<b id=\"rollout-abort\">aborted by {System.Net.WebUtility.HtmlEncode(Environment.UserName)} during signInTracking of ring 1 &#39;pilot&#39;</b>", File.ReadAllText(html), StringComparison.Ordinal);
        var again = await env.RunAsync(env.WithSettings("rollout", "abort", id));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("has finished (aborted); nothing to abort", again.Stderr, StringComparison.Ordinal);
        env.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task Abort_before_the_first_ring_verifies_is_taken_at_the_next_safe_point_with_nothing_left_assigned()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        var plan = env.WritePlan("plan.json");

        // The directory answers nothing until the abort has been raised, so the preflight is certainly still running when
        // it arrives, however long the abort's own process takes to start on a loaded machine.
        using var held = env.Tenant.ActiveDirectory.Hold();
        using var run = env.Start(env.WithSettings("rollout", "start", plan));
        string? id = null;
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while ((id ??= await env.OnlyRolloutIdAsync()) is null || env.Tenant.ActiveDirectory.OperationsHeld == 0)
            {
                Assert.False(run.HasExited, run.Stdout + run.Stderr);
                await Task.Delay(10, safety.Token);
            }
        }

        using var abortRun = env.Start(env.WithSettings("rollout", "abort", id!, "--json"));
        using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!abortRun.Stderr.Contains($"abort: rollout {id}, before its first ring", StringComparison.Ordinal))
            {
                Assert.False(abortRun.HasExited, abortRun.Stdout + abortRun.Stderr);
                await Task.Delay(10, safety.Token);
            }
        }

        held.Dispose();
        var abort = await abortRun.WaitAsync(TimeSpan.FromSeconds(60));
        var driver = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(abort.ExitCode == 0, abort.Stdout + abort.Stderr);
        using var json = JsonDocument.Parse(abort.Stdout);
        var root = json.RootElement;
        Assert.Equal("Aborted", root.GetProperty("status").GetString());
        var taken = root.GetProperty("abort");
        Assert.True(taken.GetProperty("ringNumber").GetInt32() == 0, taken.ToString());
        Assert.Empty(env.Tenant.Intune.Policies());
        Assert.Equal(1, driver.ExitCode);
    }

    private static async Task<string> WaitForPhaseAsync(TestTenant env, CliRun run, string phase)
    {
        string? id = null;
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (id is null || await env.ReadStatusAsync(id) is not { } status || status.Phase != phase)
        {
            Assert.False(run.HasExited, $"the rollout ended before it reached {phase}: " + run.Stdout + run.Stderr);
            id ??= await env.OnlyRolloutIdAsync();
            await Task.Delay(20, safety.Token);
        }

        return id;
    }
}
