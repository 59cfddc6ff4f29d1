using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// Reads, on durable timers, how many of a certificate-trust ring's users provisioned WHfB again after their Hello
/// containers were deleted, until all did or the ring's deadline passed, as a sub-workflow of the rollout that
/// continues as new every <see cref="RingVerificationWorkflow.PollsPerExecution"/> reads. Returns the last read; an
/// <c>abort</c> passed on by the rollout ends it at its next safe point (<see cref="AbortWatch"/>).
/// </summary>
public sealed class ReprovisioningTrackingWorkflow : IWorkflow<ReprovisioningTrackingRequest, ReprovisioningStatus>
{
    /// <summary>The workflow's registered name.</summary>
    public const string Name = "ReprovisioningTracking";

    /// <inheritdoc />
    public async Task<ReprovisioningStatus> RunAsync(IWorkflowContext context, ReprovisioningTrackingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var polls = input.Polls;
        ReprovisioningStatus? progress = input.Last;
        var abort = AbortWatch.Open(context);
        for (var i = 0; i < RingVerificationWorkflow.PollsPerExecution; i++)
        {
            if (await abort.FirstAsync(context.CreateTimer(context.CurrentUtcDateTime + input.PollInterval, CancellationToken.None)))
            {
                // Aborted (passed on by the rollout): the last read is what there is; the timer is left to lapse.
                return progress!;
            }

            progress = await context.CallActivityAsync<ReprovisioningStatus>(
                RolloutActivityNames.ReadReprovisioning,
                new ReprovisioningInput(input.GroupIds, input.ScriptId, input.DeployedAt, RolloutWorkflow.SampleLimit),
                RolloutWorkflow.Retry);
            polls++;
            context.SetCustomStatus(input.Status with { Reasons = [$"{progress.Reprovisioned} of {progress.Users} user(s) provisioned WHfB again; containers deleted on {progress.ContainersDeleted} device(s)"] });
            if (progress.Reprovisioned >= progress.Users || context.CurrentUtcDateTime >= input.Until)
            {
                return progress;
            }
        }

        context.ContinueAsNew(input with { Polls = polls, Last = progress });
        return progress!;
    }
}
