using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// One ring's verification, run by the rollout as a sub-workflow: poll the ring's policy state on durable timers and
/// evaluate the gate until it passes or fails, then return the decision. The polling of an enterprise ring can last
/// weeks (every 15 minutes up to the verification deadline); so that no history grows with it, the workflow
/// continues as new every <see cref="PollsPerExecution"/> polls, carrying only its counts, the last reading and the
/// verdict. The gate's waits for people (resume, abort, approve) stay in the rollout, where the events are raised; an
/// <c>abort</c> raised on this instance while it waits between polls (the next safe point) ends the verification at
/// once, and the rollout then aborts and rolls back as at a gate.
/// </summary>
/// <remarks>
/// Its custom status is the rollout's <see cref="RolloutStatus"/> for the ring (phase <c>verifying</c>), which status
/// readers show instead of the rollout's own while the rollout waits for it (<see cref="RolloutChildInstances"/>).
/// Durable's guidance for long loops: "Eternal orchestrations" and "Sub-orchestrations" on learn.microsoft.com.
/// </remarks>
public sealed class RingVerificationWorkflow : IWorkflow<RingVerificationRequest, RingVerificationResult>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "RingVerification";

    /// <summary>
    /// Polls per execution before it continues as new: 48 (12 hours at the default 15-minute interval) keeps an
    /// execution's history under 250 entries on the local engine (five per poll: the timer, the wait for an abort, the read).
    /// </summary>
    public const int PollsPerExecution = 48;

    /// <summary>Polls per execution when each poll also reads the ticket probe (six entries a poll): still under 200 entries.</summary>
    public const int TicketPollsPerExecution = 32;

    /// <inheritdoc />
    public async Task<RingVerificationResult> RunAsync(IWorkflowContext context, RingVerificationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ring = input.Ring;
        var status = input.Last;
        var decision = input.Decision;
        var polls = input.Polls;
        var tickets = input.LastTickets;
        var perExecution = input.TicketScriptId is null ? PollsPerExecution : TicketPollsPerExecution;
        for (var i = 0; i < perExecution; i++)
        {
            Show(context, input, status, decision, tickets);
            if (await AbortedBeforeAsync(context, context.CurrentUtcDateTime + input.PollInterval) is { } by)
            {
                var reading = status ?? new RingStatusResult(new RingCounts(0, 0, 0, 0, 0, 0), []);
                return new RingVerificationResult(reading, new GateDecision(GateVerdict.Fail, [$"aborted by {by} while the ring was verifying"]), polls, Aborted: true, Tickets: tickets);
            }

            status = await context.CallActivityAsync<RingStatusResult>(
                RolloutActivityNames.ReadRingStatus,
                new RingStatusInput(input.Mode, input.PolicyId, ring.GroupIds, RolloutWorkflow.SampleLimit),
                RolloutWorkflow.Retry);
            if (input.TicketScriptId is { } scriptId)
            {
                tickets = await context.CallActivityAsync<TicketProbeSummary>(
                    RolloutActivityNames.ReadTicketProbe,
                    new TicketProbeReadInput(scriptId, RolloutWorkflow.SampleLimit, ring.GroupIds, input.KerberosDomains),
                    RolloutWorkflow.Retry);
            }

            polls++;
            decision = RingGate.Evaluate(ring, status.Counts, tickets?.Counts, context.CurrentUtcDateTime - input.AssignedAt);
            Show(context, input, status, decision, tickets);
            if (decision.Verdict != GateVerdict.Wait)
            {
                return new RingVerificationResult(status, decision, polls, Tickets: tickets);
            }
        }

        context.ContinueAsNew(input with { Polls = polls, Last = status, Decision = decision, LastTickets = tickets });
        return null!;
    }

    /// <summary>Waits for the next poll, or an abort raised on this instance first (then who asked).</summary>
    private static async Task<string?> AbortedBeforeAsync(IWorkflowContext context, DateTime next)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(next, cancel.Token);
        var abort = context.WaitForExternalEvent<System.Text.Json.JsonElement?>(RolloutEvents.Abort, Timeout.InfiniteTimeSpan, cancel.Token);
        var first = await Task.WhenAny(timer, abort);
        // Cancel synchronously: the losing wait is withdrawn on the workflow's own thread, before it goes on.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
        if (first != abort)
        {
            return null;
        }

        var payload = await abort;
        return payload is { ValueKind: System.Text.Json.JsonValueKind.Object } o && o.TryGetProperty("by", out var by) && by.ValueKind == System.Text.Json.JsonValueKind.String ? by.GetString() : "a person";
    }

    private static void Show(IWorkflowContext context, RingVerificationRequest input, RingStatusResult? status, GateDecision? decision, TicketProbeSummary? tickets)
        => context.SetCustomStatus(RolloutStatus.Create(
            "verifying",
            input.Ring.Name,
            input.RingNumber,
            input.RingCount,
            status?.Counts,
            decision?.Verdict ?? GateVerdict.Wait,
            decision?.Reasons ?? [],
            [RolloutEvents.Abort],
            tickets));
}
