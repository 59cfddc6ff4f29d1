using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>Output of <see cref="RingVerificationWorkflow"/>: the gate's decision (pass or fail) and the read behind it.</summary>
/// <param name="Status">The last read of the ring's device states.</param>
/// <param name="Decision">The gate's decision; never <see cref="GateVerdict.Wait"/>.</param>
/// <param name="Polls">How many reads the ring took, over every execution.</param>
/// <param name="Aborted">Whether a person aborted the rollout while the ring verified (the decision then says who).</param>
/// <param name="Tickets">The last read of the ring's ticket probe, when the ring gates on tickets.</param>
public sealed record RingVerificationResult(RingStatusResult Status, GateDecision Decision, int Polls, bool Aborted = false, TicketProbeSummary? Tickets = null);
