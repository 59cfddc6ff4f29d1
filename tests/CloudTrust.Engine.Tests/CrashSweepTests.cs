using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

using CloudTrust.Tests.Shared;

namespace CloudTrust.Engine.Tests;

/// <summary>
/// Kills a real process right after each journal commit of a multi-step workflow (activities, a timer, an event
/// wait that times out; a parent with sub-workflows; a loop that continues as new), restarts it, and checks the
/// instance finishes with every step's side effect exactly once and every child and execution started once.
/// </summary>
public sealed partial class CrashSweepTests
{
    private const int ExpectedOutput = 1 + 4 + 9 + 16 + 25 + 1000;

    /// <remarks>
    /// Two children run at once, so a kill after one's commit can land while the other's activity is in flight: that
    /// activity's answer was not journaled and it runs again on resume (activities are idempotent for this reason). So
    /// here every step must have run, its result journaled exactly once, and each child started once; a step's side
    /// effect may be repeated only by such a re-run.
    /// </remarks>
    [Fact]
    public async Task Killing_a_parent_with_sub_workflows_after_any_commit_starts_no_child_twice_and_journals_no_activity_twice()
    {
        var clean = await RunToEnd(killAfter: null, "children");
        Assert.Equal(1 + 4 + 9 + 16 + 1000, clean.Output);
        Assert.Equal(["step-1", "step-2", "step-3", "step-4"], clean.Effects.Order());
        Assert.Equal("crash-sweep:1,crash-sweep/ring-1:1,crash-sweep/ring-2:1,crash-sweep/ring-4:1", clean.Starts);
        Assert.Equal(4, clean.Completions);

        var failures = new List<string>();
        for (var killAt = 1; killAt <= clean.Commits; killAt++)
        {
            var resumed = await RunToEnd(killAt, "children");
            if (!resumed.Killed || resumed.Output != clean.Output || resumed.Completions != 4 || !resumed.Effects.Distinct().Order().SequenceEqual(clean.Effects.Order()) || resumed.Starts != clean.Starts)
            {
                failures.Add($"commit {killAt}: killed {resumed.Killed}, starts {resumed.Starts}, completions {resumed.Completions}, output {resumed.Output}, effects [{string.Join(", ", resumed.Effects)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        ReliabilityLedger.Record("crash-sweep", "engine: a parent with three sub-workflows, two at once", (int)clean.Commits, duplicates: 0);
    }

    [Fact]
    public async Task Killing_a_loop_that_continues_as_new_after_any_commit_repeats_no_step_and_no_execution()
    {
        var clean = await RunToEnd(killAfter: null, "loop");
        Assert.Equal(1 + 4 + 9 + 16 + 25 + 1000, clean.Output);
        Assert.Equal(["step-1", "step-2", "step-3", "step-4", "step-5"], clean.Effects);
        Assert.StartsWith("crash-sweep:3,", clean.Starts, StringComparison.Ordinal);

        var failures = new List<string>();
        for (var killAt = 1; killAt <= clean.Commits; killAt++)
        {
            var resumed = await RunToEnd(killAt, "loop");
            if (!resumed.Killed || resumed.Output != clean.Output || !resumed.Effects.SequenceEqual(clean.Effects) || resumed.Starts != clean.Starts)
            {
                failures.Add($"commit {killAt}: killed {resumed.Killed}, starts {resumed.Starts}, output {resumed.Output}, effects [{string.Join(", ", resumed.Effects)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        ReliabilityLedger.Record("crash-sweep", "engine: a polling loop that continues as new", (int)clean.Commits, duplicates: 0);
    }

    [Fact]
    public async Task Killing_the_process_after_any_journal_commit_loses_nothing_and_repeats_nothing()
    {
        var clean = await RunToEnd(killAfter: null);
        Assert.Equal(ExpectedOutput, clean.Output);
        Assert.Equal(["step-1", "step-2", "step-3", "step-4", "step-5"], clean.Effects);
        Assert.True(clean.Commits >= 12, $"only {clean.Commits} commits in a clean run");

        var failures = new List<string>();
        for (var killAt = 1; killAt <= clean.Commits; killAt++)
        {
            var resumed = await RunToEnd(killAt);
            if (!resumed.Killed)
            {
                failures.Add($"commit {killAt}: the process was not killed");
            }

            if (resumed.Output != ExpectedOutput || !resumed.Effects.SequenceEqual(clean.Effects))
            {
                failures.Add($"commit {killAt}: output {resumed.Output}, effects [{string.Join(", ", resumed.Effects)}]");
            }
        }

        Assert.Empty(failures);
        ReliabilityLedger.Record("crash-sweep", "engine: activities, a timer, an event wait", (int)clean.Commits, duplicates: 0);
    }

    private static async Task<RunResult> RunToEnd(long? killAfter, string scenario = "steps")
    {
        var dir = Path.Combine(Path.GetTempPath(), "cloudtrust-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "journal.db");
        var effects = Path.Combine(dir, "effects.txt");
        try
        {
            var killed = false;
            if (killAfter is { } n)
            {
                var first = await Host(db, effects, n, scenario);
                killed = first.ExitCode != 0 && !first.Stdout.Contains("status=", StringComparison.Ordinal);
            }

            var run = await Host(db, effects, null, scenario);
            Assert.True(run.ExitCode == 0, $"resume after commit {killAfter} exited {run.ExitCode}: {run.Stdout} {run.Stderr}");
            var match = Summary().Match(run.Stdout);
            Assert.True(match.Success, run.Stdout);
            var lines = File.Exists(effects) ? File.ReadAllLines(effects) : [];
            return new RunResult(
                int.Parse(match.Groups["output"].Value, CultureInfo.InvariantCulture),
                long.Parse(match.Groups["commits"].Value, CultureInfo.InvariantCulture),
                lines,
                killed,
                match.Groups["starts"].Value,
                int.Parse(match.Groups["completions"].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Host(string db, string effects, long? killAfter, string scenario)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory.Replace("CloudTrust.Engine.Tests", "CloudTrust.Engine.CrashHost", StringComparison.Ordinal), "CloudTrust.Engine.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(db);
        start.ArgumentList.Add("--effects");
        start.ArgumentList.Add(effects);
        start.ArgumentList.Add("--scenario");
        start.ArgumentList.Add(scenario);
        if (killAfter is { } n)
        {
            start.ArgumentList.Add("--kill-after-commit");
            start.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"status=Completed output=(?<output>\d+) commits=(?<commits>\d+) starts=(?<starts>\S+) completions=(?<completions>\d+)")]
    private static partial Regex Summary();

    private sealed record RunResult(int Output, long Commits, string[] Effects, bool Killed, string Starts, int Completions);
}
