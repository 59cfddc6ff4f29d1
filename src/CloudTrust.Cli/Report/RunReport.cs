using CloudTrust.Cli.Commands;

using CloudTrust.Core.Migration;

namespace CloudTrust.Cli.Report;

/// <summary>Everything the HTML report shows about one rollout, read from the journal (and a live Kerberos read).</summary>
/// <param name="RolloutId">The rollout instance id.</param>
/// <param name="Status">The instance status (Completed, Running, …).</param>
/// <param name="Phase">The rollout's last phase.</param>
/// <param name="Outcome">The outcome when finished.</param>
/// <param name="CreatedAt">When it started (engine clock).</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Rings">Per-ring counts and gate verdicts, in order.</param>
/// <param name="Timeline">Device states over time, summed over the rings assigned so far.</param>
/// <param name="FailingDevices">Failing devices named by the rollout (capped).</param>
/// <param name="MoreFailing">How many more failing devices the counts hold than are named.</param>
/// <param name="Kerberos">Per-domain Kerberos server health and key age.</param>
/// <param name="Precedence">Each ring's WHfB sources and migration as preflight read them (empty before preflight finished).</param>
/// <param name="NextAction">What unblocks a ring its ticket evidence holds, when it does.</param>
/// <param name="Tickets">Each ring's ticket evidence: counts, causes with actions, failing devices with their cause.</param>
/// <param name="RingProgress">Each ring's own progress over time (policy succeeded, tickets working).</param>
/// <param name="OnPremises">What preflight read on-premises (domain controllers per site, privileged ring users), with what blocks and what warns.</param>
/// <param name="Abort">Who aborted the rollout and where it was when it took the abort, once it was aborted.</param>
internal sealed record RunReport(
    string RolloutId,
    string Status,
    string Phase,
    string? Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RingRow> Rings,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<FailingDeviceRow> FailingDevices,
    int MoreFailing,
    IReadOnlyList<KerberosRow> Kerberos,
    IReadOnlyList<RingAnalysis> Precedence,
    string? NextAction = null,
    IReadOnlyList<RingTickets>? Tickets = null,
    IReadOnlyList<RingSeries>? RingProgress = null,
    CloudTrust.Core.Rollout.Readiness.OnPremisesFindings? OnPremises = null,
    CloudTrust.Core.Rollout.Workflow.RolloutAbort? Abort = null);

/// <summary>One ring's ticket evidence.</summary>
internal sealed record RingTickets(string Ring, CloudTrust.Core.Rollout.Activities.TicketProbeSummary Summary);

/// <summary>A share (0..1) at one read.</summary>
internal sealed record SharePoint(DateTimeOffset At, double Share);

/// <summary>One ring's own progress: its policy succeeded share per status read and its ticket working share per probe read.</summary>
internal sealed record RingSeries(string Ring, IReadOnlyList<SharePoint> Policy, IReadOnlyList<SharePoint> Tickets);

/// <summary>One ring's line.</summary>
internal sealed record RingRow(string Name, int Targeted, int Succeeded, int Errors, int Conflicts, int Pending, int NotApplicable, string Verdict, IReadOnlyList<string> Reasons, bool ResumedByPerson);

/// <summary>The fleet's device states at one status read.</summary>
internal sealed record TimelinePoint(DateTimeOffset At, int Succeeded, int Failed, int Pending);

/// <summary>A failing device and why.</summary>
internal sealed record FailingDeviceRow(string Ring, string DeviceName, string DeviceId, string State);

/// <summary>One domain's Kerberos server object, with the last rotation the history knows.</summary>
internal sealed record KerberosRow(DomainKerberosStatus Status, DateTimeOffset? LastRotation, string? LastOutcome);
