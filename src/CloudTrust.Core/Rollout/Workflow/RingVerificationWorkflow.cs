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
/// <c>abort</c> the rollout passes on to this instance (or one raised on it directly) ends the verification at its next
/// safe point — at once while it waits between polls, after the read in flight otherwise — and the rollout then aborts
/// and rolls back as at a gate. Each execution keeps one wait for the abort open from its start (<see cref="AbortWatch"/>).
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
    /// execution's history under 250 entries on the local engine (four per poll: the timer and the read, each asked
    /// and answered; and the execution's one wait for an abort).
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
        var abort = AbortWatch.Open(context);
        for (var i = 0; i < perExecution; i++)
        {
            Show(context, input, status, decision, tickets);
            if (await AbortedBeforeAsync(context, abort, context.CurrentUtcDateTime + input.PollInterval))
            {
                var reading = status ?? new RingStatusResult(new RingCounts(0, 0, 0, 0, 0, 0), []);
                return new RingVerificationResult(reading, new GateDecision(GateVerdict.Fail, [$"aborted by {abort.By} while the ring was verifying"]), polls, Aborted: true, Tickets: tickets);
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

    /// <summary>Waits for the next poll; true when the abort came first (or had come already: it is taken after the read in flight).</summary>
    private static async Task<bool> AbortedBeforeAsync(IWorkflowContext context, AbortWatch abort, DateTime next)
    {
        if (abort.Requested)
        {
            return true;
        }

        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(next, cancel.Token);
        if (!await abort.FirstAsync(timer))
        {
            return false;
        }

        // Withdraw the timer synchronously, on the workflow's own thread, before it goes on.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
        return true;
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
