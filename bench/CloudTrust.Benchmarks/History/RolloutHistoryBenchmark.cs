using System.Globalization;

namespace CloudTrust.Benchmarks.History;

/// <summary>
/// History of a long rollout (issue 14, "History that stays small"): three rings with 14-day verification deadlines,
/// read every 15 minutes, whose devices pass only after 13.5 days; on each host, the most history events one instance
/// holds, every event written, and how long a restarted host takes to replay the largest history — before (each
/// ring's polling inline in the rollout) and after (ring sub-workflows that continue as new). Target: at most 1,500
/// events in any one instance.
/// </summary>
public static class RolloutHistoryBenchmark
{
    /// <summary>The most history events any one instance may hold.</summary>
    public const int Target = 1500;

    /// <summary>Runs the benchmark and prints a markdown table.</summary>
    /// <param name="args">
    /// Optional: <c>--runs N</c> (default 5; the median replay is shown, with the range), <c>--dir PATH</c> for the
    /// journal files, <c>--after-only</c> to skip the "before" run.
    /// </param>
    /// <returns>0, or 1 when the rollout did not complete or an instance's history exceeds the target after.</returns>
    public static Task<int> RunAsync(string[] args)
        => RunAsync(args, [new LocalEngineHistoryHost(Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "cloudtrust-bench")), new DurableHistoryHost()]);

    /// <summary>Runs the benchmark on the given hosts (the Durable host plugs in here).</summary>
    /// <param name="args">As for <see cref="RunAsync(string[])"/>.</param>
    /// <param name="hosts">The hosts to measure.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<IRolloutHistoryHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(hosts);
        Directory.CreateDirectory(Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "cloudtrust-bench"));
        var scenario = RolloutHistoryScenario.Enterprise;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rollout history: {scenario.Rings} rings, {scenario.Deadline.TotalDays:0}-day deadlines, a read every {scenario.PollInterval.TotalMinutes:0} minutes, devices pass at read {scenario.PassAtRead} ({(scenario.PollInterval * scenario.PassAtRead).TotalDays:0.#} days)"));
        Console.WriteLine();
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        Console.WriteLine($"Median of {runs} runs for the times (replay range in brackets); the event counts are the same every run.");
        Console.WriteLine();
        Console.WriteLine("| host | code path | outcome | instances | ring reads | largest history (events) | in | events written | restart + replay of the largest (engine) or per-poll overhead (Durable) (ms) | run (s) |");
        Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        var exit = 0;
        foreach (var host in hosts)
        {
            foreach (var inline in args.Contains("--after-only") || !host.RunsInlineRings ? [false] : new[] { true, false })
            {
                var all = new List<RolloutHistoryFigures>();
                for (var i = 0; i < runs; i++)
                {
                    all.Add(await host.RunAsync(scenario, inline, CancellationToken.None));
                }

                var f = all.OrderBy(x => x.Replay).ElementAt(all.Count / 2);
                var run = all.Select(x => x.Run).Order().ElementAt(all.Count / 2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {f.Host} | {f.CodePath} | {f.Outcome} | {f.Instances} | {f.Polls:N0} | {f.LargestHistory:N0} | {f.LargestInstance} | {(f.EventsWritten < 0 ? "–" : f.EventsWritten.ToString("N0", CultureInfo.InvariantCulture))} | {f.Replay.TotalMilliseconds:0.0} [{all.Min(x => x.Replay).TotalMilliseconds:0.0}–{all.Max(x => x.Replay).TotalMilliseconds:0.0}] | {run.TotalSeconds:0.0} |"));
                if (all.Any(x => x.Outcome != "Completed" || x.LargestHistory != f.LargestHistory) || (!inline && f.LargestHistory > Target))
                {
                    exit = 1;
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(exit == 0 ? $"after: no instance holds more than {Target:N0} history events" : $"FAILED: the rollout did not complete, or an instance holds more than {Target:N0} history events");
        return exit;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
