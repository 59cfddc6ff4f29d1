using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Preview;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Cli.Tests.Precedence;

/// <summary>Runs a scenario's plan both ways: <c>cloudtrust plan</c> as a process, and the rollout in-process on the journal.</summary>
internal static class ScenarioRun
{
    /// <summary>The lines of one ring's section of <c>cloudtrust plan</c>'s output: from <c>Ring 'name':</c> to the blank line.</summary>
    public static IReadOnlyList<string> RingSection(string stdout, string ring)
    {
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"Ring '{ring}': ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no section for ring '{ring}' in:\n{stdout}");
        return [.. lines.Skip(start).TakeWhile(l => l.Length > 0)];
    }

    /// <summary>The same section rendered from a rollout report's analysis.</summary>
    public static IReadOnlyList<string> RingSection(RolloutReport report, string ring)
        => RingAnalysisText.Render(Assert.Single(report.Analyses!, a => a.Precedence.Ring == ring));

    /// <summary>Starts a rollout in-process and answers each wait with <paramref name="answer"/> until it finishes.</summary>
    public static async Task<(WorkflowInstance Run, List<string> Waits)> RolloutAsync(TestTenant env, string planPath, string id, Func<RolloutHost, RolloutStatus, Task> answer)
    {
        await using var host = RolloutHost.Open(env.Db, env.Tenant.ReadSettings(), NullLoggerFactory.Instance, env.Tenant.CreateCredential());
        await host.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(await File.ReadAllTextAsync(planPath)), id);
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var waits = new List<string>();
        while (true)
        {
            // A person is needed when the rollout waits for more than an abort (which a verifying ring also takes).
            var run = await host.Engine.WaitUntilAsync(id, i => i.Status.IsFinal() || i.ReadCustomStatusAs<RolloutStatus>()?.WaitingFor.Any(e => e != RolloutEvents.Abort) == true, safety.Token);
            if (run.Status.IsFinal())
            {
                return (run, waits);
            }

            var status = run.ReadCustomStatusAs<RolloutStatus>()!;
            waits.Add($"{status.Phase} {status.Ring}");
            await answer(host, status);
            await host.Engine.WaitUntilAsync(id, i => i.Status.IsFinal() || i.ReadCustomStatusAs<RolloutStatus>() is { } s && (s.Phase != status.Phase || s.Ring != status.Ring || s.Reasons.Count != status.Reasons.Count), safety.Token);
        }
    }

    /// <summary>Answers a failed gate with resume and an approval with approve; any other wait fails the test.</summary>
    public static Task GoOnAsync(RolloutHost host, RolloutStatus status, string id) => status.Phase switch
    {
        "paused" => host.Engine.RaiseEventAsync(id, RolloutEvents.Resume),
        "awaitingApproval" => host.Engine.RaiseEventAsync(id, RolloutEvents.Approve),
        _ => throw new InvalidOperationException($"unexpected wait: {status.Phase} at {status.Ring}"),
    };
}
