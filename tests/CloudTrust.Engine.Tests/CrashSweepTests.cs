using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

using CloudTrust.Tests.Shared;

namespace CloudTrust.Engine.Tests;

/// <summary>
/// Kills a real process right after each journal commit of a multi-step workflow (activities, a timer, an event
/// wait that times out), restarts it, and checks the instance finishes with every step's side effect exactly once.
/// </summary>
public sealed partial class CrashSweepTests
{
    private const int ExpectedOutput = 1 + 4 + 9 + 16 + 25 + 1000;

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

    private static async Task<RunResult> RunToEnd(long? killAfter)
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
                var first = await Host(db, effects, n);
                killed = first.ExitCode != 0 && !first.Stdout.Contains("status=", StringComparison.Ordinal);
            }

            var run = await Host(db, effects, null);
            Assert.True(run.ExitCode == 0, $"resume after commit {killAfter} exited {run.ExitCode}: {run.Stdout} {run.Stderr}");
            var match = Summary().Match(run.Stdout);
            Assert.True(match.Success, run.Stdout);
            var lines = File.Exists(effects) ? File.ReadAllLines(effects) : [];
            return new RunResult(
                int.Parse(match.Groups["output"].Value, CultureInfo.InvariantCulture),
                long.Parse(match.Groups["commits"].Value, CultureInfo.InvariantCulture),
                lines,
                killed);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Host(string db, string effects, long? killAfter)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory.Replace("CloudTrust.Engine.Tests", "CloudTrust.Engine.CrashHost", StringComparison.Ordinal), "CloudTrust.Engine.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(db);
        start.ArgumentList.Add("--effects");
        start.ArgumentList.Add(effects);
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

    [GeneratedRegex(@"status=Completed output=(?<output>\d+) commits=(?<commits>\d+)")]
    private static partial Regex Summary();

    private sealed record RunResult(int Output, long Commits, string[] Effects, bool Killed);
}
