using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// Input of <see cref="TicketProbeTrackingWorkflow"/>: which probe to read, until when, what the rollout's status says
/// meanwhile, and the minimal state one execution hands the next when it continues as new. Never a secret.
/// </summary>
/// <param name="ScriptId">The ticket probe's Remediations script id.</param>
/// <param name="GroupIds">Only these groups' devices (a migrating ring's), or every targeted device when null.</param>
/// <param name="Targeted">How many devices the probe should hear from.</param>
/// <param name="UntilWorking">
/// True for a key-trust ring's sign-in tracking: until every targeted device gets both TGTs, showing the progress after
/// each read; false for the rollout's final probe: until every targeted device reported.
/// </param>
/// <param name="Until">When to stop waiting (workflow time).</param>
/// <param name="PollInterval">How long to wait before each read.</param>
/// <param name="Status">The rollout's status while the probe is tracked; the progress goes into its reasons.</param>
/// <param name="Polls">Reads made so far, over every execution.</param>
/// <param name="Last">The last read, if any.</param>
public sealed record TicketProbeTrackingRequest(
    string ScriptId,
    IReadOnlyList<Guid>? GroupIds,
    int Targeted,
    bool UntilWorking,
    DateTime Until,
    TimeSpan PollInterval,
    RolloutStatus Status,
    int Polls = 0,
    TicketProbeSummary? Last = null);
