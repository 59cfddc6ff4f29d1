using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Engine.Journal;

namespace CloudTrust.Cli.Commands;

/// <summary>What <c>rollout status</c> shows of one rollout, read from the journal only.</summary>
/// <param name="Id">The rollout (instance) id.</param>
/// <param name="Status">Where the rollout stands: the engine's status while it runs, its outcome once it has finished (<c>Completed</c>, <c>Aborted</c>, <c>Blocked</c>, <c>InvalidPlan</c>), consistent with <paramref name="Phase"/>.</param>
/// <param name="RunStatus">The engine's status of the instance.</param>
/// <param name="Phase">The workflow's phase (<c>preflight</c>, <c>verifying</c>, <c>paused</c>, <c>awaitingApproval</c>, <c>done</c>…).</param>
/// <param name="Ring">The current ring.</param>
/// <param name="RingNumber">The current ring's number, from 1.</param>
/// <param name="RingCount">How many rings the plan has.</param>
/// <param name="Counts">The current ring's last device counts.</param>
/// <param name="Verdict">The last gate verdict.</param>
/// <param name="Reasons">The gate's reasons.</param>
/// <param name="WaitingFor">The events the rollout waits for.</param>
/// <param name="NextCheckAt">When the pending durable timer fires (workflow time), when one is pending.</param>
/// <param name="Report">The final report, once completed.</param>
/// <param name="Failure">What went wrong, once failed.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Next">The commands to type next, when the rollout needs a person, joined by <c>  |  </c>.</param>
/// <param name="Tickets">The current ring's ticket probe counts, when it gates on tickets.</param>
/// <param name="TicketCauses">The current ring's causes of devices without tickets, with counts and actions.</param>
/// <param name="Unblock">The change that unblocks a ring its ticket evidence holds (<see cref="TicketNextAction"/>).</param>
/// <param name="Abort">Who aborted the rollout and at which phase and ring, once it was aborted (the report's <see cref="RolloutReport.Abort"/>).</param>
/// <param name="OnPremises">What preflight read on-premises (domain controllers per site, privileged ring users), with what blocks and what warns.</param>
internal sealed record RolloutView(
    string Id,
    string Status,
    WorkflowStatus RunStatus,
    string? Phase,
    string? Ring,
    int RingNumber,
    int RingCount,
    RingCounts? Counts,
    GateVerdict? Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> WaitingFor,
    DateTimeOffset? NextCheckAt,
    RolloutReport? Report,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Next,
    TicketCounts? Tickets = null,
    IReadOnlyList<TicketCauseCount>? TicketCauses = null,
    string? Unblock = null,
    RolloutAbort? Abort = null,
    OnPremisesFindings? OnPremises = null)
{
    /// <summary>
    /// Reads one rollout's view from the journal. While the rollout waits for a polling child (a ring's verification or
    /// tracking, the final probe: <see cref="RolloutChildInstances"/>), the counts, verdict, reasons and next check are
    /// the child's, which does the polling.
    /// </summary>
    /// <param name="engine">An engine over the journal (it need not run instances).</param>
    /// <param name="run">The rollout instance.</param>
    /// <param name="next">Formats a next command (the invocation and the options it must carry).</param>
    /// <returns>The view.</returns>
    public static RolloutView Read(WorkflowEngine engine, WorkflowInstance run, Func<string[], string> next)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(run);
        var own = run.ReadCustomStatusAs<RolloutStatus>();
        if (!run.Status.IsFinal() && RolloutChildInstances.ToRead(run.InstanceId, own) is { } childId && engine.GetInstance(childId) is { } child)
        {
            var current = RolloutChildInstances.Current(own, child.ReadCustomStatusAs<RolloutStatus>());
            if (!ReferenceEquals(current, own))
            {
                return From(run, current, child.Status.IsFinal() ? [] : engine.GetHistory(childId), next) with { OnPremises = own?.OnPremises };
            }
        }

        return From(run, own, run.Status.IsFinal() ? [] : engine.GetHistory(run.InstanceId), next);
    }

    /// <summary>Builds the view from the rollout's own custom status.</summary>
    /// <param name="run">The rollout instance.</param>
    /// <param name="history">Its journal, for the next check; empty for none.</param>
    /// <param name="next">Formats a next command (the invocation and the options it must carry).</param>
    /// <returns>The view.</returns>
    public static RolloutView From(WorkflowInstance run, IReadOnlyList<HistoryEvent> history, Func<string[], string> next)
    {
        ArgumentNullException.ThrowIfNull(run);
        return From(run, run.ReadCustomStatusAs<RolloutStatus>(), history, next);
    }

    private static RolloutView From(WorkflowInstance run, RolloutStatus? status, IReadOnlyList<HistoryEvent> history, Func<string[], string> next)
    {
        var id = run.InstanceId;
        var nextText = status?.Phase switch
        {
            "paused" when !run.Status.IsFinal() => $"{next(["rollout", "resume", id])}   (accept the ring and go on)  |  {next(["rollout", "abort", id])}",
            "awaitingApproval" when !run.Status.IsFinal() => $"{next(["rollout", "approve", id])}  |  {next(["rollout", "abort", id])}",
            "awaitingDeletionApproval" when !run.Status.IsFinal() => $"{next(["rollout", "approve", id, "--delete-hello-containers", status.Ring ?? string.Empty])}   (deletes the ring's WHfB credentials; cannot be undone)  |  {next(["rollout", "abort", id])}   (restores certificate trust)",
            _ => null,
        };
        var report = run.Status == WorkflowStatus.Completed ? run.ReadOutputAs<RolloutReport>() : null;
        return new RolloutView(
            run.InstanceId,
            report is not null ? report.Outcome.ToString() : run.Status.ToString(),
            run.Status,
            status?.Phase,
            status?.Ring,
            status?.RingNumber ?? 0,
            status?.RingCount ?? 0,
            status?.Counts,
            status?.Verdict,
            status?.ReasonLines() ?? [],
            status?.WaitingFor ?? [],
            run.Status.IsFinal() ? null : PendingTimer(history),
            report,
            run.Failure?.Message ?? run.StatusReason,
            run.CreatedAt,
            run.UpdatedAt,
            nextText,
            status?.Tickets,
            status?.TicketCauses,
            run.Status.IsFinal() ? null : TicketNextAction.For(status),
            report?.Abort,
            status?.OnPremises ?? report?.OnPremises);
    }

    /// <summary>One line: ring n/N, phase, counts, verdict.</summary>
    public string Summary(TimeProvider? clock = null)
    {
        var parts = new List<string> { RingNumber > 0 ? $"ring {RingNumber}/{RingCount} {Ring}" : "preflight", Phase ?? RunStatus.ToString().ToLowerInvariant() };
        if (Counts is { } c)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Succeeded}/{c.Targeted} succeeded, {c.Errors} errors, {c.Conflicts} conflicts, {c.Pending} pending"));
        }

        if (Verdict is { } v)
        {
            parts.Add("gate " + v.ToString().ToLowerInvariant());
        }

        if (NextCheckAt is { } at)
        {
            parts.Add(clock is null
                ? string.Create(CultureInfo.InvariantCulture, $"next check at {at:yyyy-MM-dd HH:mm}Z")
                : at - clock.GetUtcNow() is var left && left <= TimeSpan.Zero ? "checking now" : $"next check in {Remaining(left)}");
        }

        return string.Join("  ", parts);
    }

    private static string Remaining(TimeSpan span)
        => span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m" : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))}m";

    private static DateTimeOffset? PendingTimer(IReadOnlyList<HistoryEvent> history)
    {
        var created = history.LastOrDefault(h => h.Kind == HistoryEventKind.TimerCreated);
        if (created is null || history.Any(h => h.Kind == HistoryEventKind.TimerFired && h.TaskId == created.TaskId) || created.Payload is null)
        {
            return null;
        }

        return JsonSerializer.Deserialize<DateTimeOffset>(created.Payload);
    }
}
