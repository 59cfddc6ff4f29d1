using System.Diagnostics;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM sent to a live <c>cloudtrust</c> process: it stops within 2 seconds, exit 3, prints the
/// "stopped; … resume continues it" hint, the journal reads where it stopped, and the printed resume finishes the run.
/// </summary>
public sealed class StopSignalTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_rollout_stops_within_two_seconds_of_a_signal_and_the_printed_resume_finishes_it(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var env = await TestTenant.StartAsync(devices: 300);
        var plan = env.WritePlanWithRing2Soaking("plan.json");
        using var run = env.Start(env.WithSettings("rollout", "start", plan));
        var id = await WaitForAsync(env, run, "verifying", 2);

        var stopped = await run.SignalAndAssertStoppedAsync(signal, $"rollout {id}");
        CommandLineContractTests.AssertProgressReadsWell(stopped.Stdout);

        var status = await PrintedCommand.RunAsync(PrintedCommand.Find(stopped.Stderr, "rollout status"), env.Environment);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("ring 2/3 early", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("completed", status.Stdout, StringComparison.Ordinal);

        var resume = await PrintedCommand.RunAsync(PrintedCommand.Find(stopped.Stderr, "rollout resume"), env.Environment);

        Assert.True(resume.ExitCode == 0, resume.Stdout + resume.Stderr);
        Assert.Contains($"rollout {id} completed", resume.Stdout, StringComparison.Ordinal);
        var policy = Assert.Single(env.Tenant.Intune.Policies());
        Assert.Equal(env.Tenant.Rings.Select(r => r.GroupId).Order(), policy.AssignedGroups.Order());
        env.AssertNoSecretLeaked(stopped, status, resume);
    }

    [Fact]
    public async Task The_demo_stops_within_two_seconds_of_Ctrl_C_mid_rollout_and_its_printed_status_reads_the_journal()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Directory.CreateTempSubdirectory("cloudtrust-demo-stop-").FullName;
        try
        {
            using var demo = CliRun.Start(["demo", "--dir", directory, "--devices", "300"]);
            using (var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while (!demo.Stdout.Contains("ring 1/3 pilot", StringComparison.Ordinal))
                {
                    Assert.False(demo.HasExited, demo.Stdout + demo.Stderr);
                    await Task.Delay(20, safety.Token);
                }
            }

            var watch = Stopwatch.StartNew();
            demo.Signal("INT");
            var stopped = await demo.WaitAsync(TimeSpan.FromSeconds(20));
            watch.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {watch.Elapsed}");
            Assert.True(stopped.ExitCode == 3, stopped.Stdout + stopped.Stderr);
            Assert.Contains("error: stopped; the demo's journal is kept in", stopped.Stderr, StringComparison.Ordinal);
            var status = await PrintedCommand.RunAsync(PrintedCommand.Find(stopped.Stderr, "rollout status"));
            Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
            Assert.Contains("demo-rollout-", status.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<string> WaitForAsync(TestTenant env, CliRun run, string phase, int ring)
        => WaitForAsync(env, () => run.HasExited ? run.Stdout + run.Stderr : null, phase, ring);

    /// <summary>Waits until the tenant's only rollout shows <paramref name="phase"/> on ring <paramref name="ring"/>; fails when <paramref name="ended"/> says the process ended (with its output).</summary>
    internal static async Task<string> WaitForAsync(TestTenant env, Func<string?> ended, string phase, int ring)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? id = null;
        while (true)
        {
            Assert.True(ended() is null, "the rollout ended before it could be stopped mid-ring: " + ended());
            id ??= await env.OnlyRolloutIdAsync();
            if (id is not null && await env.ReadStatusAsync(id) is { } status && status.Phase == phase && status.RingNumber == ring)
            {
                return id;
            }

            await Task.Delay(20, safety.Token);
        }
    }
}
