using System.Diagnostics;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;
using CloudTrust.Engine;
using CloudTrust.Simulator.Graph;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// The crash sweep for the real workflows: the rollout (here) and the key rotation (<see cref="RotationCrashSweepTests"/>,
/// a class of its own so the two sweeps run side by side) run in a separate process
/// (CloudTrust.Workflows.CrashHost, the CLI's own hosts) that is killed — SIGKILL, no clean-up — right after a journal
/// commit, restarted, killed after the next commit, and so on, until the instance finishes. The simulated tenant's end
/// state must equal an undisturbed run's: one policy, the same assignments, each key rotated exactly once.
/// </summary>
[RunsLong(180)]
public sealed class WorkflowCrashSweepTests
{
    private const int MaxLaunches = 400;

    internal static readonly IReadOnlyList<SimulatedRing> TwoRings =
    [
        new("pilot", new Guid("c5a00000-0000-4000-8000-000000000001"), 0.5, FleetMix.Healthy),
        new("broad", new Guid("c5a00000-0000-4000-8000-000000000002"), 0.5, FleetMix.Healthy),
    ];

    [Fact]
    public async Task A_rollout_killed_after_every_journal_commit_ends_like_an_undisturbed_one()
    {
        // The undisturbed reference runs beside the sweep (separate tenants), off the sweep's long critical path.
        await using var reference = await TestTenant.StartAsync(devices: 40, rings: TwoRings);
        await using var test = await TestTenant.StartAsync(devices: 40, rings: TwoRings);
        var referenceRun = HostAsync(reference, "rollout", "reference", killAfter: null);
        var sweep = await SweepAsync(test, "rollout", "swept");
        var clean = await referenceRun;
        Assert.True(clean.ExitCode == 0, clean.Output);

        var expected = Assert.Single(reference.Tenant.Intune.Policies());
        var actual = Assert.Single(test.Tenant.Intune.Policies());
        Assert.Equal(expected.AssignedGroups.Order(), actual.AssignedGroups.Order());
        Assert.Equal(expected.Choices.OrderBy(c => c.Key), actual.Choices.OrderBy(c => c.Key));
        Assert.Single(test.Tenant.Server.Requests.Entries, e => e.Method == "POST" && e.Path == "/beta/deviceManagement/configurationPolicies" && e.Status < 300);
        var report = await ReadOutputAsync<RolloutReport>(test, "swept");
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(["pilot", "broad"], report.Rings.Select(r => r.Name));
        Assert.True(sweep.Kills >= 20, $"only {sweep.Kills} kills");
        ReliabilityLedger.Record("crash-sweep", "rollout workflow (2 rings, preflight through the relay)", sweep.Kills, duplicates: test.Tenant.Intune.Policies().Count - 1);
    }

    /// <summary>
    /// Launches the host again and again until one finishes, each killed right after the first commit that adds a step
    /// to the instance's history. A launch's first commit claims the instance from the dead process and some commits
    /// only update its status, so a launch that added nothing is repeated with its kill point one commit later.
    /// </summary>
    internal static async Task<(int Kills, string Last)> SweepAsync(TestTenant test, string mode, string id)
    {
        var kills = 0;
        const long FirstKill = 2;
        var killAfter = FirstKill;
        var steps = 0;
        for (var launch = 0; launch < MaxLaunches; launch++)
        {
            var run = await HostAsync(test, mode, id, killAfter);
            if (run.Output.Contains("status=", StringComparison.Ordinal))
            {
                Assert.True(run.ExitCode == 0, run.Output);
                return (kills, run.Output);
            }

            kills++;
            var now = await HistoryLengthAsync(test, id);
            killAfter = now == steps ? killAfter + 1 : FirstKill;
            Assert.True(killAfter < 12, $"launches after step {steps} make no progress: {run.Output}");
            steps = now;
        }

        throw new Xunit.Sdk.XunitException($"the {mode} did not finish in {MaxLaunches} launches");
    }

    private static async Task<int> HistoryLengthAsync(TestTenant test, string id)
    {
        if (!File.Exists(test.Db))
        {
            return 0;
        }

        // The rollout's rings poll in their own child instances: their journals (every execution) count too.
        await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = test.Db, RunInstances = false });
        return new[] { id }.Concat(RolloutChildInstances.All(id, TwoRings.Count))
            .Sum(i => engine.GetExecutions(i).Sum(e => e.Count));
    }

    private static async Task<(int ExitCode, string Output)> HostAsync(TestTenant test, string mode, string id, long? killAfter)
    {
        var host = CliProcess.BinaryPath.Replace(Path.Combine("src", "CloudTrust.Cli"), Path.Combine("tests", "CloudTrust.Workflows.CrashHost"), StringComparison.Ordinal)
            .Replace("cloudtrust.dll", "CloudTrust.Workflows.CrashHost.dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { host, "--mode", mode, "--db", test.Db, "--settings", test.Tenant.SettingsPath, "--id", id, "--plan", test.WritePlan("plan.json"), "--domains", string.Join(',', SimulatedTenant.Domains) })
        {
            start.ArgumentList.Add(arg);
        }

        if (killAfter is { } n)
        {
            start.ArgumentList.Add("--kill-after-commit");
            start.ArgumentList.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in test.Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    internal static async Task<T> ReadOutputAsync<T>(TestTenant test, string id)
    {
        await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = test.Db, RunInstances = false });
        var instance = engine.GetInstance(id)!;
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        return instance.ReadOutputAs<T>()!;
    }
}
