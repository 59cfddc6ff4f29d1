using System.Globalization;
using CloudTrust.Cli.Output;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// Drives a rollout in the foreground: shows its progress as it changes, the reading that decided each ring's gate,
/// and stops when it finishes (exit 0/1) or pauses at a gate or for approval (exit 3, with the reasons and the next
/// command). Under <c>--json</c> progress goes to standard error and standard output gets the final view only.
/// </summary>
internal static class RolloutFollower
{
    /// <summary>A gate the command has just answered: its pause does not count until the rollout moves past it.</summary>
    public sealed record AnsweredGate(string Phase, int RingNumber);

    /// <summary>Follows the rollout until it finishes or needs a person.</summary>
    /// <param name="host">The engine and tenant.</param>
    /// <param name="id">The rollout.</param>
    /// <param name="terminal">Where to write.</param>
    /// <param name="next">Formats a next command with the options the user gave.</param>
    /// <param name="answered">A gate just answered, whose pause does not count.</param>
    /// <param name="abortAsked">Whether an abort was asked (an aborted outcome is then success).</param>
    /// <param name="viewAsJson">Whether the final view is the command's JSON document under <c>--json</c> (not for the demo, whose document is its own).</param>
    /// <param name="cancellationToken">Ctrl+C or SIGTERM.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> FollowAsync(RolloutHost host, string id, Terminal terminal, Func<string[], string> next, AnsweredGate? answered, bool abortAsked, bool viewAsJson, CancellationToken cancellationToken)
    {
        var decided = new HashSet<int>();
        while (true)
        {
            var run = host.Engine.GetInstance(id)!;
            var view = RolloutView.Read(host.Engine, run, next);
            if (answered is not null && (view.Phase != answered.Phase || view.RingNumber != answered.RingNumber || run.Status.IsFinal()))
            {
                answered = null;
            }

            ShowGateReadings(host.Engine, id, view.RingCount, decided, terminal);
            if (answered is null)
            {
                // A terminal redraws the line as the wait counts down; a log gets a line per change, with the next check's time.
                terminal.Progress(view.Summary(terminal.IsLive ? host.Clock : null));
            }

            if (run.Status.IsFinal())
            {
                return Finish(run, view, terminal, abortAsked, viewAsJson);
            }

            // After an abort a gate reached before the rollout took it is no pause: the abort is taken there.
            if (answered is null && !abortAsked && view.Phase is "paused" or "awaitingApproval" or "awaitingDeletionApproval")
            {
                Paused(view, terminal, viewAsJson);
                return ExitCodes.NeedsAttention;
            }

            await Task.Delay(150, cancellationToken);
        }
    }

    /// <summary>Prints, once per ring, the reading its finished verification decided the gate on.</summary>
    private static void ShowGateReadings(WorkflowEngine engine, string id, int ringCount, HashSet<int> decided, Terminal terminal)
    {
        for (var n = 1; n <= ringCount; n++)
        {
            if (decided.Contains(n) || engine.GetInstance(RolloutChildInstances.RingVerification(id, n)) is not { Status: WorkflowStatus.Completed } child
                || child.ReadOutputAs<RingVerificationResult>() is not { } result)
            {
                continue;
            }

            decided.Add(n);
            var c = result.Status.Counts;
            var tone = result.Decision.Verdict == GateVerdict.Pass ? Tone.Good : Tone.Warn;
            var reading = string.Create(CultureInfo.InvariantCulture, $"{c.Succeeded}/{c.Targeted} succeeded ({c.SuccessShare:P1}), {c.Errors} errors, {c.Conflicts} conflicts, {c.Pending} pending");
            var name = child.Input is { } input ? System.Text.Json.JsonSerializer.Deserialize<RingVerificationRequest>(input, EngineJson.Options)?.Ring.Name : null;
            terminal.Line(tone, $"ring {n}/{ringCount} '{name}' gate {result.Decision.Verdict.ToString().ToLowerInvariant()} on {reading}: {string.Join("; ", result.Decision.Reasons.Take(2))}");
        }
    }

    private static void Paused(RolloutView view, Terminal terminal, bool viewAsJson)
    {
        if (terminal.IsJson && viewAsJson)
        {
            terminal.Json(view);
        }

        var what = view.Phase switch
        {
            "paused" => $"ring {view.RingNumber}/{view.RingCount} '{view.Ring}' failed its gate; the rollout is paused",
            "awaitingDeletionApproval" => $"ring {view.RingNumber}/{view.RingCount} '{view.Ring}' has cloud trust assigned; deleting its users' Hello containers waits for approval",
            _ => $"ring {view.RingNumber}/{view.RingCount} '{view.Ring}' passed; the next ring waits for approval",
        };
        terminal.Line(Tone.Warn, what);
        if (view.Unblock is { } unblock)
        {
            terminal.Line(Tone.Warn, $"unblock: {unblock}");
        }

        foreach (var line in TicketEvidenceText.Lines(view.Tickets, view.TicketCauses))
        {
            terminal.Line($"  {line}");
        }
        foreach (var reason in view.Reasons.Take(12))
        {
            terminal.Line($"  - {reason}");
        }

        if (view.Reasons.Count > 12)
        {
            terminal.Line(Tone.Dim, $"  … and {view.Reasons.Count - 12} more ('rollout status {view.Id}')");
        }

        terminal.Line($"next: {view.Next}");
    }

    private static int Finish(WorkflowInstance run, RolloutView view, Terminal terminal, bool abortAsked, bool viewAsJson)
    {
        if (terminal.IsJson && viewAsJson)
        {
            terminal.Json(view);
        }

        if (run.Status != WorkflowStatus.Completed || view.Report is not { } report)
        {
            terminal.Error($"rollout {run.InstanceId} ended {run.Status.ToString().ToLowerInvariant()}: {view.Failure}");
            return ExitCodes.Failed;
        }

        var tone = report.Outcome == RolloutOutcome.Completed ? Tone.Good : Tone.Bad;
        terminal.Line(tone, $"rollout {run.InstanceId} {report.Outcome.ToString().ToLowerInvariant()}" + (report.PolicyId is { } p ? $" (policy {p}, {report.ProfileAction?.ToString().ToLowerInvariant()})" : string.Empty));
        if (report.Abort is { } abort)
        {
            terminal.Line(tone, $"  {abort.Describe()}");
        }

        foreach (var reason in report.Outcome == RolloutOutcome.Blocked ? view.Reasons : [])
        {
            terminal.Line($"  - {reason}");
        }

        foreach (var error in report.Outcome == RolloutOutcome.InvalidPlan ? report.PlanErrors : [])
        {
            terminal.Error(error);
        }

        foreach (var line in RingLines(report))
        {
            terminal.Line(line);
        }

        return report.Outcome switch
        {
            RolloutOutcome.Completed => ExitCodes.Success,
            RolloutOutcome.Aborted when abortAsked => ExitCodes.Success,
            RolloutOutcome.InvalidPlan => ExitCodes.BadInput,
            _ => ExitCodes.Failed,
        };
    }

    /// <summary>One line per ring of a finished rollout, and what was rolled back.</summary>
    /// <param name="report">The rollout's report.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> RingLines(RolloutReport report)
    {
        foreach (var ring in report.Rings)
        {
            var c = ring.Counts;
            yield return $"  {ring.Name,-12} {ring.Verdict?.ToString().ToLowerInvariant() ?? "-",-5} {c?.Succeeded}/{c?.Targeted} succeeded, {c?.Errors} errors, {c?.Conflicts} conflicts, {c?.Pending} pending{(ring.ResumedByPerson ? "  (resumed by a person)" : string.Empty)}";
        }

        if (report.RolledBack.Count > 0)
        {
            yield return $"  rolled back {report.RolledBack.Count} group assignment(s)";
        }
    }
}
