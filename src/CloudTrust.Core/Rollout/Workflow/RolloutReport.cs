using CloudTrust.Core.Migration;
using CloudTrust.Core.Rollout.Activities;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>The rollout's final report (its output); never holds secrets.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="PlanErrors">Plan validation errors (<c>path: message</c>).</param>
/// <param name="Conflicts">Conflicting policies found by preflight.</param>
/// <param name="KerberosServers">Kerberos server health per domain.</param>
/// <param name="PolicyId">Our profile's id, once ensured.</param>
/// <param name="ProfileAction">What ensuring the profile did.</param>
/// <param name="Rings">One report per ring reached.</param>
/// <param name="RolledBack">Groups removed again on abort.</param>
/// <param name="TicketProbe">What the ticket probe found, when the plan asked for it.</param>
/// <param name="Analyses">Each ring's precedence report and migration, as preflight read them.</param>
/// <param name="OnPremises">What preflight read on-premises (domain controllers per site, privileged ring users) and whether each finding blocks or warns; null when no agent was asked.</param>
/// <param name="ConflictCount">How many conflicting policies preflight found in all (<paramref name="Conflicts"/> holds at most <see cref="MaxConflicts"/> of them).</param>
/// <param name="Abort">Who aborted the rollout and at which phase, when <paramref name="Outcome"/> is <see cref="RolloutOutcome.Aborted"/>.</param>
public sealed record RolloutReport(
    RolloutOutcome Outcome,
    IReadOnlyList<string> PlanErrors,
    IReadOnlyList<PolicyConflict> Conflicts,
    IReadOnlyList<KerberosDomainHealth> KerberosServers,
    string? PolicyId,
    ProfileAction? ProfileAction,
    IReadOnlyList<RingReport> Rings,
    IReadOnlyList<Guid> RolledBack,
    TicketProbeSummary? TicketProbe = null,
    IReadOnlyList<RingAnalysis>? Analyses = null,
    int ConflictCount = 0,
    Readiness.OnPremisesFindings? OnPremises = null,
    RolloutAbort? Abort = null)
{
    /// <summary>
    /// How many conflicting policies the report names at most: the report is the workflow's output, which the HTTP
    /// view answers and which must stay within <see cref="Workflows.StatusBudget.MaxPayloadBytes"/>.
    /// </summary>
    public const int MaxConflicts = 20;

    /// <summary>
    /// Gets the report within <see cref="Workflows.StatusBudget.MaxPayloadBytes"/>: as it is when it fits, else with
    /// the ring analyses cut to 5 items a list, then 5 conflicts, then the analyses' lists and the conflicts dropped
    /// (their counts stay).
    /// </summary>
    /// <returns>The report.</returns>
    public RolloutReport WithinBudget() => Workflows.StatusBudget.FitWithin(
        this,
        Workflows.StatusBudget.MaxPayloadBytes,
        r => r with { Analyses = r.Analyses?.Select(a => a.ForReport(5)).ToList() },
        r => r with { Conflicts = [.. r.Conflicts.Take(5)] },
        r => r with { Analyses = r.Analyses?.Select(a => a.ForReport(0)).ToList() },
        r => r with { Conflicts = [] });

    /// <summary>Gets how many conflicting policies the report leaves out.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int MoreConflicts => Math.Max(0, ConflictCount - (Conflicts?.Count ?? 0));
}
