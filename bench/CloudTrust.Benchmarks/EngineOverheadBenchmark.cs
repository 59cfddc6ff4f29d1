using System.Diagnostics;
using System.Globalization;
using CloudTrust.Core.Workflows;
using CloudTrust.Engine;

namespace CloudTrust.Benchmarks;

/// <summary>
/// The local engine's overhead per journaled activity call and per replayed step, for workflows of 10, 100 and
/// 1,000 steps, with the journal on disk. Activities do nothing, so all measured time is the engine's.
/// </summary>
public static class EngineOverheadBenchmark
{
    private static readonly int[] Sizes = [10, 100, 1000];

    /// <summary>Runs the benchmark and prints a markdown table.</summary>
    /// <param name="args">Optional: <c>--runs N</c> (default 5), <c>--dir PATH</c> for the journal files.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "cloudtrust-bench");
        Directory.CreateDirectory(dir);

        Console.WriteLine($"Engine overhead, journal on disk in {dir}, median of {runs} runs");
        Console.WriteLine();
        Console.WriteLine("| steps | live run (ms) | per journaled step (ms) | resume with replay (ms) | per replayed step (µs) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        await MeasureAsync(10, dir); // warm-up: JIT and SQLite
        foreach (var steps in Sizes)
        {
            var live = new List<double>();
            var replay = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (l, rp) = await MeasureAsync(steps, dir);
                live.Add(l);
                replay.Add(rp);
            }

            var liveMs = Median(live);
            var replayMs = Median(replay);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {steps} | {liveMs:0.0} | {liveMs / steps:0.000} | {replayMs:0.0} | {replayMs * 1000 / steps:0.0} |"));
        }

        return 0;
    }

    private static async Task<(double LiveMs, double ReplayMs)> MeasureAsync(int steps, string dir)
    {
        var db = Path.Combine(dir, $"bench-{Guid.NewGuid():N}.db");
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Noop", (n, _) => Task.FromResult(n))
            .AddWorkflow<int, int>("Steps", async (ctx, count) =>
            {
                var sum = 0;
                for (var i = 0; i < count; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Noop", i);
                }

                await ctx.WaitForExternalEvent<string>("finish", Timeout.InfiniteTimeSpan);
                return sum;
            });
        var options = new WorkflowEngineOptions { DatabasePath = db, PollInterval = TimeSpan.FromMilliseconds(1) };
        try
        {
            var stopwatch = Stopwatch.StartNew();
            await using (var engine = new WorkflowEngine(registry, options))
            {
                var id = await engine.StartAsync("Steps", steps, "bench");
                await engine.WaitUntilAsync(id, i => i.Status == WorkflowStatus.Waiting);
            }

            var live = stopwatch.Elapsed.TotalMilliseconds;

            await using var resumed = new WorkflowEngine(registry, options);
            await resumed.RaiseEventAsync("bench", "finish", "now");
            stopwatch.Restart();
            resumed.Recover();
            await resumed.WaitForCompletionAsync("bench");
            return (live, stopwatch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(db + suffix);
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
