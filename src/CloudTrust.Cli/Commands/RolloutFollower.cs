using CloudTrust.Cli.Output;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// Drives a rollout in the foreground: shows its progress as it changes, and stops when it finishes (exit 0/1) or
/// pauses at a gate or for approval (exit 3, with the reasons and the next command).
/// </summary>
internal static class RolloutFollower
{
    /// <summary>A gate the command has just answered: its pause does not count until the rollout moves past it.</summary>
    public sealed record AnsweredGate(string Phase, int RingNumber);

    public static async Task<int> FollowAsync(RolloutHost host, string id, Terminal terminal, bool json, AnsweredGate? answered, bool abortAsked, CancellationToken cancellationToken)
    {
        string? shown = null;
        while (true)
        {
            var run = host.Engine.GetInstance(id)!;
            var view = RolloutView.Read(host.Engine, run);
            if (answered is not null && (view.Phase != answered.Phase || view.RingNumber != answered.RingNumber || run.Status.IsFinal()))
            {
                answered = null;
            }

            // A terminal redraws the line as the wait counts down; plain output gets a line per change of state only.
            var line = view.Summary(host.Clock);
            var progress = terminal.IsLive ? line : $"{run.Status} {view.Phase} {view.RingNumber} {view.Counts} {view.Verdict} {string.Join("; ", view.Reasons)} {string.Join(",", view.WaitingFor)}";
            if (!json && progress != shown && answered is null)
            {
                shown = progress;
                terminal.Progress(line);
            }

            if (run.Status.IsFinal())
            {
                return Finish(run, view, terminal, json, abortAsked);
            }

            if (answered is null && view.Phase is "paused" or "awaitingApproval" or "awaitingDeletionApproval")
            {
                Paused(view, terminal, json);
                return ExitCodes.NeedsAttention;
            }

            await Task.Delay(150, cancellationToken);
        }
    }

    private static void Paused(RolloutView view, Terminal terminal, bool json)
    {
        if (json)
        {
            terminal.Line(JsonOutput.Render(view));
            return;
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
            terminal.Line(Tone.Dim, $"  … and {view.Reasons.Count - 12} more ('cloudtrust rollout status {view.Id}')");
        }

        terminal.Line($"next: {view.Next}");
    }

    private static int Finish(WorkflowInstance run, RolloutView view, Terminal terminal, bool json, bool abortAsked)
    {
        if (json)
        {
            terminal.Line(JsonOutput.Render(view));
        }

        if (run.Status != WorkflowStatus.Completed || view.Report is not { } report)
        {
            terminal.Error($"rollout {run.InstanceId} ended {run.Status.ToString().ToLowerInvariant()}: {view.Failure}");
            return ExitCodes.Failed;
        }

        if (!json)
        {
            var tone = report.Outcome == RolloutOutcome.Completed ? Tone.Good : Tone.Bad;
            terminal.Line(tone, $"rollout {run.InstanceId} {report.Outcome.ToString().ToLowerInvariant()}" + (report.PolicyId is { } p ? $" (policy {p}, {report.ProfileAction?.ToString().ToLowerInvariant()})" : string.Empty));
            foreach (var reason in report.Outcome == RolloutOutcome.Blocked ? view.Reasons : [])
            {
                terminal.Line($"  - {reason}");
            }

            foreach (var error in report.Outcome == RolloutOutcome.InvalidPlan ? report.PlanErrors : [])
            {
                terminal.Error(error);
            }

            foreach (var ring in report.Rings)
            {
                var c = ring.Counts;
                terminal.Line($"  {ring.Name,-12} {ring.Verdict?.ToString().ToLowerInvariant(),-5} {c?.Succeeded}/{c?.Targeted} succeeded, {c?.Errors} errors, {c?.Conflicts} conflicts, {c?.Pending} pending{(ring.ResumedByPerson ? "  (resumed by a person)" : string.Empty)}");
            }

            if (report.RolledBack.Count > 0)
            {
                terminal.Line($"  rolled back {report.RolledBack.Count} group assignment(s)");
            }
        }

        return report.Outcome switch
        {
            RolloutOutcome.Completed => ExitCodes.Success,
            RolloutOutcome.Aborted when abortAsked => ExitCodes.Success,
            RolloutOutcome.InvalidPlan => ExitCodes.BadInput,
            _ => ExitCodes.Failed,
        };
    }
}
