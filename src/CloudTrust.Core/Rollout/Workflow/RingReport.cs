using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>What happened in one ring.</summary>
/// <param name="Name">The ring's name.</param>
/// <param name="Readiness">Readiness before assignment.</param>
/// <param name="Added">Groups this run added to the assignment list.</param>
/// <param name="Counts">The last device-state counts.</param>
/// <param name="Verdict">The last gate verdict.</param>
/// <param name="Reasons">The gate's reasons.</param>
/// <param name="Failing">Named failing devices.</param>
/// <param name="ResumedByPerson">Whether a person resumed after a failed gate.</param>
/// <param name="Polls">How many status reads the ring took.</param>
/// <param name="Migration">What the ring's migration did, when it migrates from key or certificate trust.</param>
/// <param name="Tickets">The ring's ticket evidence (counts, causes, failing devices), when the ring gates on tickets.</param>
public sealed record RingReport(
    string Name,
    ReadinessResult? Readiness,
    IReadOnlyList<Guid> Added,
    RingCounts? Counts,
    GateVerdict? Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<DeviceIssue> Failing,
    bool ResumedByPerson,
    int Polls,
    RingMigrationProgress? Migration = null,
    TicketProbeSummary? Tickets = null);
