using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// Input of <see cref="RingVerificationWorkflow"/>: the ring and its profile, and the minimal state one execution hands
/// the next when it continues as new (polls so far, the last reading and verdict). Never a secret.
/// </summary>
/// <param name="Ring">The ring and its thresholds (groups resolved).</param>
/// <param name="RingNumber">The ring's number in the plan, from 1 (for the status).</param>
/// <param name="RingCount">How many rings the plan has (for the status).</param>
/// <param name="Mode">Settings catalog or custom OMA-URI.</param>
/// <param name="PolicyId">The profile's id.</param>
/// <param name="PollInterval">How long to wait before each read.</param>
/// <param name="AssignedAt">When the ring was assigned (workflow time): the soak and the deadline count from it.</param>
/// <param name="Polls">Status reads made so far, over every execution.</param>
/// <param name="Last">The last read, if any.</param>
/// <param name="Decision">The gate's last decision, if any.</param>
/// <param name="TicketScriptId">The ticket probe's script id when the ring gates on tickets: each poll reads the ring's probe results too.</param>
/// <param name="KerberosDomains">The AD domains with a healthy Kerberos server object, to classify devices without tickets.</param>
/// <param name="LastTickets">The last read of the ring's ticket probe, if any.</param>
public sealed record RingVerificationRequest(
    RolloutRing Ring,
    int RingNumber,
    int RingCount,
    ProfileMode Mode,
    string PolicyId,
    TimeSpan PollInterval,
    DateTime AssignedAt,
    int Polls = 0,
    RingStatusResult? Last = null,
    GateDecision? Decision = null,
    string? TicketScriptId = null,
    IReadOnlyList<string>? KerberosDomains = null,
    TicketProbeSummary? LastTickets = null);
