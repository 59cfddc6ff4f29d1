using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// Reads the ticket probe's results on durable timers until its goal is met or its time is up, as a sub-workflow of the
/// rollout (a key-trust ring's sign-in tracking, and the final probe), continuing as new every
/// <see cref="RingVerificationWorkflow.PollsPerExecution"/> reads so that a probe tracked up to a ring's deadline
/// grows no history. Returns the last read; an <c>abort</c> passed on by the rollout ends it at its next safe point (<see cref="AbortWatch"/>).
/// </summary>
public sealed class TicketProbeTrackingWorkflow : IWorkflow<TicketProbeTrackingRequest, TicketProbeSummary>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "TicketProbeTracking";

    /// <inheritdoc />
    public async Task<TicketProbeSummary> RunAsync(IWorkflowContext context, TicketProbeTrackingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var polls = input.Polls;
        TicketProbeSummary? summary = input.Last;
        var abort = AbortWatch.Open(context);
        for (var i = 0; i < RingVerificationWorkflow.PollsPerExecution; i++)
        {
            if (!input.UntilWorking)
            {
                context.SetCustomStatus(input.Status);
            }

            if (await abort.FirstAsync(context.CreateTimer(context.CurrentUtcDateTime + input.PollInterval, CancellationToken.None)))
            {
                // Aborted (passed on by the rollout): the last read is what there is; the timer is left to lapse.
                return summary!;
            }

            summary = await context.CallActivityAsync<TicketProbeSummary>(
                RolloutActivityNames.ReadTicketProbe,
                new TicketProbeReadInput(input.ScriptId, RolloutWorkflow.SampleLimit, input.GroupIds),
                RolloutWorkflow.Retry);
            polls++;
            if (input.UntilWorking)
            {
                context.SetCustomStatus(input.Status with { Reasons = [$"{summary.Working} of {input.Targeted} device(s) get cloud and on-premises TGTs after signing out and in ({summary.Reported} reported)"] });
            }

            var reached = input.UntilWorking ? summary.Working >= input.Targeted : summary.Reported >= input.Targeted;
            if (reached || context.CurrentUtcDateTime >= input.Until)
            {
                return summary;
            }
        }

        context.ContinueAsNew(input with { Polls = polls, Last = summary });
        return summary!;
    }
}
